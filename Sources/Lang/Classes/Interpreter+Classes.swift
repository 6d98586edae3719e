extension Interpreter {
    /// Runs a `class` statement: evaluates the base, runs the body in a namespace of its own and
    /// makes the class from what the body defined.
    func executeClass(_ definition: ClassDefinition) throws(PyError) -> ClassObject {
        let name = definition.name
        var base: ClassObject?
        if definition.bases.count > 1 {
            var error = PyError(
                .notImplementedError,
                "class \(name): multiple inheritance is not supported in this language (give one base class)")
            error.range = definition.bases[1].range
            error.source = source
            throw error
        }
        if let baseExpression = definition.bases.first {
            let value = try evaluate(baseExpression)
            do {
                base = try baseClass(value, for: name)
            } catch var error {
                error.range = baseExpression.range
                error.source = source
                throw error
            }
        }

        let namespace = Scope(parent: scope === globals ? nil : scope)
        namespace.isClassBody = true
        let savedScope = scope
        let savedFunction = function
        scope = namespace
        function = nil
        defer {
            scope = savedScope
            function = savedFunction
        }
        _ = try execute(definition.body)

        var attributes: [String: Value] = [:]
        for (key, value) in namespace.variables.allVariables { attributes[key] = value }
        if let docstring = definition.docstring { attributes["__doc__"] = .str(docstring) }
        let cls = ClassObject(
            name: name, moduleName: moduleName, base: base, attributes: attributes, docstring: definition.docstring)
        for value in attributes.values { adopt(value, into: cls) }
        return cls
    }

    /// Marks the functions of a class body as its methods: `super()` inside them needs the
    /// class, and error messages name them `Class.method`.
    private func adopt(_ value: Value, into cls: ClassObject) {
        switch value {
        case .function(let function) where function.owner == nil:
            function.owner = cls
            function.qualifiedName = cls.name + "." + function.definition.name
        case .object(let descriptor as Descriptor):
            adopt(descriptor.function, into: cls)
            if case .property(let setter?) = descriptor.kind { adopt(setter, into: cls) }
        default:
            break
        }
    }

    private func baseClass(_ value: Value, for name: String) throws(PyError) -> ClassObject? {
        switch value {
        case .object(let cls as ClassObject):
            return cls
        case .type(let type) where type.name == "object":
            return nil
        case .type(let type):
            throw PyError.type(
                "class \(name): inheriting from the built-in type '\(type.name)' is not supported in this language")
        case .object(let layer as LayerType):
            throw PyError.type(
                "class \(name): '\(layer.name)' is a built-in layer and cannot be a base class here; "
                    + "derive from nn.Module and keep it as an attribute (self.layer = nn.\(layer.name)(…))")
        default:
            throw PyError.type("class \(name): a base class must be a class, not '\(typeName(of: value))'")
        }
    }

    /// Makes an instance: `Class(arguments)` runs `__init__` (the nearest one up the chain).
    func instantiate(_ cls: ClassObject, _ arguments: Arguments) throws(PyError) -> Value {
        .object(try construct(cls, arguments))
    }

    /// ``instantiate(_:_:)``'s instance. An exception's `args` are the positional arguments
    /// before any `__init__` runs, as Python's `BaseException.__new__` sets them.
    func construct(_ cls: ClassObject, _ arguments: Arguments) throws(PyError) -> Instance {
        let instance = Instance(cls: cls)
        if cls.isException { instance.exception = ExceptionState(arguments: arguments.positional) }
        let value = Value.object(instance)
        if let initializer = cls.lookup("__init__") {
            let result = try call(try bindClassAttribute(initializer, to: value), arguments)
            guard case .none = result else {
                throw PyError.type("__init__() should return None, not '\(typeName(of: result))'")
            }
        } else if !arguments.positional.isEmpty || !arguments.keywords.isEmpty {
            throw PyError.type("\(cls.name)() takes no arguments")
        }
        return instance
    }

    /// What reading a class attribute through an instance (or `super()`) gives: functions bind
    /// to the receiver, descriptors apply, anything else is the value itself.
    func bindClassAttribute(_ value: Value, to receiver: Value) throws(PyError) -> Value {
        switch value {
        case .function:
            return .object(BoundMethod(function: value, receiver: receiver))
        case .object(let native as NativeMethod):
            return .object(BoundMethod(function: .object(native), receiver: receiver))
        case .object(let descriptor as Descriptor):
            switch descriptor.kind {
            case .staticMethod:
                return descriptor.function
            case .classMethod:
                let cls: Value
                if case .object(let instance as Instance) = receiver {
                    cls = .object(instance.cls)
                } else {
                    cls = receiver
                }
                return .object(BoundMethod(function: descriptor.function, receiver: cls))
            case .property:
                return try call(descriptor.function, Arguments([receiver]))
            }
        default:
            return value
        }
    }

    /// What reading an attribute through the class itself gives (`Net.forward`, `Net.count`).
    func classAttribute(_ value: Value, of cls: ClassObject) throws(PyError) -> Value {
        guard case .object(let descriptor as Descriptor) = value else { return value }
        switch descriptor.kind {
        case .staticMethod: return descriptor.function
        case .classMethod: return .object(BoundMethod(function: descriptor.function, receiver: .object(cls)))
        case .property: return value
        }
    }

    /// `instance.name`: the instance's own attributes, then the class chain, then (for modules)
    /// registered parameters and submodules, as PyTorch's `Module.__getattr__` finds them.
    func instanceAttribute(_ instance: Instance, _ name: String) throws(PyError) -> Value? {
        if let value = instance.attributes[name] { return value }
        if let value = instance.cls.lookup(name) { return try bindClassAttribute(value, to: .object(instance)) }
        if let registry = instance.module, let value = registry.value(of: name) { return value }
        switch name {
        case "__class__": return .object(instance.cls)
        case "__dict__":
            let box = DictBox(budget: memory)
            for (key, value) in instance.attributes.sorted(by: { $0.key < $1.key }) {
                try box.set(.str(key), .str(CodePointKey(key)), value)
            }
            return .dict(box)
        default: return nil
        }
    }

    /// `instance.name = value`: property setters, PyTorch's registration of parameters and
    /// submodules for `nn.Module` subclasses, plain attributes otherwise.
    func setInstanceAttribute(_ instance: Instance, _ name: String, _ value: Value) throws(PyError) {
        if case .object(let descriptor as Descriptor)? = instance.cls.lookup(name),
            case .property(let setter) = descriptor.kind
        {
            guard let setter else {
                throw PyError(.attributeError, "property '\(name)' of '\(instance.cls.name)' object has no setter")
            }
            _ = try call(setter, Arguments([.object(instance), value]))
            return
        }
        if instance.cls.isModule, try registerModuleAttribute(instance, name, value) { return }
        instance.attributes[name] = value
    }

    /// `del object.name`: an instance attribute, or a module's registered parameter or submodule.
    func deleteAttribute(_ object: Value, _ name: String) throws(PyError) {
        switch object {
        case .object(let instance as Instance):
            if instance.attributes.removeValue(forKey: name) != nil { return }
            if let registry = instance.module, registry.hasParameter(name) || registry.hasChild(name) {
                registry.parameters.removeAll { $0.name == name }
                registry.children.removeAll { $0.name == name }
                return
            }
            throw PyError(.attributeError, "'\(instance.cls.name)' object has no attribute '\(name)'")
        case .object(let cls as ClassObject):
            guard !cls.isBuiltin else {
                throw PyError.type("cannot delete '\(name)' attribute of immutable type '\(cls.name)'")
            }
            guard cls.attributes.removeValue(forKey: name) != nil else {
                throw PyError(.attributeError, "type object '\(cls.name)' has no attribute '\(name)'")
            }
        default:
            throw PyError(.attributeError, "cannot delete attribute '\(name)' of '\(typeName(of: object))' object")
        }
    }

    /// Calls `__repr__`/`__str__` found on a class and checks it returned text.
    func callReturningString(_ method: Value, on instance: Instance, _ name: String) throws(PyError) -> String {
        let result = try call(try bindClassAttribute(method, to: .object(instance)), Arguments())
        guard case .str(let text) = result else {
            throw PyError.type("\(name) returned non-string (type \(typeName(of: result)))")
        }
        return text
    }

    /// `str(instance)`: its class's `__str__`, else its repr.
    func instanceString(_ instance: Instance) throws(PyError) -> String {
        if let method = instance.cls.lookup("__str__") {
            return try callReturningString(method, on: instance, "__str__")
        }
        return try instance.repr(self)
    }

    /// The truth of an instance: `__bool__`, else `__len__` ≠ 0, else true.
    func instanceTruth(_ instance: Instance) throws(PyError) -> Bool {
        if let method = instance.cls.lookup("__bool__") {
            let result = try call(try bindClassAttribute(method, to: .object(instance)), Arguments())
            guard case .bool(let flag) = result else {
                throw PyError.type("__bool__ should return bool, returned \(typeName(of: result))")
            }
            return flag
        }
        if instance.cls.lookup("__len__") != nil { return try length(.object(instance)) != 0 }
        return true
    }

    /// The `object` type, the root every class derives from.
    var objectType: TypeObject { typeObjects["object"] ?? TypeObject("object") }

    /// `super()` (inside a method) and `super(Class, instance)`.
    func makeSuper(_ arguments: Arguments) throws(PyError) -> Value {
        if arguments.positional.count == 2 {
            guard case .object(let cls as ClassObject) = arguments.positional[0] else {
                throw PyError.type("super() argument 1 must be a type, not \(typeName(of: arguments.positional[0]))")
            }
            return .object(SuperObject(owner: cls, receiver: arguments.positional[1]))
        }
        guard arguments.positional.isEmpty else {
            throw PyError.type("super() takes 0 or 2 arguments here, got \(arguments.positional.count)")
        }
        guard let function = runningFunction, let owner = function.owner else {
            throw PyError.runtime("super(): no arguments (super() works inside a method of a class)")
        }
        guard let first = function.definition.parameters.first, first.kind == .normal else {
            throw PyError.runtime("super(): no arguments (the method has no 'self' parameter)")
        }
        return .object(SuperObject(owner: owner, receiver: try lookup(first.name)))
    }

    /// `isinstance(value, cls)` for a class made by a `class` statement or `nn.Module`.
    func isInstance(_ value: Value, of cls: ClassObject) -> Bool {
        switch value {
        case .object(let instance as Instance): instance.cls.isSubclass(of: cls)
        case .object(is Layer): cls === moduleClass
        default: false
        }
    }

    /// `issubclass(nn.Conv2d, candidates)`: a built-in layer class derives from `nn.Module`,
    /// `object` and (lazy ones) from the class they become.
    func layerClass(_ layer: LayerType, isSubclassOf candidates: Value) -> Bool {
        let items: [Value]
        if case .tuple(let values) = candidates { items = values } else { items = [candidates] }
        for candidate in items {
            switch candidate {
            case .object(let cls as ClassObject) where cls === moduleClass: return true
            case .type(let type) where type.name == "object": return true
            case .object(let other as LayerType):
                var current: LayerType? = layer
                while let cls = current {
                    if cls === other { return true }
                    current = cls.base
                }
            default: continue
            }
        }
        return false
    }

    /// `staticmethod`, `classmethod`, `property`, `super` and `issubclass`.
    func defineClassBuiltins(_ define: (String, @escaping BuiltinFunction.Body) -> Void) {
        for (name, kind) in [("staticmethod", Descriptor.Kind.staticMethod), ("classmethod", .classMethod)] {
            define(name) { _, arguments throws(PyError) in
                try arguments.expectPositional(name, 1)
                return .object(Descriptor(kind, arguments.positional[0]))
            }
        }
        define("property") { _, arguments throws(PyError) in
            let values = try arguments.bind("property", ["fget", "fset"], required: 1)
            return .object(Descriptor(.property(setter: values[1].orNone), values[0] ?? .none))
        }
        define("super") { interpreter, arguments throws(PyError) in
            try interpreter.makeSuper(arguments)
        }
        define("issubclass") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("issubclass", 2)
            if case .object(let layer as LayerType) = arguments.positional[0] {
                return .bool(interpreter.layerClass(layer, isSubclassOf: arguments.positional[1]))
            }
            guard case .object(let cls as ClassObject) = arguments.positional[0] else {
                if case .type(let type) = arguments.positional[0], case .type(let other) = arguments.positional[1] {
                    return .bool(type === other || other.name == "object")
                }
                throw PyError.type("issubclass() arg 1 must be a class")
            }
            let candidates: [Value]
            if case .tuple(let items) = arguments.positional[1] {
                candidates = items
            } else {
                candidates = [arguments.positional[1]]
            }
            for candidate in candidates {
                switch candidate {
                case .object(let other as ClassObject) where cls.isSubclass(of: other): return .bool(true)
                case .type(let type) where type.name == "object": return .bool(true)
                case .object(is ClassObject), .type: continue
                default: throw PyError.type("issubclass() arg 2 must be a class or tuple of classes")
                }
            }
            return .bool(false)
        }
    }
}
