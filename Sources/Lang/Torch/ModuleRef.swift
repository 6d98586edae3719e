/// A module in the `nn.Module` sense, whichever way it was made: a built-in layer (`nn.Conv2d`,
/// `nn.Sequential`) or an instance of a user class deriving from `nn.Module`.
enum ModuleRef {
    case layer(Layer)
    case instance(Instance)

    /// The module a value holds, `nil` for anything else (including an instance of a module
    /// class whose `__init__` did not call `super().__init__()` yet).
    init?(_ value: Value) {
        guard case .object(let object) = value else { return nil }
        if let layer = object as? Layer {
            self = .layer(layer)
        } else if let instance = object as? Instance, instance.cls.isModule {
            self = .instance(instance)
        } else {
            return nil
        }
    }

    var object: PyObject {
        switch self {
        case .layer(let layer): layer
        case .instance(let instance): instance
        }
    }

    var value: Value { .object(object) }

    /// The class name PyTorch prints (`_get_name()`).
    var name: String { object.typeName }

    /// This module's own parameters (not its submodules'), in registration order.
    var ownParameters: [(name: String, box: TensorBox?)] {
        switch self {
        case .layer(let layer): layer.parameters
        case .instance(let instance): instance.module?.parameters ?? []
        }
    }

    /// Direct submodules in registration order; `.none` entries were set to `None`.
    var children: [(name: String, module: Value)] {
        switch self {
        case .layer(let sequential as SequentialLayer):
            sequential.entries.filter { ModuleRef($0.module) != nil || isNone($0.module) }
        case .layer(let list as ModuleListLayer):
            list.modules.enumerated().map { index, module in (String(index), module) }
        case .layer: []
        case .instance(let instance): instance.module?.children ?? []
        }
    }

    /// `module.training`.
    var training: Bool {
        get {
            switch self {
            case .layer(let layer): return layer.training
            case .instance(let instance):
                if case .bool(let flag)? = instance.attributes["training"] { return flag }
                return true
            }
        }
        nonmutating set {
            switch self {
            case .layer(let layer): layer.training = newValue
            case .instance(let instance): instance.attributes["training"] = .bool(newValue)
            }
        }
    }

    /// Whether two references are the same module.
    func isSame(as other: ModuleRef) -> Bool { object === other.object }
}

private func isNone(_ value: Value) -> Bool {
    if case .none = value { return true }
    return false
}
