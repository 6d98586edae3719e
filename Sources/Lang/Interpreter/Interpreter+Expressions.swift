extension Interpreter {
    /// Evaluates an expression; an error raised inside without a location gets this range.
    func evaluate(_ expression: Expr) throws(PyError) -> Value {
        // A short local name (`i`, `X`, `K` in a loop body) is most of what gets evaluated: found
        // in the innermost scope by its packed key, it skips the general path's frame and the
        // copy of its name. Anything else, or a miss, takes the general path.
        let key = expression.nameKey
        if key != 0 {
            if let value = scope.variables.shortTableValue(forKey: key) { return value }
            // A top-level function's next scope is the globals (`d2l`, `torch` in its body).
            if scope.parent == nil, let value = globals.variables.shortTableValue(forKey: key) { return value }
        }
        do {
            return try evaluateKind(expression)
        } catch {
            throw located(error, expression.range)
        }
    }

    /// `error` with `range` as its place when it has none yet, and this frame in its traceback
    /// when a call left it without one. Out of line, so that `evaluate` and `execute`, entered
    /// for every node, keep small frames.
    @inline(never)
    func located(_ error: PyError, _ range: SourceRange) -> PyError {
        var error = error
        if error.range == nil {
            error.range = range
            error.source = source
        }
        if error.needsCallerFrame {
            error.traceback.insert(TracebackFrame(function: frameName, source: source, range: range), at: 0)
            error.needsCallerFrame = false
        }
        return error
    }

    private func evaluateKind(_ expression: Expr) throws(PyError) -> Value {
        switch expression.kind {
        case .name(let name):
            return try lookup(name, key: expression.nameKey)
        case .int(let value):
            return .int(value)
        case .float(let value):
            return .float(value)
        case .string(let text):
            return .str(text)
        case .bool(let flag):
            return .bool(flag)
        case .none:
            return .none
        case .ellipsis:
            return .ellipsis
        case .fstring(let parts):
            return .str(try formatParts(parts))
        case .unary(let op, let operand):
            return try unary(op, try evaluate(operand))
        case .binary(let op, let left, let right):
            let lhs = try evaluate(left)
            let rhs = try evaluate(right)
            return try binary(op, consume lhs, consume rhs)
        case .logical(let isAnd, let operands):
            var value = Value.none
            for operand in operands {
                value = try evaluate(operand)
                let isTrue = try truthy(value)
                if isAnd != isTrue { return value }
            }
            return value
        case .not(let operand):
            return .bool(!(try truthy(try evaluate(operand))))
        case .compare(let first, let rest):
            var left = try evaluate(first)
            var result = Value.bool(true)
            for (op, rightExpression) in rest {
                let right = try evaluate(rightExpression)
                result = try compare(op, left, right)
                if rest.count > 1, !(try truthy(result)) { return result }
                left = right
            }
            return result
        case .conditional(let test, let then, let orElse):
            return try truthy(try evaluate(test)) ? try evaluate(then) : try evaluate(orElse)
        case .lambda(let definition):
            return .function(try makeFunction(definition))
        case .call(let calleeExpression, let argumentExpressions):
            if case .attribute(let objectExpression, let name) = calleeExpression.kind {
                return try callAttribute(objectExpression, name, calleeExpression.range, argumentExpressions)
            }
            return try call(try evaluate(calleeExpression), evaluating: argumentExpressions)
        case .attribute(let objectExpression, let name):
            return try attribute(try evaluate(objectExpression), name)
        case .subscript(let objectExpression, let indexExpression):
            let object = try evaluate(objectExpression)
            if case .tensor(let box) = object, case .tuple(let items) = indexExpression.kind {
                return try tensorSubscript(box, items)
            }
            let index = try evaluate(indexExpression)
            return try getItem(object, index)
        case .slice(let lower, let upper, let step):
            return .slice(
                SliceBox(try evaluateOptional(lower), try evaluateOptional(upper), try evaluateOptional(step)))
        case .tuple(let items):
            return .tuple(try evaluateItems(items))
        case .list(let items):
            return .list(try ListBox(try evaluateItems(items), budget: memory))
        case .set(let items):
            let box = DictBox(budget: memory, isSet: true)
            for item in try evaluateItems(items) { try box.set(item, try HashKey(item), .none) }
            return .set(box)
        case .dict(let entries):
            let box = DictBox(budget: memory)
            for entry in entries {
                if let keyExpression = entry.key {
                    let key = try evaluate(keyExpression)
                    try box.set(key, try HashKey(key), try evaluate(entry.value))
                } else {
                    guard case .dict(let other) = try evaluate(entry.value) else {
                        throw PyError.type("'**' argument must be a mapping")
                    }
                    for (key, value) in other.entries { try box.set(key, try HashKey(key), value) }
                }
            }
            return .dict(box)
        case .starred:
            throw PyError(.syntaxError, "can't use starred expression here")
        case .listComprehension(let element, let clauses):
            var results = ValueCollector(budget: memory)
            try comprehend(clauses) { () throws(PyError) in try results.append(try evaluate(element)) }
            return .list(try ListBox(results.items, budget: memory))
        case .generator(let element, let clauses):
            var results = ValueCollector(budget: memory)
            try comprehend(clauses) { () throws(PyError) in try results.append(try evaluate(element)) }
            return .iterator("genexpr", results.items)
        case .setComprehension(let element, let clauses):
            let box = DictBox(budget: memory, isSet: true)
            try comprehend(clauses) { () throws(PyError) in
                let item = try evaluate(element)
                try box.set(item, try HashKey(item), .none)
            }
            return .set(box)
        case .dictComprehension(let keyExpression, let valueExpression, let clauses):
            let box = DictBox(budget: memory)
            try comprehend(clauses) { () throws(PyError) in
                let key = try evaluate(keyExpression)
                try box.set(key, try HashKey(key), try evaluate(valueExpression))
            }
            return .dict(box)
        }
    }

    func evaluateOptional(_ expression: Expr?) throws(PyError) -> Value {
        guard let expression else { return .none }
        return try evaluate(expression)
    }

    /// Evaluates display items, expanding `*iterable`.
    func evaluateItems(_ items: [Expr]) throws(PyError) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for item in items {
            if case .starred(let inner) = item.kind {
                values += try iterateAll(try evaluate(inner))
            } else {
                values.append(try evaluate(item))
            }
        }
        return values
    }

    /// `object.name(arguments)`. A method of a user class is called with the instance as its
    /// first argument, without making a bound-method object; anything else is read, then called.
    /// Never inlined: inside `evaluateKind` it would grow the frame of every nested evaluation
    /// (measured: the book's corr2d loop 30% slower).
    @inline(never)
    private func callAttribute(
        _ objectExpression: Expr, _ name: String, _ range: SourceRange, _ argumentExpressions: [CallArgument]
    ) throws(PyError) -> Value {
        let object = try evaluate(objectExpression)
        if case .object(let instance as Instance) = object, let method = instance.plainMethod(name) {
            return try callFunction(method, try evaluateArguments(argumentExpressions, receiver: object))
        }
        let callee: Value
        do {
            callee = try attribute(object, name)
        } catch var error {
            // As if `object.name` had been evaluated on its own: the caret under it.
            if error.range == nil {
                error.range = range
                error.source = source
            }
            throw error
        }
        return try call(callee, evaluating: argumentExpressions)
    }

    /// Calls `callee` with its arguments still to evaluate: a builtin with a one-argument path
    /// (``BuiltinFunction/unary``) called with one positional argument gets it without an
    /// ``Arguments`` value; anything else is called with the evaluated arguments. Never inlined,
    /// like ``callAttribute``, to keep `evaluateKind`'s frame small.
    @inline(never)
    private func call(_ callee: Value, evaluating argumentExpressions: [CallArgument]) throws(PyError) -> Value {
        if case .builtin(let builtin) = callee, let unary = builtin.unary, argumentExpressions.count == 1,
            case .positional(let expression) = argumentExpressions[0]
        {
            return try unary(self, try evaluate(expression))
        }
        return try call(callee, try evaluateArguments(argumentExpressions))
    }

    /// Evaluates call arguments; `receiver` (a method's instance) goes first when given.
    func evaluateArguments(_ arguments: [CallArgument], receiver: Value? = nil) throws(PyError) -> Arguments {
        var result = Arguments()
        result.positional.reserveCapacity(arguments.count + 1)
        if let receiver { result.positional.append(receiver) }
        for argument in arguments {
            switch argument {
            case .positional(let expression):
                result.positional.append(try evaluate(expression))
            case .keyword(let name, let expression):
                if result.keywords.contains(where: { $0.name == name }) {
                    throw PyError(.syntaxError, "keyword argument repeated: \(name)")
                }
                result.keywords.append((name, try evaluate(expression)))
            case .star(let expression):
                result.positional += try iterateAll(try evaluate(expression))
            case .doubleStar(let expression):
                guard case .dict(let box) = try evaluate(expression) else {
                    throw PyError.type("argument after ** must be a mapping")
                }
                for (key, value) in box.entries {
                    guard case .str(let name) = key else { throw PyError.type("keywords must be strings") }
                    result.keywords.append((name, value))
                }
            }
        }
        return result
    }

    /// Runs `body` once per combination of the comprehension clauses, in a scope of its own.
    private func comprehend(_ clauses: [Comprehension], _ body: () throws(PyError) -> Void) throws(PyError) {
        let saved = scope
        scope = Scope(parent: saved)
        defer { scope = saved }
        try comprehendLevel(clauses, 0, body)
    }

    private func comprehendLevel(
        _ clauses: [Comprehension], _ level: Int, _ body: () throws(PyError) -> Void
    ) throws(PyError) {
        if level == clauses.count {
            try body()
            return
        }
        let clause = clauses[level]
        var iterator = try makeIterator(try evaluate(clause.iterable))
        outer: while let item = try iterator.next() {
            try checkInterrupt()
            try assignLocal(clause.target, item)
            for condition in clause.conditions where !(try truthy(try evaluate(condition))) {
                continue outer
            }
            try comprehendLevel(clauses, level + 1, body)
        }
    }

    /// Binds a comprehension target in the comprehension's own scope.
    private func assignLocal(_ target: Expr, _ value: Value) throws(PyError) {
        if case .name(let name) = target.kind {
            scope.variables[name] = value
            return
        }
        try assign(target, value)
    }
}
