/// What `nn.Module.__init__` sets up on an instance: its parameters and submodules, in the
/// order they were registered (PyTorch's `_parameters` and `_modules`).
final class ModuleRegistry {
    /// Registered parameters; `nil` after `self.name = None`.
    var parameters: [(name: String, box: TensorBox?)] = []
    /// Registered submodules (built-in layers or module instances); `.none` after `self.name = None`.
    var children: [(name: String, module: Value)] = []

    /// The registered parameter or submodule called `name`, as attribute lookup sees it.
    func value(of name: String) -> Value? {
        if let parameter = parameters.first(where: { $0.name == name }) {
            return parameter.box.map { .tensor($0) } ?? Value.none
        }
        if let child = children.first(where: { $0.name == name }) { return child.module }
        return nil
    }

    func hasParameter(_ name: String) -> Bool { parameters.contains { $0.name == name } }
    func hasChild(_ name: String) -> Bool { children.contains { $0.name == name } }

    /// Registers (or replaces, keeping its place) a parameter.
    func setParameter(_ name: String, _ box: TensorBox?) {
        children.removeAll { $0.name == name }
        if let index = parameters.firstIndex(where: { $0.name == name }) {
            parameters[index].box = box
        } else {
            parameters.append((name, box))
        }
    }

    /// Registers (or replaces, keeping its place) a submodule.
    func setChild(_ name: String, _ module: Value) {
        parameters.removeAll { $0.name == name }
        if let index = children.firstIndex(where: { $0.name == name }) {
            children[index].module = module
        } else {
            children.append((name, module))
        }
    }
}
