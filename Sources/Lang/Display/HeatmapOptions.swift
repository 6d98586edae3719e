import Figures
import Tensors

/// The keyword arguments every heatmap function shares, checked:
/// `title=None, cmap=None, annotate=None, vmin=None, vmax=None`.
struct HeatmapOptions {
    /// The parameter names after the tensor, in order.
    static let parameters = ["title", "cmap", "annotate", "vmin", "vmax"]

    var title: String?
    var cmap: Colormap?
    var annotate: Bool?
    var vmin: Float?
    var vmax: Float?
}

extension Interpreter {
    /// The options from the values bound to ``HeatmapOptions/parameters`` for the function `name`.
    func heatmapOptions(_ name: String, _ values: [Value?]) throws(PyError) -> HeatmapOptions {
        var options = HeatmapOptions()
        options.title = try optionalText(values[0], name, "title")
        if let cmap = values[1].orNone {
            guard case .str(let text) = cmap else {
                throw PyError.type("\(name)(): cmap must be a colormap name (str), not '\(typeName(of: cmap))'")
            }
            guard let colormap = Colormap(name: text) else {
                throw PyError.value(
                    "\(name)(): unknown colormap '\(text)'; choose one of \(Colormap.names.joined(separator: ", "))")
            }
            options.cmap = colormap
        }
        options.annotate = try flag(values[2], name, "annotate")
        options.vmin = try limit(values[3], name, "vmin")
        options.vmax = try limit(values[4], name, "vmax")
        if let vmin = options.vmin, let vmax = options.vmax, vmin >= vmax {
            throw PyError.value(
                "\(name)(): vmin (\(pythonFloatRepr(Double(vmin)))) must be less than vmax "
                    + "(\(pythonFloatRepr(Double(vmax)))); they are the values drawn in the lowest and highest colours")
        }
        return options
    }

    /// A tensor to draw: a tensor or nested lists of numbers. A layer gets a hint to pass its weight.
    func figureTensor(_ value: Value?, _ name: String, _ parameter: String) throws(PyError) -> Tensor {
        let value = value ?? .none
        if case .object(let object) = value, object is LayerObject {
            throw PyError.type(
                "\(name)(): \(parameter) must be a tensor, not a \(object.typeName) layer; "
                    + "to see its kernels pass its weight, e.g. \(name)(conv.weight)")
        }
        return try tensorArgument(value, "\(name)(): \(parameter)")
    }

    /// A `str` argument that may be `None`.
    func optionalText(_ value: Value?, _ name: String, _ parameter: String) throws(PyError) -> String? {
        guard let value = value.orNone else { return nil }
        guard case .str(let text) = value else {
            throw PyError.type("\(name)(): \(parameter) must be str or None, not '\(typeName(of: value))'")
        }
        return text
    }

    /// `True`, `False` or `None` (nil).
    func flag(_ value: Value?, _ name: String, _ parameter: String) throws(PyError) -> Bool? {
        guard let value = value.orNone else { return nil }
        guard case .bool(let flag) = value else {
            throw PyError.type("\(name)(): \(parameter) must be True, False or None, not '\(typeName(of: value))'")
        }
        return flag
    }

    /// A finite number for `vmin`/`vmax`, or nil for `None`.
    private func limit(_ value: Value?, _ name: String, _ parameter: String) throws(PyError) -> Float? {
        guard let value = value.orNone else { return nil }
        let number = try floatArgument(value, "\(name)(): \(parameter)")
        guard number.isFinite, abs(number) <= Double(Float.greatestFiniteMagnitude) else {
            throw PyError.value("\(name)(): \(parameter) must be a finite number, not \(pythonFloatRepr(number))")
        }
        return Float(number)
    }
}
