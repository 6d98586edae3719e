extension Interpreter {
    /// Calls any callable value.
    func call(_ callee: Value, _ arguments: Arguments) throws(PyError) -> Value {
        switch callee {
        case .function(let function):
            return try callFunction(function, arguments)
        case .builtin(let builtin):
            return try builtin.body(self, arguments)
        case .type(let type):
            if let construct = type.construct { return try construct(self, arguments) }
            throw PyError.type("cannot create '\(type.name)' instances")
        case .object(let object):
            if let result = try object.call(self, arguments) { return result }
        default:
            break
        }
        throw PyError.type("'\(typeName(of: callee))' object is not callable")
    }

    /// Calls a method by name if the value has it (used for context managers).
    func callMethodIfPresent(_ value: Value, _ name: String) throws(PyError) -> Value? {
        guard case .object(let object) = value, let method = try object.attribute(name, self) else { return nil }
        // Python passes `__exit__` the exception type, value and traceback; no exception here.
        if name == "__exit__", object is Instance { return try call(method, Arguments([.none, .none, .none])) }
        return try call(method, Arguments())
    }

    /// Calls a user function: binds arguments, runs the body in a new scope, and adds a traceback
    /// frame to an error that leaves it.
    func callFunction(_ function: Function, _ arguments: Arguments) throws(PyError) -> Value {
        try checkInterrupt()
        guard callDepth < limits.maximumRecursionDepth else {
            throw PyError(
                .recursionError,
                "maximum recursion depth exceeded (the limit is \(limits.maximumRecursionDepth) nested calls)")
        }
        let definition = function.definition
        let locals = Scope(parent: function.closure)
        try bind(definition, function.defaults, arguments, into: locals, name: function.qualifiedName)

        let savedScope = scope
        let savedFunction = self.function
        let savedRunning = runningFunction
        let savedName = frameName
        let savedSource = source
        scope = locals
        self.function = definition
        runningFunction = function
        frameName = definition.name
        source = function.source
        callDepth += 1
        defer {
            scope = savedScope
            self.function = savedFunction
            runningFunction = savedRunning
            frameName = savedName
            source = savedSource
            callDepth -= 1
        }
        do {
            if case .returnValue(let value) = try execute(definition.body) { return value }
            return .none
        } catch var error {
            if error.traceback.isEmpty {
                error.traceback.append(
                    TracebackFrame(
                        function: definition.name, source: error.source ?? function.source,
                        range: error.range ?? definition.range))
            }
            error.needsCallerFrame = true
            throw error
        }
    }

    private func bind(
        _ definition: FunctionDefinition, _ defaults: [Value?], _ arguments: Arguments, into locals: Scope,
        name: String
    ) throws(PyError) {
        let parameters = definition.parameters
        if arguments.keywords.isEmpty, arguments.positional.count == parameters.count,
            parameters.allSatisfy({ $0.kind == .normal })
        {
            // The common call `f(a, b)` of `def f(x, y)`: nothing to match, nothing left over.
            for (parameter, value) in zip(parameters, arguments.positional) {
                locals.variables[parameter.name] = value
            }
            return
        }
        var positional = arguments.positional[...]
        var extraPositional: [Value] = []
        var bound = [Bool](repeating: false, count: parameters.count)
        for (index, parameter) in parameters.enumerated() {
            switch parameter.kind {
            case .normal:
                if let value = positional.popFirst() {
                    locals.variables[parameter.name] = value
                    bound[index] = true
                }
            case .varArgs:
                extraPositional = Array(positional)
                positional = []
                bound[index] = true
            case .keywordOnly, .varKeywords:
                break
            }
        }
        if !positional.isEmpty {
            let accepted = parameters.filter { $0.kind == .normal }.count
            let given = arguments.positional.count
            throw PyError.type(
                "\(name)() takes \(accepted) positional argument\(accepted == 1 ? "" : "s") but \(given) "
                    + "\(given == 1 ? "was" : "were") given")
        }
        if let varArgs = parameters.first(where: { $0.kind == .varArgs }) {
            locals.variables[varArgs.name] = .tuple(extraPositional)
        }
        let extraKeywords = DictBox(budget: memory)
        for (keyword, value) in arguments.keywords {
            if let index = parameters.firstIndex(where: {
                $0.name == keyword && ($0.kind == .normal || $0.kind == .keywordOnly)
            }) {
                if bound[index] {
                    throw PyError.type("\(name)() got multiple values for argument '\(keyword)'")
                }
                locals.variables[keyword] = value
                bound[index] = true
            } else if parameters.contains(where: { $0.kind == .varKeywords }) {
                try extraKeywords.set(.str(keyword), .str(CodePointKey(keyword)), value)
            } else {
                throw PyError.type("\(name)() got an unexpected keyword argument '\(keyword)'")
            }
        }
        if let varKeywords = parameters.first(where: { $0.kind == .varKeywords }) {
            locals.variables[varKeywords.name] = .dict(extraKeywords)
            if let index = parameters.firstIndex(where: { $0.kind == .varKeywords }) { bound[index] = true }
        }
        var missing: [String] = []
        for (index, parameter) in parameters.enumerated() where !bound[index] {
            if let value = defaults[index] {
                locals.variables[parameter.name] = value
            } else {
                missing.append("'\(parameter.name)'")
            }
        }
        if !missing.isEmpty {
            let list =
                missing.count == 1
                ? missing[0] : missing.dropLast().joined(separator: ", ") + " and " + missing[missing.count - 1]
            throw PyError.type(
                "\(name)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)"
            )
        }
    }
}
