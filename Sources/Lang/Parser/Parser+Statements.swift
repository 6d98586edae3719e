extension Parser {
    /// Parses one line's worth of statements (a compound statement, or simple statements joined
    /// by `;`).
    mutating func parseStatement() throws(Failure) -> [Stmt] {
        if case .name(let word) = current.kind {
            switch word {
            case "if": return [try parseIf()]
            case "while": return [try parseWhile()]
            case "for": return [try parseFor()]
            case "def": return [try parseFunctionDefinition()]
            case "with": return [try parseWith()]
            case "try": return [try parseTry()]
            case "class": return [try parseClassDefinition()]
            default: break
            }
        }
        if check("@") { return [try parseDecorated()] }
        var statements = [try parseSimpleStatement()]
        while match(";") {
            if current.kind == .newline || atEnd { break }
            statements.append(try parseSimpleStatement())
        }
        if current.kind == .newline {
            advance()
        } else if !atEnd && current.kind != .dedent {
            throw fail(expectedMessage("the end of the statement"), current.range)
        }
        return statements
    }

    /// Parses an indented block after `:` (or a simple statement on the same line).
    mutating func parseBlock() throws(Failure) -> [Stmt] {
        try expect(":", "expected ':'")
        if current.kind != .newline {
            var statements = [try parseSimpleStatement()]
            while match(";") {
                if current.kind == .newline || atEnd { break }
                statements.append(try parseSimpleStatement())
            }
            if current.kind == .newline { advance() }
            return statements
        }
        advance()
        guard current.kind == .indent else {
            throw fail("expected an indented block", current.range, name: .indentationError)
        }
        let blockStart = advance()
        try enter(blockStart.range)
        defer { leave() }
        var statements: [Stmt] = []
        while current.kind != .dedent && !atEnd {
            let before = index
            if current.kind == .newline {
                advance()
                continue
            }
            if current.kind == .indent {
                _ = fail("unexpected indent", current.range, name: .indentationError)
                skipIndentedBlock()
                continue
            }
            do {
                statements += try parseStatement()
            } catch {
                synchronize()
            }
            if index == before { advance() }
        }
        if current.kind == .dedent { advance() }
        return statements
    }

    mutating func parseIf() throws(Failure) -> Stmt {
        let start = advance().range
        var branches: [(test: Expr, body: [Stmt])] = []
        let test = try parseNamedExpression()
        branches.append((test, try parseBlock()))
        var orElse: [Stmt] = []
        while true {
            if checkKeyword("elif") {
                advance()
                let test = try parseNamedExpression()
                branches.append((test, try parseBlock()))
            } else if checkKeyword("else") {
                advance()
                orElse = try parseBlock()
                break
            } else {
                break
            }
        }
        return Stmt(.if(branches: branches, orElse: orElse), start.union(previous.range))
    }

    mutating func parseWhile() throws(Failure) -> Stmt {
        let start = advance().range
        let test = try parseNamedExpression()
        let body = try parseBlock()
        var orElse: [Stmt] = []
        if matchKeyword("else") { orElse = try parseBlock() }
        return Stmt(.while(test: test, body: body, orElse: orElse), start.union(test.range))
    }

    mutating func parseFor() throws(Failure) -> Stmt {
        let start = advance().range
        let target = try parseTargetList()
        try expectKeyword("in")
        let iterable = try parseExpressionList()
        let body = try parseBlock()
        var orElse: [Stmt] = []
        if matchKeyword("else") { orElse = try parseBlock() }
        return Stmt(.for(target: target, iterable: iterable, body: body, orElse: orElse), start.union(iterable.range))
    }

    mutating func parseWith() throws(Failure) -> Stmt {
        let start = advance().range
        var items: [(context: Expr, target: Expr?)] = []
        repeat {
            let context = try parseExpression()
            var target: Expr?
            if matchKeyword("as") { target = try parseTarget() }
            items.append((context, target))
        } while match(",")
        let header = start.union(previous.range)
        return Stmt(.with(items: items, body: try parseBlock()), header)
    }

    mutating func parseTry() throws(Failure) -> Stmt {
        let start = advance().range
        let body = try parseBlock()
        var handlers: [ExceptHandler] = []
        var orElse: [Stmt] = []
        var finally: [Stmt] = []
        while checkKeyword("except") {
            let handlerStart = advance().range
            var type: Expr?
            var name: String?
            if !check(":") {
                type = try parseExpression()
                if matchKeyword("as") { name = try expectName() }
            }
            let handlerBody = try parseBlock()
            handlers.append(ExceptHandler(type: type, name: name, body: handlerBody, range: handlerStart))
        }
        if matchKeyword("else") { orElse = try parseBlock() }
        if matchKeyword("finally") { finally = try parseBlock() }
        if handlers.isEmpty && finally.isEmpty {
            throw fail("expected 'except' or 'finally' block", current.range)
        }
        return Stmt(.try(body: body, handlers: handlers, orElse: orElse, finally: finally), start)
    }

    mutating func parseFunctionDefinition() throws(Failure) -> Stmt {
        let start = advance().range
        let name = try expectName("a function name")
        try expect("(", "expected '(' after the function name")
        let parameters = try parseParameters(closing: ")")
        try expect(")")
        if match("->") { _ = try parseExpression() }
        let header = start.union(previous.range)
        let body = try parseBlock()
        let definition = FunctionDefinition(name: name, parameters: parameters, body: body, range: header)
        return Stmt(.functionDefinition(definition), header)
    }

    /// Parses a parameter list up to (not including) `closing` (`)` for def, `:` for lambda).
    mutating func parseParameters(closing: String) throws(Failure) -> [Parameter] {
        var parameters: [Parameter] = []
        var seenDefault = false
        var keywordOnly = false
        while !check(closing) {
            let before = index
            if match("*") {
                if check(",") || check(closing) {
                    keywordOnly = true
                } else {
                    parameters.append(Parameter(name: try expectName("a parameter name"), kind: .varArgs))
                    keywordOnly = true
                }
            } else if match("**") {
                parameters.append(Parameter(name: try expectName("a parameter name"), kind: .varKeywords))
            } else {
                let nameToken = current
                let name = try expectName("a parameter name")
                if parameters.contains(where: { $0.name == name }) {
                    throw fail("duplicate argument '\(name)' in function definition", nameToken.range)
                }
                if closing == ")" && match(":") { _ = try parseExpression() }
                var defaultValue: Expr?
                if match("=") {
                    defaultValue = try parseExpression()
                    seenDefault = true
                } else if seenDefault && !keywordOnly {
                    throw fail("parameter without a default follows parameter with a default", nameToken.range)
                }
                parameters.append(
                    Parameter(name: name, kind: keywordOnly ? .keywordOnly : .normal, defaultValue: defaultValue))
            }
            if !match(",") { break }
            if index == before { break }
        }
        return parameters
    }

    /// Parses a statement that fits on one line.
    mutating func parseSimpleStatement() throws(Failure) -> Stmt {
        let start = current.range
        if case .name(let word) = current.kind {
            switch word {
            case "pass":
                advance()
                return Stmt(.pass, start)
            case "break":
                advance()
                return Stmt(.break, start)
            case "continue":
                advance()
                return Stmt(.continue, start)
            case "return":
                advance()
                if current.kind == .newline || check(";") || atEnd || current.kind == .dedent {
                    return Stmt(.return(nil), start)
                }
                let value = try parseExpressionList()
                return Stmt(.return(value), start.union(value.range))
            case "assert":
                advance()
                let test = try parseExpression()
                var message: Expr?
                if match(",") { message = try parseExpression() }
                return Stmt(.assert(test: test, message: message), start.union(previous.range))
            case "raise":
                advance()
                if current.kind == .newline || atEnd || check(";") { return Stmt(.raise(nil, cause: nil), start) }
                let value = try parseExpression()
                guard matchKeyword("from") else { return Stmt(.raise(value, cause: nil), start.union(value.range)) }
                let cause = try parseExpression()
                return Stmt(.raise(value, cause: cause), start.union(cause.range))
            case "global", "nonlocal":
                advance()
                var names = [try expectName()]
                while match(",") { names.append(try expectName()) }
                return Stmt(word == "global" ? .global(names) : .nonlocal(names), start.union(previous.range))
            case "del":
                advance()
                var targets = [try parseTarget()]
                while match(",") { targets.append(try parseTarget()) }
                return Stmt(.delete(targets), start.union(previous.range))
            case "import":
                return try parseImport()
            case "from":
                return try parseFromImport()
            case "yield", "async", "await":
                throw fail("'\(word)' is not supported in this language", current.range)
            default: break
            }
        }
        return try parseExpressionStatement()
    }

    mutating func parseDottedName() throws(Failure) -> [String] {
        var path = [try expectName("a module name")]
        while match(".") { path.append(try expectName("a module name")) }
        return path
    }

    mutating func parseImport() throws(Failure) -> Stmt {
        let start = advance().range
        var modules: [(path: [String], alias: String?)] = []
        repeat {
            let path = try parseDottedName()
            var alias: String?
            if matchKeyword("as") { alias = try expectName() }
            modules.append((path, alias))
        } while match(",")
        return Stmt(.import(modules), start.union(previous.range))
    }

    mutating func parseFromImport() throws(Failure) -> Stmt {
        let start = advance().range
        let path = try parseDottedName()
        try expectKeyword("import")
        var names: [(name: String, alias: String?)] = []
        let parenthesized = match("(")
        if match("*") {
            names.append(("*", nil))
        } else {
            repeat {
                if parenthesized && check(")") { break }
                let name = try expectName()
                var alias: String?
                if matchKeyword("as") { alias = try expectName() }
                names.append((name, alias))
            } while match(",")
        }
        if parenthesized { try expect(")") }
        return Stmt(.fromImport(path: path, names: names), start.union(previous.range))
    }

    static let augmentedOperators: [String: BinaryOperator] = [
        "+=": .add, "-=": .subtract, "*=": .multiply, "/=": .divide, "//=": .floorDivide, "%=": .modulo,
        "**=": .power, "@=": .matmul, "&=": .bitAnd, "|=": .bitOr, "^=": .bitXor, "<<=": .shiftLeft,
        ">>=": .shiftRight,
    ]

    mutating func parseExpressionStatement() throws(Failure) -> Stmt {
        let first = try parseExpressionList(allowStarred: true)
        if case .op(let op) = current.kind, let binary = Parser.augmentedOperators[op] {
            try checkAssignable(first, augmented: true)
            advance()
            let value = try parseExpressionList()
            return Stmt(.augmentedAssign(target: first, binary, value: value), first.range.union(value.range))
        }
        if check(":") && !check("=") {
            // Annotated assignment `x: int = 3`; the annotation is ignored.
            advance()
            _ = try parseExpression()
            if match("=") {
                let value = try parseExpressionList()
                return Stmt(.assign(targets: [first], value: value), first.range.union(value.range))
            }
            return Stmt(.pass, first.range)
        }
        guard check("=") else { return Stmt(.expression(first), first.range) }
        var targets = [first]
        var value = first
        while match("=") {
            value = try parseExpressionList(allowStarred: true)
            targets.append(value)
        }
        targets.removeLast()
        for target in targets { try checkAssignable(target, augmented: false) }
        return Stmt(.assign(targets: targets, value: value), first.range.union(value.range))
    }

    /// Rejects assignment to things that are not names, attributes, subscripts or tuples of them.
    mutating func checkAssignable(_ target: Expr, augmented: Bool) throws(Failure) {
        switch target.kind {
        case .name, .attribute, .subscript: return
        case .tuple(let items), .list(let items):
            if augmented {
                throw fail("'tuple' is an illegal expression for augmented assignment", target.range)
            }
            for item in items { try checkAssignable(item, augmented: false) }
        case .starred(let inner) where !augmented:
            try checkAssignable(inner, augmented: false)
        case .call:
            throw fail(
                "cannot assign to function call here. Maybe you meant '==' instead of '='?", target.range)
        default:
            throw fail("cannot assign to expression here. Maybe you meant '==' instead of '='?", target.range)
        }
    }

    /// A `for` or comprehension target: `x`, `i, j`, `(a, b)`.
    mutating func parseTargetList() throws(Failure) -> Expr {
        let first = try parseTarget()
        guard check(",") else { return first }
        var items = [first]
        while match(",") {
            if checkKeyword("in") || check("=") { break }
            items.append(try parseTarget())
        }
        return Expr(.tuple(items), first.range.union(previous.range))
    }

    mutating func parseTarget() throws(Failure) -> Expr {
        if match("*") {
            let start = previous.range
            let inner = try parseBitwiseOr()
            return Expr(.starred(inner), start.union(inner.range))
        }
        let target = try parseBitwiseOr()
        try checkAssignable(target, augmented: false)
        return target
    }
}
