/// `nn.ModuleList(modules)`: a list of submodules that registers them (names `0`, `1`, …) but has
/// no forward of its own; models iterate over it in their `forward`.
final class ModuleListLayer: Layer {
    var modules: [Value]

    init(modules: [Value]) { self.modules = modules }

    override var typeName: String { "ModuleList" }

    override func call(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value? {
        throw PyError(.notImplementedError, "Module [ModuleList] is missing the required \"forward\" function")
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "__getitem__":
            return .builtin(
                BuiltinFunction.oneArgument(name) { [self] interpreter, index throws(PyError) in
                    if case .slice(let slice) = index {
                        return .object(ModuleListLayer(modules: try interpreter.sliceItems(modules, slice)))
                    }
                    return modules[try interpreter.normalizedIndex(index, modules.count, "ModuleList")]
                })
        case "__len__":
            return .builtin(BuiltinFunction(name) { [self] _, _ in .int(modules.count) })
        case "append":
            return .builtin(
                BuiltinFunction.oneArgument(name) { [self] _, argument throws(PyError) in
                    try ModuleListLayer.checkModule(argument)
                    modules.append(argument)
                    return .object(self)
                })
        case "extend":
            return .builtin(
                BuiltinFunction.oneArgument(name) { [self] interpreter, argument throws(PyError) in
                    let items = try interpreter.iterateAll(argument)
                    for item in items { try ModuleListLayer.checkModule(item) }
                    modules += items
                    return .object(self)
                })
        default:
            return try super.attribute(name, interpreter)
        }
    }

    /// PyTorch's check: a ModuleList holds modules only.
    static func checkModule(_ value: Value) throws(PyError) {
        guard ModuleRef(value) != nil else {
            throw PyError.type("\(Lang.typeName(of: value)) is not a Module subclass")
        }
    }

    override func makeIterator(_ interpreter: Interpreter) throws(PyError) -> ValueIterator? {
        ValueIterator(.array(modules))
    }

    /// PyTorch's ModuleList repr: runs of equal entries fold into `(0-2): 3 x Linear(…)`.
    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        guard !modules.isEmpty else { return "ModuleList()" }
        var blocks: [(start: Int, end: Int, text: String)] = []
        for (index, module) in modules.enumerated() {
            let text = try interpreter.repr(module)
            if let last = blocks.last, last.text == text {
                blocks[blocks.count - 1].end = index
            } else {
                blocks.append((index, index, text))
            }
        }
        let lines = blocks.map { block in
            let label =
                block.start == block.end
                ? "(\(block.start)): " : "(\(block.start)-\(block.end)): \(block.end - block.start + 1) x "
            return (label + block.text).replacing("\n", with: "\n  ")
        }
        return "ModuleList(\n  " + lines.joined(separator: "\n  ") + "\n)"
    }
}
