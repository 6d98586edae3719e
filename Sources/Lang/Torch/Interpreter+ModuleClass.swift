import Tensors

extension Interpreter {
    /// `nn.Module`: the base class of user models. Its methods are Swift ``NativeMethod``s that
    /// user classes inherit (and may override or reach with `super()`); built-in layers share
    /// them through ``inheritedModuleAttribute(_:_:)``.
    func makeModuleClass() -> ClassObject {
        var methods: [String: Value] = [:]
        func define(_ name: String, _ body: @escaping NativeMethod.Body) {
            methods[name] = .object(NativeMethod(name, owner: "Module", body))
        }
        define("__init__") { _, receiver, arguments throws(PyError) in
            guard case .object(let instance as Instance) = receiver else {
                throw PyError.type("Module.__init__() must be called with an instance of an nn.Module subclass")
            }
            if let keyword = arguments.keywords.first {
                throw PyError.type("Module.__init__() got an unexpected keyword argument '\(keyword.name)'")
            }
            guard arguments.positional.isEmpty else {
                throw PyError.type(
                    "Module.__init__() takes 1 positional argument but \(arguments.positional.count + 1) were given")
            }
            if instance.module == nil { instance.module = ModuleRegistry() }
            instance.attributes["training"] = .bool(true)
            return .none
        }
        define("__call__") { interpreter, receiver, arguments throws(PyError) in
            switch try interpreter.moduleReceiver(receiver, "__call__") {
            case .layer(let layer): return try layer.call(interpreter, arguments) ?? .none
            case .instance: return try interpreter.call(try interpreter.attribute(receiver, "forward"), arguments)
            }
        }
        define("forward") { interpreter, receiver, _ throws(PyError) in
            let module = try interpreter.moduleReceiver(receiver, "forward")
            throw PyError(.notImplementedError, "Module [\(module.name)] is missing the required \"forward\" function")
        }
        define("__repr__") { interpreter, receiver, _ throws(PyError) in
            .str(try interpreter.moduleRepr(try interpreter.moduleReceiver(receiver, "__repr__")))
        }
        define("extra_repr") { interpreter, receiver, _ throws(PyError) in
            if case .layer(let layer) = try interpreter.moduleReceiver(receiver, "extra_repr") {
                return .str(layer.extraRepr())
            }
            return .str("")
        }
        define("parameters") { interpreter, receiver, arguments throws(PyError) in
            let values = try arguments.bind("parameters", ["recurse"])
            let recurse = try values[0].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? true
            let module = try interpreter.moduleReceiver(receiver, "parameters")
            let named = try interpreter.namedParameters(module, prefix: "", recurse: recurse)
            return .iterator("Module.parameters", named.map { .tensor($0.box) })
        }
        define("named_parameters") { interpreter, receiver, arguments throws(PyError) in
            let values = try arguments.bind("named_parameters", ["prefix", "recurse", "remove_duplicate"])
            let prefix = try interpreter.optionalString(values[0], default: "")
            let recurse = try values[1].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? true
            let module = try interpreter.moduleReceiver(receiver, "named_parameters")
            let named = try interpreter.namedParameters(module, prefix: prefix, recurse: recurse)
            return .iterator("Module.named_parameters", named.map { .tuple([.str($0.name), .tensor($0.box)]) })
        }
        define("children") { interpreter, receiver, arguments throws(PyError) in
            try arguments.expectPositional("children", 0)
            let children = interpreter.namedChildren(try interpreter.moduleReceiver(receiver, "children"))
            return .iterator("Module.children", children.map { $0.module.value })
        }
        define("named_children") { interpreter, receiver, arguments throws(PyError) in
            try arguments.expectPositional("named_children", 0)
            let children = interpreter.namedChildren(try interpreter.moduleReceiver(receiver, "named_children"))
            return .iterator("Module.named_children", children.map { .tuple([.str($0.name), $0.module.value]) })
        }
        define("modules") { interpreter, receiver, arguments throws(PyError) in
            try arguments.expectPositional("modules", 0)
            let all = try interpreter.namedModules(try interpreter.moduleReceiver(receiver, "modules"), prefix: "")
            return .iterator("Module.modules", all.map { $0.module.value })
        }
        define("named_modules") { interpreter, receiver, arguments throws(PyError) in
            let values = try arguments.bind("named_modules", ["memo", "prefix"])
            let prefix = try interpreter.optionalString(values[1], default: "")
            let all = try interpreter.namedModules(
                try interpreter.moduleReceiver(receiver, "named_modules"), prefix: prefix)
            return .iterator("Module.named_modules", all.map { .tuple([.str($0.name), $0.module.value]) })
        }
        define("zero_grad") { interpreter, receiver, arguments throws(PyError) in
            let values = try arguments.bind("zero_grad", ["set_to_none"])
            let setToNone = try values[0].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? true
            let module = try interpreter.moduleReceiver(receiver, "zero_grad")
            for (_, box) in try interpreter.namedParameters(module, prefix: "", recurse: true) {
                guard let gradient = box.grad else { continue }
                if setToNone {
                    box.grad = nil
                } else {
                    let zeros = try engine { () throws(TensorError) in try Tensor.zerosLike(gradient.tensor) }
                    gradient.tensor = zeros
                }
            }
            return .none
        }
        define("train") { interpreter, receiver, arguments throws(PyError) in
            let values = try arguments.bind("train", ["mode"])
            let mode = try values[0].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? true
            for (_, module) in try interpreter.namedModules(
                try interpreter.moduleReceiver(receiver, "train"), prefix: "")
            {
                module.training = mode
            }
            return receiver
        }
        define("eval") { interpreter, receiver, arguments throws(PyError) in
            try arguments.expectPositional("eval", 0)
            for (_, module) in try interpreter.namedModules(
                try interpreter.moduleReceiver(receiver, "eval"), prefix: "")
            {
                module.training = false
            }
            return receiver
        }
        define("requires_grad_") { interpreter, receiver, arguments throws(PyError) in
            let values = try arguments.bind("requires_grad_", ["requires_grad"])
            let flag = try values[0].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? true
            let module = try interpreter.moduleReceiver(receiver, "requires_grad_")
            for (_, box) in try interpreter.namedParameters(module, prefix: "", recurse: true) {
                try interpreter.setRequiresGrad(box, flag)
            }
            return receiver
        }
        define("apply") { interpreter, receiver, arguments throws(PyError) in
            try arguments.expectPositional("apply", 1)
            try interpreter.apply(
                arguments.positional[0], to: try interpreter.moduleReceiver(receiver, "apply"), depth: 0)
            return receiver
        }
        define("add_module") { interpreter, receiver, arguments throws(PyError) in
            try arguments.expectPositional("add_module", 2)
            guard case .object(let instance as Instance) = receiver, let registry = instance.module else {
                throw PyError.type("add_module() needs an initialised nn.Module subclass instance")
            }
            let name = try interpreter.stringArgument(arguments.positional[0], "add_module(): name")
            let module = arguments.positional[1]
            guard ModuleRef(module) != nil || isNone(module) else {
                throw PyError.type("\(Lang.typeName(of: module)) is not a Module subclass")
            }
            instance.attributes[name] = nil
            registry.setChild(name, module)
            return .none
        }
        define("register_parameter") { interpreter, receiver, arguments throws(PyError) in
            try arguments.expectPositional("register_parameter", 2)
            guard case .object(let instance as Instance) = receiver, let registry = instance.module else {
                throw PyError(.attributeError, "cannot assign parameter before Module.__init__() call")
            }
            let name = try interpreter.stringArgument(arguments.positional[0], "register_parameter(): name")
            switch arguments.positional[1] {
            case .none: registry.setParameter(name, nil)
            case .tensor(let box) where box.isParameter:
                instance.attributes[name] = nil
                registry.setParameter(name, box)
            case let other:
                throw PyError.type(
                    "cannot assign '\(interpreter.torchTypeName(other))' object to parameter '\(name)' (torch.nn.Parameter or None required)"
                )
            }
            return .none
        }
        define("state_dict") { interpreter, receiver, arguments throws(PyError) in
            try arguments.expectPositional("state_dict", 0)
            let module = try interpreter.moduleReceiver(receiver, "state_dict")
            let box = DictBox(budget: interpreter.memory)
            for (name, parameter) in try interpreter.namedParameters(module, prefix: "", recurse: true) {
                let detached = TensorBox(parameter.tensor)
                try box.set(.str(name), .str(CodePointKey(name)), .tensor(detached))
            }
            return .dict(box)
        }
        return ClassObject(
            name: "Module", moduleName: "torch.nn.modules.module", base: nil, attributes: methods,
            docstring: "Base class for all neural network modules.", isModule: true)
    }

    /// The module a native method was called on; a module instance whose `__init__` never
    /// called `super().__init__()` is an error that says so.
    func moduleReceiver(_ receiver: Value, _ method: String) throws(PyError) -> ModuleRef {
        if let module = ModuleRef(receiver) {
            if case .instance(let instance) = module, instance.module == nil {
                throw PyError(
                    .attributeError,
                    "'\(instance.cls.name)' object has no attribute '_parameters': "
                        + "\(instance.cls.name).__init__ must call super().__init__() before the module is used")
            }
            return module
        }
        throw PyError.type("Module.\(method)() needs an nn.Module, not '\(typeName(of: receiver))'")
    }

    /// Attributes a built-in layer shares with every module (`parameters()`, `zero_grad()`,
    /// `train()`, `training`…); `nil` for names `nn.Module` does not have.
    func inheritedModuleAttribute(_ layer: Layer, _ name: String) throws(PyError) -> Value? {
        if name == "training" { return .bool(layer.training) }
        guard name != "__init__", let method = moduleClass.attributes[name] else { return nil }
        return try bindClassAttribute(method, to: .object(layer))
    }

    /// PyTorch's name for a value's type in registration errors (`torch.FloatTensor`, `int`).
    func torchTypeName(_ value: Value) -> String {
        if case .tensor(let box) = value {
            switch box.tensor.dtype {
            case .float32: return "torch.FloatTensor"
            case .int32: return "torch.IntTensor"
            case .int64: return "torch.LongTensor"
            case .bool: return "torch.BoolTensor"
            }
        }
        return typeName(of: value)
    }

    /// PyTorch's `Module.__setattr__` for a module instance: parameters and submodules are
    /// registered (in order), `None` clears a registered name, anything else is a plain attribute.
    /// Returns false when `value` is to be stored as a plain attribute.
    func registerModuleAttribute(_ instance: Instance, _ name: String, _ value: Value) throws(PyError) -> Bool {
        let registry = instance.module
        if case .tensor(let box) = value, box.isParameter {
            guard let registry else {
                throw PyError(.attributeError, "cannot assign parameters before Module.__init__() call")
            }
            instance.attributes[name] = nil
            registry.setParameter(name, box)
            return true
        }
        if let registry, registry.hasParameter(name) {
            guard isNone(value) else {
                throw PyError.type(
                    "cannot assign '\(torchTypeName(value))' as parameter '\(name)' (torch.nn.Parameter or None expected)"
                )
            }
            registry.setParameter(name, nil)
            return true
        }
        if ModuleRef(value) != nil || isUninitialisedModule(value) {
            guard let registry else {
                throw PyError(.attributeError, "cannot assign module before Module.__init__() call")
            }
            instance.attributes[name] = nil
            registry.setChild(name, value)
            return true
        }
        if let registry, registry.hasChild(name) {
            guard isNone(value) else {
                throw PyError.type(
                    "cannot assign '\(typeName(of: value))' as child module '\(name)' (torch.nn.Module or None expected)"
                )
            }
            registry.setChild(name, .none)
            return true
        }
        return false
    }

    private func isUninitialisedModule(_ value: Value) -> Bool {
        if case .object(let instance as Instance) = value { return instance.cls.isModule }
        return false
    }

    /// PyTorch's `Module.apply(fn)`: each child's `apply` first (in registration order, a child
    /// listed twice once), then `fn(module)`.
    func apply(_ function: Value, to module: ModuleRef, depth: Int) throws(PyError) {
        guard depth < Interpreter.maximumContainerDepth else {
            throw PyError(.recursionError, "modules are nested more than \(Interpreter.maximumContainerDepth) deep")
        }
        for (_, child) in namedChildren(module) { try apply(function, to: child, depth: depth + 1) }
        _ = try call(function, Arguments([module.value]))
    }

    /// Every module under `root` (itself first, then depth-first in registration order), each
    /// once, with its dotted name: PyTorch's `named_modules()`.
    func namedModules(_ root: ModuleRef, prefix: String) throws(PyError) -> [(name: String, module: ModuleRef)] {
        var result: [(name: String, module: ModuleRef)] = []
        var seen: Set<ObjectIdentifier> = []
        try collectModules(root, prefix, depth: 0, &seen, &result)
        return result
    }

    private func collectModules(
        _ module: ModuleRef, _ prefix: String, depth: Int, _ seen: inout Set<ObjectIdentifier>,
        _ result: inout [(name: String, module: ModuleRef)]
    ) throws(PyError) {
        guard depth < Interpreter.maximumContainerDepth else {
            throw PyError(.recursionError, "modules are nested more than \(Interpreter.maximumContainerDepth) deep")
        }
        guard seen.insert(ObjectIdentifier(module.object)).inserted else { return }
        result.append((prefix, module))
        for (name, value) in module.children {
            guard let child = ModuleRef(value) else { continue }
            try collectModules(child, prefix.isEmpty ? name : prefix + "." + name, depth: depth + 1, &seen, &result)
        }
    }

    /// Direct submodules, each once, skipping `None`: PyTorch's `named_children()`.
    func namedChildren(_ module: ModuleRef) -> [(name: String, module: ModuleRef)] {
        var seen: Set<ObjectIdentifier> = []
        return module.children.compactMap { name, value in
            guard let child = ModuleRef(value), seen.insert(ObjectIdentifier(child.object)).inserted else { return nil }
            return (name, child)
        }
    }

    /// Parameters with dotted names (`features.0.weight`): each module's own parameters, modules
    /// in `named_modules()` order, a tensor shared by two modules listed once.
    func namedParameters(
        _ root: ModuleRef, prefix: String, recurse: Bool
    ) throws(PyError) -> [(name: String, box: TensorBox)] {
        let modules = recurse ? try namedModules(root, prefix: prefix) : [(prefix, root)]
        var seen: Set<ObjectIdentifier> = []
        var result: [(name: String, box: TensorBox)] = []
        for (modulePrefix, module) in modules {
            for (name, box) in module.ownParameters {
                guard let box, seen.insert(ObjectIdentifier(box)).inserted else { continue }
                result.append((modulePrefix.isEmpty ? name : modulePrefix + "." + name, box))
            }
        }
        return result
    }

    /// PyTorch's module repr: `Name(extra)` or one `(name): child` line per submodule.
    func moduleRepr(_ module: ModuleRef) throws(PyError) -> String {
        let extra = try str(try call(try attribute(module.value, "extra_repr"), Arguments()))
        let extraLines =
            extra.isEmpty ? [] : extra.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var childLines: [String] = []
        for (name, child) in module.children {
            let text = try repr(child).replacing("\n", with: "\n  ")
            childLines.append("(\(name)): \(text)")
        }
        let lines = extraLines + childLines
        var text = module.name + "("
        if !lines.isEmpty {
            if extraLines.count == 1 && childLines.isEmpty {
                text += extraLines[0]
            } else {
                text += "\n  " + lines.joined(separator: "\n  ") + "\n"
            }
        }
        return text + ")"
    }
}

private func isNone(_ value: Value) -> Bool {
    if case .none = value { return true }
    return false
}
