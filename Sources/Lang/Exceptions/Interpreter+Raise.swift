import Diagnostics

extension Interpreter {
    /// The exception object of `error`. A builtin error travels as a name and a message and gets
    /// its object only here, when a handler binds it or another exception chains to it; the
    /// object is kept in `error`, so that re-raising it keeps its identity.
    func exceptionInstance(of error: inout PyError) -> Instance {
        if let instance = error.exception { return instance }
        let instance = Instance(cls: exceptionClass(named: error.name))
        let arguments = error.arguments ?? (error.message.isEmpty ? [] : [.str(error.message)])
        instance.exception = ExceptionState(arguments: arguments)
        error.exception = instance
        return instance
    }

    /// The error that raising `instance` throws. Its class name and `str(instance)` are what the
    /// notebook shows when nothing catches it, as Python prints `MyError: message`.
    func raising(_ instance: Instance) -> PyError {
        let message: String
        do {
            message = try instanceString(instance)
        } catch {
            message = "<exception str() failed>"
        }
        var error = PyError(ExceptionName(instance.cls.name), message)
        error.exception = instance
        return error
    }

    /// `KeyError(key)` as a failed lookup raises it: the key itself is the argument, so that
    /// `str(error)` and the notebook show its repr (`KeyError: 'k'`) and `error.args` the key.
    func keyError(_ key: Value) throws(PyError) -> PyError {
        var error = PyError(.keyError, try repr(key))
        error.arguments = [key]
        return error
    }

    /// The error a `raise` statement throws: `raise` re-raises the exception being handled,
    /// `raise exception` raises an instance (or a new instance of a class), and
    /// `raise exception from cause` also sets its `__cause__`.
    func raiseStatement(_ expression: Expr?, cause causeExpression: Expr?) throws(PyError) -> PyError {
        guard let expression else { return try reraise() }
        let instance = try exceptionToRaise(try evaluate(expression), "exceptions must derive from BaseException")
        guard let state = instance.exception else { return raising(instance) }
        if let causeExpression {
            let cause = try evaluate(causeExpression)
            if case .none = cause {
                state.cause = .none
            } else {
                state.cause = .object(try exceptionToRaise(cause, "exception causes must derive from BaseException"))
            }
            state.suppressesContext = true
        }
        if !handledErrors.isEmpty {
            // Raised while handling another: that one becomes the context, as in Python.
            let handled = exceptionInstance(of: &handledErrors[handledErrors.count - 1])
            if handled !== instance { setContext(of: instance, to: handled) }
        }
        return raising(instance)
    }

    /// The exception being handled, for a bare `raise`; it keeps its place and traceback.
    private func reraise() throws(PyError) -> PyError {
        guard !handledErrors.isEmpty else { throw PyError.runtime("No active exception to reraise") }
        // Made now, so that a handler it leaves can tell it is the same exception (no context).
        _ = exceptionInstance(of: &handledErrors[handledErrors.count - 1])
        return handledErrors[handledErrors.count - 1]
    }

    /// What `raise value` raises: an exception object, or a new instance of an exception class.
    private func exceptionToRaise(_ value: Value, _ message: String) throws(PyError) -> Instance {
        switch value {
        case .object(let cls as ClassObject) where cls.isException:
            return try construct(cls, Arguments())
        case .object(let instance as Instance) where instance.exception != nil:
            return instance
        default:
            throw PyError.type(message)
        }
    }

    /// Records `handled` as the `__context__` of `instance`, first unlinking `instance` from
    /// `handled`'s own chain of contexts, as Python does, so that no cycle forms.
    func setContext(of instance: Instance, to handled: Instance) {
        var current = handled
        var steps = 0
        while let state = current.exception, case .object(let next as Instance) = state.context,
            steps < Interpreter.maximumContainerDepth
        {
            if next === instance {
                state.context = .none
                break
            }
            current = next
            steps += 1
        }
        instance.exception?.context = .object(handled)
    }
}
