/// How a statement finished.
enum Flow {
    case normal
    case breakLoop
    case continueLoop
    case returnValue(Value)
}

extension Interpreter {
    func execute(_ statements: [Stmt]) throws(PyError) -> Flow {
        for statement in statements {
            let flow = try execute(statement)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    func execute(_ statement: Stmt) throws(PyError) -> Flow {
        do {
            return try executeKind(statement)
        } catch {
            throw located(error, statement.range)
        }
    }

    /// Keeps an assigned value that nothing else holds as the spare tensor box, when it is a
    /// small plain float tensor (see ``Interpreter/spareTensorBox``). Never inlined, to keep
    /// `executeKind`'s frame small.
    @inline(never)
    private func recycle(_ value: consuming Value) {
        guard case .tensor(var box) = consume value else { return }
        guard isKnownUniquelyReferenced(&box), box.isReusableForResult,
            case .float32(let values) = box.tensor.storage, values.count <= Interpreter.spareTensorLimit
        else { return }
        spareTensorBox = box
    }

    private func executeKind(_ statement: Stmt) throws(PyError) -> Flow {
        switch statement.kind {
        case .expression(let expression):
            _ = try evaluate(expression)
        case .assign(let targets, let valueExpression):
            let value = try evaluate(valueExpression)
            for target in targets { try assign(target, value) }
            recycle(consume value)
        case .augmentedAssign(let target, let op, let valueExpression):
            try augmentedAssign(target, op, valueExpression)
        case .if(let branches, let orElse):
            for branch in branches where try condition(branch.test) {
                return try execute(branch.body)
            }
            return try execute(orElse)
        case .while(let test, let body, let orElse):
            while try condition(test) {
                try checkInterrupt()
                switch try execute(body) {
                case .breakLoop: return .normal
                case .returnValue(let value): return .returnValue(value)
                case .normal, .continueLoop: continue
                }
            }
            return try execute(orElse)
        case .for(let target, let iterableExpression, let body, let orElse):
            var iterator = try makeIterator(try evaluate(iterableExpression))
            while let item = try iterator.next() {
                try checkInterrupt()
                try assign(target, item)
                switch try execute(body) {
                case .breakLoop: return .normal
                case .returnValue(let value): return .returnValue(value)
                case .normal, .continueLoop: continue
                }
            }
            return try execute(orElse)
        case .break:
            return .breakLoop
        case .continue:
            return .continueLoop
        case .pass, .global, .nonlocal:
            break
        case .return(let expression):
            return .returnValue(try expression.map { (e) throws(PyError) in try evaluate(e) } ?? .none)
        case .functionDefinition(let definition):
            assign(definition.name, .function(try makeFunction(definition)))
        case .classDefinition(let definition):
            assign(definition.name, .object(try executeClass(definition)))
        case .decorated(let decorators, let definition):
            try executeDecorated(decorators, definition)
        case .with(let items, let body):
            return try executeWith(items, body)
        case .assert(let test, let message):
            if !(try condition(test)) {
                let text = try message.map { (e) throws(PyError) in try str(try evaluate(e)) } ?? ""
                var error = PyError(.assertionError, text)
                error.range = test.range
                error.source = source
                throw error
            }
        case .import(let modules):
            for (path, alias) in modules {
                let module = try importModule(path)
                if let alias {
                    assign(alias, .module(module))
                } else {
                    assign(path[0], .module(try importModule([path[0]])))
                }
            }
        case .fromImport(let path, let names):
            let module = try importModule(path)
            for (name, alias) in names {
                if name == "*" {
                    for (key, value) in module.attributes where !key.hasPrefix("_") { assign(key, value) }
                    continue
                }
                if let value = module.attributes[name] {
                    assign(alias ?? name, value)
                } else if let submodule = modules[(path + [name]).joined(separator: ".")] {
                    assign(alias ?? name, .module(submodule))
                } else {
                    let modulePath = path.joined(separator: ".")
                    throw PyError(
                        .importError,
                        "cannot import name '\(name)' from '\(modulePath)'" + Interpreter.subsetNote(module.name))
                }
            }
        case .delete(let targets):
            for target in targets { try deleteTarget(target) }
        case .raise(let expression, let cause):
            throw try raiseStatement(expression, cause: cause)
        case .try(let body, let handlers, let orElse, let finally):
            return try executeTry(body, handlers, orElse, finally)
        }
        return .normal
    }

    /// Evaluates a test and its truth value; an ambiguous truth value points at the test.
    func condition(_ test: Expr) throws(PyError) -> Bool {
        let value = try evaluate(test)
        do {
            return try truthy(value)
        } catch var error {
            if error.range == nil {
                error.range = test.range
                error.source = source
            }
            throw error
        }
    }

    func importModule(_ path: [String]) throws(PyError) -> Module {
        let name = path.joined(separator: ".")
        if let module = modules[name] { return module }
        if name == "d2l" || name == "d2l.torch" { return try loadD2L(name) }
        throw PyError(
            .importError,
            "No module named '\(name)' (available here: torch, torch.nn, torch.nn.functional, d2l, math, convbook)")
    }

    func makeFunction(_ definition: FunctionDefinition) throws(PyError) -> Function {
        var defaults: [Value?] = []
        for parameter in definition.parameters {
            if let expression = parameter.defaultValue {
                defaults.append(try evaluate(expression))
            } else {
                defaults.append(nil)
            }
        }
        // A class body's names are not visible inside its methods, as in Python.
        let closure = scope === globals ? nil : scope.isClassBody ? scope.parent : scope
        return Function(
            definition: definition, defaults: defaults, closure: closure, globals: globals, source: source)
    }

    /// `@decorator` lines over a `def` or `class`: the decorators are evaluated first, then the
    /// definition, then applied bottom-up; the name is bound to the result.
    private func executeDecorated(_ decorators: [Expr], _ definition: Stmt) throws(PyError) {
        var functions: [Value] = []
        for decorator in decorators { functions.append(try evaluate(decorator)) }
        var value: Value
        let name: String
        switch definition.kind {
        case .functionDefinition(let function):
            value = .function(try makeFunction(function))
            name = function.name
        case .classDefinition(let cls):
            value = .object(try executeClass(cls))
            name = cls.name
        default:
            throw PyError(.syntaxError, "a decorator must be followed by 'def' or 'class'")
        }
        for (decorator, expression) in zip(functions, decorators).reversed() {
            do {
                value = try call(decorator, Arguments([value]))
            } catch var error {
                if error.range == nil {
                    error.range = expression.range
                    error.source = source
                }
                throw error
            }
        }
        assign(name, value)
    }

    private func executeWith(_ items: [(context: Expr, target: Expr?)], _ body: [Stmt]) throws(PyError) -> Flow {
        var managers: [Value] = []
        for item in items {
            let manager = try evaluate(item.context)
            let entered = try callMethodIfPresent(manager, "__enter__") ?? manager
            managers.append(manager)
            if let target = item.target { try assign(target, entered) }
        }
        defer {
            for manager in managers.reversed() { _ = try? callMethodIfPresent(manager, "__exit__") }
        }
        return try execute(body)
    }
}
