import Figures
import Lang
import Render

extension KernelHost {
    /// The most elements a tensor may have for its heatmap to be drawn.
    static let maximumHeatmapElements = 1 << 20

    /// The session's variables, or a failure while a cell holds the session.
    func variablesReply(request: Int) -> KernelMessage {
        guard let variables = session.variables() else {
            return .failure(request: request, message: "the kernel is busy running a cell")
        }
        return .variables(
            request: request,
            variables.map {
                VariableSummary(name: $0.name, type: $0.typeName, shape: $0.shape, dtype: $0.dtype, summary: $0.summary)
            })
    }

    /// A PNG of tensor variable `name` as `show` draws it, or `nil` when there is no drawable tensor by
    /// that name (or a cell holds the session).
    func heatmapReply(request: Int, name: String) -> KernelMessage {
        guard let tensor = session.tensor(named: name), tensor.count > 0,
            tensor.count <= KernelHost.maximumHeatmapElements,
            let figure = try? Figure.show(tensor, title: name),
            let image = try? Renderer.render(figure)
        else { return .heatmap(request: request, png: nil) }
        return .heatmap(request: request, png: image.png)
    }
}
