extension Interpreter {
    /// `try` … `except` … `else` … `finally`, in Python's order: the first handler whose class
    /// matches runs; `else` runs only when the body finished without an exception, `return`,
    /// `break` or `continue`; `finally` runs last whatever happened, and a `return`, `break` or
    /// `continue` in it discards a pending exception.
    func executeTry(
        _ body: [Stmt], _ handlers: [ExceptHandler], _ orElse: [Stmt], _ finally: [Stmt]
    ) throws(PyError) -> Flow {
        let outcome = executeGuarded(body, handlers, orElse)
        guard !finally.isEmpty else { return try Interpreter.finish(outcome) }
        switch consume outcome {
        case .success(let flow):
            let finalFlow = try execute(finally)
            if case .normal = finalFlow { return flow }
            return finalFlow
        case .failure(let error):
            // While `finally` runs for it, the pending exception is the one being handled, as in
            // Python: a bare `raise` re-raises it, and a new exception records it as its context.
            handledErrors.append(error)
            let finalFlow: Flow
            do {
                finalFlow = try execute(finally)
            } catch var raised {
                var pending = handledErrors.removeLast()
                chain(&raised, to: &pending)
                throw raised
            }
            let pending = handledErrors.removeLast()
            if case .normal = finalFlow { throw pending }
            return finalFlow
        }
    }

    /// How a `try` statement ends once `finally` has run: its flow, or its pending exception.
    /// Takes the outcome, so that the exception is thrown without a copy.
    private static func finish(_ outcome: consuming Result<Flow, PyError>) throws(PyError) -> Flow {
        switch consume outcome {
        case .success(let flow): return flow
        case .failure(let error): throw error
        }
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
    private func handle(_ error: consuming PyError, _ handlers: [ExceptHandler]) -> Result<Flow, PyError> {
        // A runaway cell must stay stoppable: interrupts and time-outs cannot be caught.
        guard !error.isUncatchable else { return .failure(consume error) }
        for index in handlers.indices {
            do {
                guard try handlerMatches(handlers[index].type, error) else { continue }
            } catch var raised {
                chain(&raised, to: &error)
                return .failure(raised)
            }
            return executeHandler(name: handlers[index].name, body: handlers[index].body, consume error)
        }
        return .failure(consume error)
    }

    /// Runs one handler with `error` as the exception being handled (what a bare `raise`
    /// re-raises), bound to the handler's name if it has one; the name is unbound afterwards,
    /// as in Python 3.
    private func executeHandler(name: String?, body: [Stmt], _ error: consuming PyError) -> Result<Flow, PyError> {
        if let name { assign(name, .object(exceptionInstance(of: &error))) }
        handledErrors.append(consume error)
        defer {
            handledErrors.removeLast()
            if let name { try? delete(name) }
        }
        do {
            return .success(try execute(body))
        } catch var raised {
            chain(&raised, to: &handledErrors[handledErrors.count - 1])
            return .failure(raised)
        }
    }

    /// Whether the handler catches `error`: no class named, or the error's class derives from
    /// the named class (or from one in a tuple of them).
    private func handlerMatches(_ typeExpression: Expr?, _ error: borrowing PyError) throws(PyError) -> Bool {
        guard let typeExpression else { return true }
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
