import Figures
import Foundation
import Lang
import Render

extension KernelHost {
    /// The most elements a tensor may have for its heatmap to be drawn.
    static let maximumHeatmapElements = 1 << 20

    /// The session's variables; while a cell holds the session, those taken after the last cell finished
    /// (with its execution count), or a failure when none were taken yet.
    func variablesReply(request: Int) -> KernelMessage {
        state.withLock { $0.variablesWatched = true }
        if let variables = whileNoCellRuns(currentVariables) { return .variables(request: request, variables) }
        guard let copy = state.withLock({ $0.lastVariables }) else {
            return .failure(request: request, message: "the kernel is busy running a cell")
        }
        return .variables(request: request, copy.variables, asOf: copy.executionCount)
    }

    /// `read`, tried again for a moment while no cell runs: the runner may hold the session just then to
    /// keep a copy of the variables (`keepVariables`). `nil` as soon as a cell runs, or after 100 ms.
    private func whileNoCellRuns<T>(_ read: () -> T?) -> T? {
        for _ in 0..<100 {
            if let value = read() { return value }
            guard state.withLock({ $0.current == nil }) else { return nil }
            usleep(1000)
        }
        return nil
    }

    /// After a cell finished: keeps a copy of the variables to answer with while the next cell runs, once
    /// they were asked for (so a session nobody looks into pays nothing).
    func keepVariables(after executionCount: Int) {
        guard state.withLock({ $0.variablesWatched }) else { return }
        // The reader thread may be reading them for a request just now; it lets go at once.
        for attempt in 0..<3 {
            if let variables = currentVariables() {
                state.withLock { $0.lastVariables = (executionCount, variables) }
                return
            }
            if attempt < 2 { usleep(1000) }
        }
    }

    /// The session's variables now, or `nil` while a cell (or another reader) holds the session.
    private func currentVariables() -> [SessionVariable]? {
        session.variables()
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
