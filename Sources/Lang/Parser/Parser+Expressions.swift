extension Parser {
    /// `a, b, c` (a tuple when there is a comma) or a single expression.
    mutating func parseExpressionList(allowStarred: Bool = false) throws(Failure) -> Expr {
        let first = try parseListItem(allowStarred: allowStarred)
        guard check(",") else { return first }
        var items = [first]
        while match(",") {
            if isExpressionEnd { break }
            items.append(try parseListItem(allowStarred: allowStarred))
        }
        return Expr(.tuple(items), first.range.union(previous.range))
    }

    var isExpressionEnd: Bool {
        switch current.kind {
        case .newline, .end, .dedent, .indent: return true
        case .op(let op): return ["=", ")", "]", "}", ":", ";"].contains(op) || Parser.augmentedOperators[op] != nil
        case .name(let word): return word == "in"
        default: return false
        }
    }

    mutating func parseListItem(allowStarred: Bool) throws(Failure) -> Expr {
        if check("*") {
            let start = advance().range
            let inner = try parseBitwiseOr()
            return Expr(.starred(inner), start.union(inner.range))
        }
        return try parseExpression()
    }

    /// An expression that may be an assignment expression `name := value` (parsed as the value).
    mutating func parseNamedExpression() throws(Failure) -> Expr {
        try parseExpression()
    }

    /// `lambda`, conditional expression, or an `or` expression.
    /// Nesting is counted where recursion happens without passing `parsePrimary` (which counts every
    /// bracket): lambda bodies and the `else` branch of a conditional.
    mutating func parseExpression() throws(Failure) -> Expr {
        if checkKeyword("lambda") {
            try enter(current.range)
            defer { leave() }
            return try parseLambda()
        }
        let body = try parseOr()
        guard checkKeyword("if") else { return body }
        try enter(current.range)
        defer { leave() }
        // Inside a comprehension `[x for x in xs if c]`, `if` belongs to the comprehension, but that
        // is handled there because comprehension conditions are parsed with `parseOr`.
        advance()
        let test = try parseOr()
        try expectKeyword("else")
        let orElse = try parseExpression()
        return Expr(.conditional(test: test, then: body, orElse: orElse), body.range.union(orElse.range))
    }

    mutating func parseLambda() throws(Failure) -> Expr {
        let start = advance().range
        let parameters = try parseParameters(closing: ":")
        try expect(":")
        let body = try parseExpression()
        let range = start.union(body.range)
        let returnStatement = Stmt(.return(body), body.range)
        let definition = FunctionDefinition(
            name: "<lambda>", parameters: parameters, body: [returnStatement], range: range)
        return Expr(.lambda(definition), range)
    }

    mutating func parseOr() throws(Failure) -> Expr {
        let first = try parseAnd()
        guard checkKeyword("or") else { return first }
        var items = [first]
        while matchKeyword("or") { items.append(try parseAnd()) }
        return Expr(.logical(isAnd: false, items), first.range.union(items[items.count - 1].range))
    }

    mutating func parseAnd() throws(Failure) -> Expr {
        let first = try parseNot()
        guard checkKeyword("and") else { return first }
        var items = [first]
        while matchKeyword("and") { items.append(try parseNot()) }
        return Expr(.logical(isAnd: true, items), first.range.union(items[items.count - 1].range))
    }

    mutating func parseNot() throws(Failure) -> Expr {
        if checkKeyword("not") {
            let start = advance().range
            try enter(start)
            defer { leave() }
            let operand = try parseNot()
            return Expr(.not(operand), start.union(operand.range))
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws(Failure) -> Expr {
        let first = try parseBitwiseOr()
        var rest: [(CompareOperator, Expr)] = []
        while let op = matchComparisonOperator() {
            rest.append((op, try parseBitwiseOr()))
        }
        if rest.isEmpty { return first }
        return Expr(.compare(first, rest), first.range.union(rest[rest.count - 1].1.range))
    }

    mutating func matchComparisonOperator() -> CompareOperator? {
        switch current.kind {
        case .op(let op):
            guard let comparison = CompareOperator(rawValue: op), !["in", "is"].contains(op) else { return nil }
            advance()
            return comparison
        case .name("in"):
            advance()
            return .in
        case .name("not") where peekToken().isName("in"):
            advance()
            advance()
            return .notIn
        case .name("is"):
            advance()
            return matchKeyword("not") ? .isNot : .is
        default:
            return nil
        }
    }

    mutating func parseBitwiseOr() throws(Failure) -> Expr {
        try parseBinaryLevel(0)
    }

    static let binaryLevels: [[String: BinaryOperator]] = [
        ["|": .bitOr],
        ["^": .bitXor],
        ["&": .bitAnd],
        ["<<": .shiftLeft, ">>": .shiftRight],
        ["+": .add, "-": .subtract],
        ["*": .multiply, "/": .divide, "//": .floorDivide, "%": .modulo, "@": .matmul],
    ]

    /// Left-associative binary operators, one precedence level per entry of ``binaryLevels``.
    mutating func parseBinaryLevel(_ level: Int) throws(Failure) -> Expr {
        if level == Parser.binaryLevels.count { return try parseUnary() }
        var left = try parseBinaryLevel(level + 1)
        let chainStart = chain
        defer { chain = chainStart }
        while case .op(let op) = current.kind, let binary = Parser.binaryLevels[level][op] {
            try link(current.range)
            advance()
            let right = try parseBinaryLevel(level + 1)
            left = Expr(.binary(binary, left, right), left.range.union(right.range))
        }
        return left
    }

    mutating func parseUnary() throws(Failure) -> Expr {
        if case .op(let op) = current.kind, let unary = UnaryOperator(rawValue: op) {
            let start = advance().range
            try enter(start)
            defer { leave() }
            let operand = try parseUnary()
            if unary == .negate, case .int(let value) = operand.kind {
                return Expr(.int(-value), start.union(operand.range))
            }
            if unary == .negate, case .float(let value) = operand.kind {
                return Expr(.float(-value), start.union(operand.range))
            }
            return Expr(.unary(unary, operand), start.union(operand.range))
        }
        return try parsePower()
    }

    mutating func parsePower() throws(Failure) -> Expr {
        let base = try parsePrimary()
        guard check("**") else { return base }
        advance()
        try enter(base.range)
        defer { leave() }
        let exponent = try parseUnary()
        return Expr(.binary(.power, base, exponent), base.range.union(exponent.range))
    }

    /// An atom followed by calls, attributes and subscripts.
    mutating func parsePrimary() throws(Failure) -> Expr {
        // Every bracket nests through here (displays, comprehensions and their iterables, arguments).
        try enter(current.range)
        defer { leave() }
        var expression = try parseAtom()
        let chainStart = chain
        defer { chain = chainStart }
        while true {
            if check("(") || check("[") || check(".") { try link(current.range) }
            if check("(") {
                let open = advance().range
                let arguments = try parseArguments()
                let close = try expectClosing(")", open)
                expression = Expr(.call(expression, arguments), expression.range.union(close.range))
            } else if check("[") {
                let open = advance().range
                let index = try parseSubscript()
                let close = try expectClosing("]", open)
                expression = Expr(.subscript(expression, index), expression.range.union(close.range))
            } else if match(".") {
                let nameToken = current
                let name = try expectName("an attribute name")
                expression = Expr(.attribute(expression, name), expression.range.union(nameToken.range))
            } else {
                return expression
            }
        }
    }

    mutating func parseArguments() throws(Failure) -> [CallArgument] {
        var arguments: [CallArgument] = []
        var seenKeyword = false
        while !check(")") {
            let before = index
            if match("*") {
                arguments.append(.star(try parseExpression()))
            } else if match("**") {
                arguments.append(.doubleStar(try parseExpression()))
                seenKeyword = true
            } else if case .name(let name) = current.kind, peekToken().isOp("="), !pythonKeywords.contains(name) {
                advance()
                advance()
                arguments.append(.keyword(name, try parseExpression()))
                seenKeyword = true
            } else {
                let value = try parseExpression()
                if checkKeyword("for") {
                    let clauses = try parseComprehensionClauses()
                    arguments.append(
                        .positional(Expr(.generator(value, clauses), value.range.union(previous.range))))
                } else {
                    if seenKeyword {
                        throw fail("positional argument follows keyword argument", value.range)
                    }
                    arguments.append(.positional(value))
                }
            }
            if !match(",") { break }
            if index == before { break }
        }
        return arguments
    }

    /// The inside of `[...]` after a primary: an index, a slice, or a tuple of them.
    mutating func parseSubscript() throws(Failure) -> Expr {
        let first = try parseSliceItem()
        guard check(",") else { return first }
        var items = [first]
        while match(",") {
            if check("]") { break }
            items.append(try parseSliceItem())
        }
        return Expr(.tuple(items), first.range.union(previous.range))
    }

    mutating func parseSliceItem() throws(Failure) -> Expr {
        let start = current.range
        var lower: Expr?
        if !check(":") {
            let value = try parseExpression()
            guard check(":") else { return value }
            lower = value
        }
        advance()
        var upper: Expr?
        var step: Expr?
        if !check(":") && !check("]") && !check(",") { upper = try parseExpression() }
        if match(":") {
            if !check("]") && !check(",") { step = try parseExpression() }
        }
        return Expr(.slice(lower, upper, step), start.union(previous.range))
    }

    mutating func parseComprehensionClauses() throws(Failure) -> [Comprehension] {
        var clauses: [Comprehension] = []
        while matchKeyword("for") {
            let target = try parseTargetList()
            try expectKeyword("in")
            let iterable = try parseOr()
            var conditions: [Expr] = []
            while checkKeyword("if") {
                advance()
                conditions.append(try parseOr())
            }
            clauses.append(Comprehension(target: target, iterable: iterable, conditions: conditions))
        }
        return clauses
    }
}
