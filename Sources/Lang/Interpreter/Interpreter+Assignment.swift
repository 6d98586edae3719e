extension Interpreter {
    /// Binds `value` to an assignment target: a name, attribute, subscript, or a (nested) tuple
    /// or list of targets, with at most one starred target.
    func assign(_ target: Expr, _ value: Value) throws(PyError) {
        switch target.kind {
        case .name(let name):
            assign(name, key: target.nameKey, value)
        case .attribute(let objectExpression, let name):
            let object = try evaluate(objectExpression)
            do {
                try setAttribute(object, name, value)
            } catch var error {
                // The caret goes under `self.weight`, not the whole statement.
                if error.range == nil {
                    error.range = target.range
                    error.source = source
                }
                throw error
            }
        case .subscript(let objectExpression, let indexExpression):
            let object = try evaluate(objectExpression)
            if case .tensor(let box) = object, case .tuple(let items) = indexExpression.kind {
                return try assignTensorSubscript(box, items, value)
            }
            let index = try evaluate(indexExpression)
            try setItem(object, index, value)
        case .tuple(let targets), .list(let targets):
            try unpack(targets, value, range: target.range)
        case .starred:
            throw PyError(.syntaxError, "starred assignment target must be in a list or tuple")
        default:
            throw PyError(.syntaxError, "cannot assign to expression")
        }
    }

    private func unpack(_ targets: [Expr], _ value: Value, range: SourceRange) throws(PyError) {
        let items = try iterateAll(value)
        let starIndex = targets.firstIndex { if case .starred = $0.kind { return true } else { return false } }
        if let starIndex {
            let after = targets.count - starIndex - 1
            guard items.count >= targets.count - 1 else {
                throw PyError.value(
                    "not enough values to unpack (expected at least \(targets.count - 1), got \(items.count))")
            }
            for index in 0..<starIndex { try assign(targets[index], items[index]) }
            if case .starred(let inner) = targets[starIndex].kind {
                try assign(inner, .list(try ListBox(Array(items[starIndex..<(items.count - after)]), budget: memory)))
            }
            for offset in 0..<after {
                try assign(targets[starIndex + 1 + offset], items[items.count - after + offset])
            }
            return
        }
        guard items.count == targets.count else {
            if items.count < targets.count {
                throw PyError.value("not enough values to unpack (expected \(targets.count), got \(items.count))")
            }
            throw PyError.value("too many values to unpack (expected \(targets.count), got \(items.count))")
        }
        for (target, item) in zip(targets, items) { try assign(target, item) }
    }

    /// `target op= value`; lists and tensors are updated in place, as in Python.
    func augmentedAssign(_ target: Expr, _ op: BinaryOperator, _ valueExpression: Expr) throws(PyError) {
        switch target.kind {
        case .name(let name):
            let current = try lookup(name)
            let value = try evaluate(valueExpression)
            if let updated = try inPlace(op, current, value) {
                assign(name, updated)
            } else {
                assign(name, try binary(op, current, value))
            }
        case .attribute(let objectExpression, let name):
            let object = try evaluate(objectExpression)
            let current = try attribute(object, name)
            let value = try evaluate(valueExpression)
            if let updated = try inPlace(op, current, value) {
                try setAttribute(object, name, updated)
            } else {
                try setAttribute(object, name, try binary(op, current, value))
            }
        case .subscript(let objectExpression, let indexExpression):
            let object = try evaluate(objectExpression)
            let index = try evaluate(indexExpression)
            let current = try getItem(object, index)
            let value = try evaluate(valueExpression)
            try setItem(object, index, try binary(op, current, value))
        default:
            throw PyError(.syntaxError, "illegal expression for augmented assignment")
        }
    }

    /// In-place forms: `list += iterable` extends; `tensor op= value` updates the tensor's storage.
    private func inPlace(_ op: BinaryOperator, _ current: Value, _ value: Value) throws(PyError) -> Value? {
        switch current {
        case .list(let box) where op == .add:
            try box.append(contentsOf: try iterateAll(value))
            return current
        case .tensor(let box):
            return try tensorInPlace(box, op, value) ? current : nil
        default:
            return nil
        }
    }

    func deleteTarget(_ target: Expr) throws(PyError) {
        switch target.kind {
        case .name(let name):
            try delete(name)
        case .subscript(let objectExpression, let indexExpression):
            let object = try evaluate(objectExpression)
            let index = try evaluate(indexExpression)
            try deleteItem(object, index)
        case .attribute(let objectExpression, let name):
            try deleteAttribute(try evaluate(objectExpression), name)
        case .tuple(let targets), .list(let targets):
            for item in targets { try deleteTarget(item) }
        default:
            throw PyError(.syntaxError, "cannot delete expression")
        }
    }
}
