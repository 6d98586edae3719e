import Diagnostics

extension Interpreter {
    /// Makes the builtin exception classes of ``ExceptionName/builtinHierarchy`` (and their aliases),
    /// with the methods and attributes of Python's `BaseException`, and records them in
    /// ``exceptionClasses``. They are ordinary classes: programs subclass them.
    func makeExceptionClasses() -> [ExceptionName: ClassObject] {
        var classes: [ExceptionName: ClassObject] = [:]
        for (name, baseName) in ExceptionName.builtinHierarchy {
            classes[name] = ClassObject(
                name: name.rawValue, moduleName: "builtins", base: baseName.flatMap { classes[$0] }, attributes: [:],
                isException: true)
        }
        classes[.baseException]?.attributes = Interpreter.baseExceptionAttributes()
        classes[.keyError]?.attributes["__str__"] = .object(
            NativeMethod("__str__", owner: "KeyError") { interpreter, receiver, _ throws(PyError) in
                // A missing key shows as its repr: `KeyError: 'k'`.
                let state = try Interpreter.exceptionState(receiver, "__str__")
                if state.arguments.count == 1 { return .str(try interpreter.repr(state.arguments[0])) }
                return .str(try interpreter.exceptionText(state.arguments))
            })
        classes[.stopIteration]?.attributes["value"] = Interpreter.exceptionProperty(
            "value", owner: "StopIteration", get: { state in state.arguments.first ?? .none })
        for (alias, name) in ExceptionName.builtinAliases { classes[alias] = classes[name] }
        exceptionClasses = classes
        return classes
    }

    /// The builtin exception class `name`; a name the table lacks gets a new class under
    /// `Exception`, so that an error raised under any name can be caught and bound.
    func exceptionClass(named name: ExceptionName) -> ClassObject {
        if let recent = recentExceptionClass, recent.name == name.rawValue { return recent }
        let cls =
            exceptionClasses[name]
            ?? ClassObject(
                name: name.rawValue, moduleName: "builtins", base: exceptionClasses[.exception], attributes: [:],
                isException: true)
        exceptionClasses[name] = cls
        recentExceptionClass = cls
        return cls
    }

    /// The class of a travelling exception: its object's class, or the builtin class its name
    /// names.
    func exceptionClass(of error: PyError) -> ClassObject {
        error.exception?.cls ?? exceptionClass(named: error.name)
    }

    /// Whether `error` is an instance of the builtin exception class `name` or of a subclass.
    func error(_ error: PyError, isA name: ExceptionName) -> Bool {
        if error.exception == nil && error.name == name { return true }
        return exceptionClass(of: error).isSubclass(of: exceptionClass(named: name))
    }

    /// `str()` of an exception with these arguments, as `BaseException.__str__` makes it: empty,
    /// the one argument's `str`, or the tuple's repr.
    func exceptionText(_ arguments: [Value]) throws(PyError) -> String {
        switch arguments.count {
        case 0: return ""
        case 1: return try str(arguments[0])
        default: return try repr(.tuple(arguments))
        }
    }

    /// The exception fields of `receiver`, or a `TypeError` when it is not an exception.
    static func exceptionState(_ receiver: Value, _ method: String) throws(PyError) -> ExceptionState {
        guard case .object(let instance as Instance) = receiver, let state = instance.exception else {
            throw PyError.type(
                "descriptor '\(method)' requires a 'BaseException' object but received '\(typeName(of: receiver))'")
        }
        return state
    }

    /// `BaseException`'s namespace: `__init__`, `__str__`, `__repr__`, `with_traceback` and the
    /// data attributes `args`, `__cause__`, `__context__`, `__suppress_context__`, `__traceback__`.
    private static func baseExceptionAttributes() -> [String: Value] {
        var attributes: [String: Value] = [:]
        func method(_ name: String, _ body: @escaping NativeMethod.Body) {
            attributes[name] = .object(NativeMethod(name, owner: "BaseException", body))
        }
        method("__init__") { _, receiver, arguments throws(PyError) in
            let state = try exceptionState(receiver, "__init__")
            guard arguments.keywords.isEmpty else {
                throw PyError.type("\(typeName(of: receiver))() takes no keyword arguments")
            }
            state.arguments = arguments.positional
            return .none
        }
        method("__str__") { interpreter, receiver, _ throws(PyError) in
            .str(try interpreter.exceptionText(try exceptionState(receiver, "__str__").arguments))
        }
        method("__repr__") { interpreter, receiver, _ throws(PyError) in
            let state = try exceptionState(receiver, "__repr__")
            var parts: [String] = []
            for argument in state.arguments { parts.append(try interpreter.repr(argument)) }
            return .str(typeName(of: receiver) + "(" + parts.joined(separator: ", ") + ")")
        }
        method("with_traceback") { _, receiver, arguments throws(PyError) in
            _ = try exceptionState(receiver, "with_traceback")
            try arguments.expectPositional("with_traceback", 1)
            return receiver
        }
        attributes["args"] = exceptionProperty(
            "args", get: { state in .tuple(state.arguments) },
            set: { interpreter, state, value throws(PyError) in state.arguments = try interpreter.iterateAll(value) })
        attributes["__cause__"] = exceptionProperty(
            "__cause__", get: { state in state.cause },
            set: { _, state, value throws(PyError) in
                state.cause = try chainedException(value, "exception cause must be None or derive from BaseException")
                state.suppressesContext = true
            })
        attributes["__context__"] = exceptionProperty(
            "__context__", get: { state in state.context },
            set: { _, state, value throws(PyError) in
                state.context = try chainedException(
                    value, "exception context must be None or derive from BaseException")
            })
        attributes["__suppress_context__"] = exceptionProperty(
            "__suppress_context__", get: { state in .bool(state.suppressesContext) },
            set: { interpreter, state, value throws(PyError) in
                state.suppressesContext = try interpreter.truthy(value)
            })
        // Tracebacks are not objects here; `__traceback__` reads as None.
        attributes["__traceback__"] = exceptionProperty("__traceback__", get: { _ in .none })
        return attributes
    }

    /// A data attribute of exceptions, as a property whose getter and setter are native methods.
    private static func exceptionProperty(
        _ name: String, owner: String = "BaseException", get: @escaping (ExceptionState) -> Value,
        set: ((Interpreter, ExceptionState, Value) throws(PyError) -> Void)? = nil
    ) -> Value {
        let getter = NativeMethod(name, owner: owner) { _, receiver, _ throws(PyError) in
            get(try exceptionState(receiver, name))
        }
        let setter = set.map { set in
            Value.object(
                NativeMethod(name, owner: owner) { interpreter, receiver, arguments throws(PyError) in
                    try arguments.expectPositional(name, 1)
                    try set(interpreter, try exceptionState(receiver, name), arguments.positional[0])
                    return .none
                })
        }
        return .object(Descriptor(.property(setter: setter), .object(getter)))
    }

    /// A value for `__cause__` or `__context__`: `None` or an exception object.
    private static func chainedException(_ value: Value, _ message: String) throws(PyError) -> Value {
        switch value {
        case .none: return value
        case .object(let instance as Instance) where instance.exception != nil: return value
        default: throw PyError.type(message)
        }
    }
}
