extension Interpreter {
    /// `try` … `except` … `else` … `finally`, in Python's order: the first handler whose class
    /// matches runs; `else` runs only when the body finished without an exception, `return`,
    /// `break` or `continue`; `finally` runs last whatever happened, and a `return`, `break` or
    /// `continue` in it discards a pending exception.
    func executeTry(
        _ body: [Stmt], _ handlers: [ExceptHandler], _ orElse: [Stmt], _ finally: [Stmt]
    ) throws(PyError) -> Flow {
        let outcome = executeGuarded(body, handlers, orElse)
        guard !finally.isEmpty else { return try outcome.get() }
        let finalFlow: Flow
        do {
            finalFlow = try execute(finally)
        } catch var raised {
            if case .failure(var pending) = outcome { chain(&raised, to: &pending) }
            throw raised
        }
        if case .normal = finalFlow { return try outcome.get() }
        return finalFlow
    }

    /// The body, then a matching handler or `else`: how they ended, for `finally` to follow.
    private func executeGuarded(
        _ body: [Stmt], _ handlers: [ExceptHandler], _ orElse: [Stmt]
    ) -> Result<Flow, PyError> {
        let flow: Flow
        do {
            flow = try execute(body)
        } catch {
            return handle(error, handlers)
        }
        guard case .normal = flow else { return .success(flow) }
        do {
            return .success(try execute(orElse))
        } catch {
            return .failure(error)
        }
    }

    /// Runs the first handler that matches `error`; the error itself when none does.
    private func handle(_ error: PyError, _ handlers: [ExceptHandler]) -> Result<Flow, PyError> {
        // A runaway cell must stay stoppable: interrupts and time-outs cannot be caught.
        guard !error.isUncatchable else { return .failure(error) }
        var error = error
        for handler in handlers {
            do {
                guard try handlerMatches(handler, error) else { continue }
            } catch var raised {
                chain(&raised, to: &error)
                return .failure(raised)
            }
            return executeHandler(handler, error)
        }
        return .failure(error)
    }

    /// Runs one handler with `error` as the exception being handled (what a bare `raise`
    /// re-raises), bound to the handler's name if it has one; the name is unbound afterwards,
    /// as in Python 3.
    private func executeHandler(_ handler: ExceptHandler, _ error: PyError) -> Result<Flow, PyError> {
        var error = error
        if let name = handler.name { assign(name, .object(exceptionInstance(of: &error))) }
        handledErrors.append(error)
        defer {
            handledErrors.removeLast()
            if let name = handler.name { try? delete(name) }
        }
        do {
            return .success(try execute(handler.body))
        } catch var raised {
            chain(&raised, to: &handledErrors[handledErrors.count - 1])
            return .failure(raised)
        }
    }

    /// Whether the handler catches `error`: no class named, or the error's class derives from
    /// the named class (or from one in a tuple of them).
    private func handlerMatches(_ handler: ExceptHandler, _ error: PyError) throws(PyError) -> Bool {
        guard let typeExpression = handler.type else { return true }
        return try exceptionClass(of: error).matches(try evaluate(typeExpression))
    }

    /// Makes `handled` the `__context__` of `raised`, an exception that escaped while `handled`
    /// was being handled, unless it is that exception re-raised or already has a context.
    private func chain(_ raised: inout PyError, to handled: inout PyError) {
        guard !raised.isUncatchable else { return }
        if let instance = raised.exception, instance === handled.exception { return }
        let instance = exceptionInstance(of: &raised)
        guard case .none? = instance.exception?.context else { return }
        setContext(of: instance, to: exceptionInstance(of: &handled))
    }
}

extension ClassObject {
    /// Whether an exception of this class is caught by `except handlerType`: a class it derives
    /// from, or a tuple holding one.
    func matches(_ handlerType: Value) throws(PyError) -> Bool {
        switch handlerType {
        case .object(let candidate as ClassObject) where candidate.isException:
            return isSubclass(of: candidate)
        case .tuple(let items):
            for item in items where try matches(item) { return true }
            return false
        default:
            throw PyError.type("catching classes that do not inherit from BaseException is not allowed")
        }
    }
}
