import Tensors

/// `nn.Sequential(*layers)`: applies its modules in order. Its entries are named submodules
/// (`0`, `1`, … or the name given to `add_module`), as PyTorch's `_modules`: an index counts
/// positions, a slice keeps the names, and the repr shows them.
final class SequentialLayer: Layer {
    /// The submodules in order, by name; an entry may be `None` (`add_module('x', None)`).
    private(set) var entries: [(name: String, module: Value)]

    init(entries: [(name: String, module: Value)]) { self.entries = entries }

    /// A Sequential of `layers` named `0`, `1`, ….
    convenience init(layers: [Value]) {
        self.init(entries: layers.enumerated().map { (String($0.offset), $0.element) })
    }

    /// The modules in order.
    var layers: [Value] { entries.map(\.module) }

    override var typeName: String { "Sequential" }

    /// Passes the argument itself along, so a tensor that requires grad keeps its identity.
    override func call(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value? {
        try arguments.expectPositional("forward", 1)
        try interpreter.checkInterrupt()
        var value = arguments.positional[0]
        var index = 0
        while index < entries.count {
            let entry = entries[index]
            if index + 1 < entries.count, let pooled = try sigmoidPooling(value, entry, entries[index + 1], interpreter)
            {
                value = pooled
                index += 2
                continue
            }
            do {
                value = try interpreter.call(entry.module, Arguments([value]))
            } catch {
                throw naming(entry, input: value, in: error, interpreter)
            }
            index += 1
        }
        return value
    }

    /// The result of `nn.Sigmoid()` followed by `nn.AvgPool2d` on `value`, computed in one pass
    /// (``AvgPool2dLayer/forward(_:afterSigmoidOf:)``); `nil` when `first` and `second` are not those
    /// layers or `value` is not a float32 tensor of 3 or 4 dimensions, and the layers run one by one.
    /// The sigmoid's output, which only the pooling sees here, is not made into a Python tensor.
    private func sigmoidPooling(
        _ value: Value, _ first: (name: String, module: Value), _ second: (name: String, module: Value),
        _ interpreter: Interpreter
    ) throws(PyError) -> Value? {
        guard case .object(let activation as ElementwiseLayer) = first.module, activation.name == "Sigmoid",
            case .object(let pooling as AvgPool2dLayer) = second.module, case .tensor(let box) = value,
            box.tensor.dtype == .float32, [3, 4].contains(box.tensor.shape.count)
        else { return nil }
        try interpreter.checkInterrupt()
        do {
            return try pooling.forward(interpreter, afterSigmoidOf: interpreter.tracked(box))
        } catch {
            // The sigmoid of a float32 tensor raises no runtime or value error (only a MemoryError, which
            // passes unnamed), so one of those comes from the pooling, given a tensor of the input's shape.
            throw naming(second, input: value, in: error, interpreter)
        }
    }

    /// A shape error from a layer, with which layer raised it and the shape it was given added:
    /// `… (in layer 3 of the Sequential, Conv2d(6, 16, kernel_size=(5, 5), stride=(1, 1)), given an input of
    /// shape [4, 3, 28, 28])`. Only the innermost Sequential adds it; Python exceptions, interrupts and the
    /// time limit pass unchanged.
    private func naming(
        _ entry: (name: String, module: Value), input: Value, in error: PyError, _ interpreter: Interpreter
    ) -> PyError {
        guard error.exception == nil, !error.isUncatchable, [.runtimeError, .valueError].contains(error.name),
            !error.message.contains(" of the Sequential")
        else { return error }
        var named = error
        let repr = (try? interpreter.repr(entry.module)) ?? ""
        let layer = repr.contains("\n") ? Lang.typeName(of: entry.module) : repr
        var note = "in layer \(entry.name) of the Sequential, \(layer)"
        if case .tensor = input, let tensor = try? interpreter.trackedArgument(input, "input") {
            let shape = formatShape(tensor.shape)
            let tuple = "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
            if !error.message.contains(shape) && !error.message.contains(tuple) {
                note += ", given an input of shape \(shape)"
            }
        }
        named.message += " (\(note))"
        return named
    }

    override func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        try call(interpreter, Arguments([interpreter.result(input)])) ?? .none
    }

    /// `add_module(name, module)`: appends a named entry, or replaces the entry of that name in place.
    func addModule(_ name: Value, _ module: Value, _ interpreter: Interpreter) throws(PyError) {
        guard case .str(let text) = name else {
            throw PyError.type("module name should be a string. Got \(Lang.typeName(of: name))")
        }
        guard ModuleRef(module) != nil || isNone(module) else {
            throw PyError.type("\(Lang.typeName(of: module)) is not a Module subclass")
        }
        guard !text.isEmpty else { throw PyError(.keyError, "'module name can\\'t be empty string \"\"'") }
        guard !text.contains(".") else {
            throw PyError(.keyError, "'module name can\\'t contain \".\", got: \(text)'")
        }
        if !entries.contains(where: { $0.name == text }), try super.attribute(text, interpreter) != nil {
            throw PyError(.keyError, "\"attribute '\(text)' already exists\"")
        }
        if let index = entries.firstIndex(where: { $0.name == text }) {
            entries[index].module = module
        } else {
            entries.append((text, module))
        }
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "__getitem__":
            return .builtin(
                BuiltinFunction.oneArgument(name) { [self] interpreter, index throws(PyError) in
                    if case .slice(let slice) = index {
                        return .object(SequentialLayer(entries: try interpreter.sliceItems(entries, slice)))
                    }
                    return entries[try position(index, interpreter)].module
                })
        case "__len__":
            return .builtin(BuiltinFunction(name) { [self] _, _ in .int(entries.count) })
        case "add_module", "register_module":
            return .builtin(
                BuiltinFunction(name) { [self] interpreter, arguments throws(PyError) in
                    let values = try arguments.bind(name, ["name", "module"], required: 2)
                    try addModule(values[0] ?? .none, values[1] ?? .none, interpreter)
                    return .none
                })
        case "append":
            return .builtin(
                BuiltinFunction.oneArgument(name) { [self] interpreter, argument throws(PyError) in
                    try addModule(.str(String(entries.count)), argument, interpreter)
                    return .object(self)
                })
        case "extend":
            return .builtin(
                BuiltinFunction.oneArgument(name) { [self] interpreter, argument throws(PyError) in
                    for module in try interpreter.iterateAll(argument) {
                        try addModule(.str(String(entries.count)), module, interpreter)
                    }
                    return .object(self)
                })
        default:
            if let entry = entries.first(where: { $0.name == name }) { return entry.module }
            return try super.attribute(name, interpreter)
        }
    }

    /// PyTorch's message for an index past the end: `index 3 is out of range`.
    private func position(_ index: Value, _ interpreter: Interpreter) throws(PyError) -> Int {
        do {
            return try interpreter.normalizedIndex(index, entries.count, "Sequential")
        } catch {
            guard error.name == .indexError, case .int(let number) = index else { throw error }
            throw PyError.index("index \(number) is out of range")
        }
    }

    override func makeIterator(_ interpreter: Interpreter) throws(PyError) -> ValueIterator? {
        ValueIterator(.array(layers))
    }

    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        guard !entries.isEmpty else { return "Sequential()" }
        var lines = ["Sequential("]
        for entry in entries {
            let text = try interpreter.repr(entry.module).replacing("\n", with: "\n  ")
            lines.append("  (\(entry.name)): \(text)")
        }
        lines.append(")")
        return lines.joined(separator: "\n")
    }
}

private func isNone(_ value: Value) -> Bool {
    if case .none = value { return true }
    return false
}
