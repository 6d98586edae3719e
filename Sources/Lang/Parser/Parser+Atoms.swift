extension Parser {
    /// Literals, names, and bracketed displays.
    mutating func parseAtom() throws(Failure) -> Expr {
        let token = current
        switch token.kind {
        case .name(let name):
            switch name {
            case "True":
                advance()
                return Expr(.bool(true), token.range)
            case "False":
                advance()
                return Expr(.bool(false), token.range)
            case "None":
                advance()
                return Expr(.none, token.range)
            default:
                if pythonKeywords.contains(name) {
                    throw fail("invalid syntax: unexpected keyword '\(name)'", token.range)
                }
                advance()
                return Expr(.name(name), token.range)
            }
        case .int(let value):
            advance()
            return Expr(.int(value), token.range)
        case .float(let value):
            advance()
            return Expr(.float(value), token.range)
        case .string, .fstring:
            return try parseStrings()
        case .op("("):
            return try parseParenthesized()
        case .op("["):
            return try parseListDisplay()
        case .op("{"):
            return try parseBraceDisplay()
        case .op("..."):
            advance()
            return Expr(.ellipsis, token.range)
        case .op(")"), .op("]"), .op("}"):
            throw fail("unmatched '\(source.text(in: token.range))'", token.range)
        case .indent:
            throw fail("unexpected indent", token.range, name: .indentationError)
        default:
            throw fail(expectedMessage("an expression"), token.range)
        }
    }

    /// Adjacent string literals are concatenated (`"a" "b"`); any f-string makes the whole an f-string.
    mutating func parseStrings() throws(Failure) -> Expr {
        var parts: [FStringPart] = []
        var isFormatted = false
        let start = current.range
        while true {
            if case .string(let text) = current.kind {
                parts.append(.literal(text))
            } else if case .fstring(let body, let raw) = current.kind {
                isFormatted = true
                parts += try parseFStringBody(body, raw: raw)
            } else {
                break
            }
            advance()
        }
        let range = start.union(previous.range)
        if !isFormatted {
            let text = parts.map { part in
                if case .literal(let text) = part { return text }
                return ""
            }.joined()
            return Expr(.string(text), range)
        }
        return Expr(.fstring(parts), range)
    }

    mutating func parseParenthesized() throws(Failure) -> Expr {
        let open = advance().range
        if check(")") {
            let close = advance().range
            return Expr(.tuple([]), open.union(close))
        }
        let first = try parseListItem(allowStarred: true)
        if checkKeyword("for") {
            let clauses = try parseComprehensionClauses()
            let close = try expectClosing(")", open)
            return Expr(.generator(first, clauses), open.union(close.range))
        }
        if !check(",") {
            let close = try expectClosing(")", open)
            var inner = first
            inner.range = open.union(close.range)
            // Keep the inner node's own range for error carets on operators? Python points at the
            // whole parenthesized expression, so use the wider range.
            return inner
        }
        var items = [first]
        while match(",") {
            if check(")") { break }
            items.append(try parseListItem(allowStarred: true))
        }
        let close = try expectClosing(")", open)
        return Expr(.tuple(items), open.union(close.range))
    }

    mutating func parseListDisplay() throws(Failure) -> Expr {
        let open = advance().range
        if check("]") {
            return Expr(.list([]), open.union(advance().range))
        }
        let first = try parseListItem(allowStarred: true)
        if checkKeyword("for") {
            let clauses = try parseComprehensionClauses()
            let close = try expectClosing("]", open)
            return Expr(.listComprehension(first, clauses), open.union(close.range))
        }
        var items = [first]
        while match(",") {
            if check("]") { break }
            items.append(try parseListItem(allowStarred: true))
        }
        let close = try expectClosing("]", open)
        return Expr(.list(items), open.union(close.range))
    }

    mutating func parseBraceDisplay() throws(Failure) -> Expr {
        let open = advance().range
        if check("}") {
            return Expr(.dict([]), open.union(advance().range))
        }
        if match("**") {
            var entries: [(key: Expr?, value: Expr)] = [(nil, try parseBitwiseOr())]
            try parseDictRest(&entries)
            let close = try expectClosing("}", open)
            return Expr(.dict(entries), open.union(close.range))
        }
        let first = try parseListItem(allowStarred: true)
        if match(":") {
            let value = try parseExpression()
            if checkKeyword("for") {
                let clauses = try parseComprehensionClauses()
                let close = try expectClosing("}", open)
                return Expr(.dictComprehension(key: first, value: value, clauses), open.union(close.range))
            }
            var entries: [(key: Expr?, value: Expr)] = [(first, value)]
            try parseDictRest(&entries)
            let close = try expectClosing("}", open)
            return Expr(.dict(entries), open.union(close.range))
        }
        if checkKeyword("for") {
            let clauses = try parseComprehensionClauses()
            let close = try expectClosing("}", open)
            return Expr(.setComprehension(first, clauses), open.union(close.range))
        }
        var items = [first]
        while match(",") {
            if check("}") { break }
            items.append(try parseListItem(allowStarred: true))
        }
        let close = try expectClosing("}", open)
        return Expr(.set(items), open.union(close.range))
    }

    private mutating func parseDictRest(_ entries: inout [(key: Expr?, value: Expr)]) throws(Failure) {
        while match(",") {
            if check("}") { break }
            if match("**") {
                entries.append((nil, try parseBitwiseOr()))
                continue
            }
            let key = try parseExpression()
            try expect(":", "expected ':' in a dict display")
            entries.append((key, try parseExpression()))
        }
    }
}
