extension Parser {
    /// `class Name(Base):` followed by its block; the bases are plain expressions.
    mutating func parseClassDefinition() throws(Failure) -> Stmt {
        let start = advance().range
        let name = try expectName("a class name")
        var bases: [Expr] = []
        if check("(") {
            let open = advance().range
            while !check(")") {
                let before = index
                if case .name(let word) = current.kind, peekToken().isOp("="), !pythonKeywords.contains(word) {
                    throw fail(
                        "class keyword arguments such as '\(word)=' are not supported in this language",
                        current.range)
                }
                if check("*") || check("**") {
                    throw fail("unpacking in a class's bases is not supported in this language", current.range)
                }
                bases.append(try parseExpression())
                if !match(",") { break }
                if index == before { break }
            }
            try expectClosing(")", open)
        }
        let header = start.union(previous.range)
        let body = try parseBlock()
        return Stmt(.classDefinition(ClassDefinition(name: name, bases: bases, body: body, range: header)), header)
    }

    /// One or more `@decorator` lines and the `def` or `class` they decorate.
    mutating func parseDecorated() throws(Failure) -> Stmt {
        let start = current.range
        var decorators: [Expr] = []
        while match("@") {
            decorators.append(try parseNamedExpression())
            guard current.kind == .newline else {
                throw fail(expectedMessage("the end of the decorator line"), current.range)
            }
            advance()
        }
        let definition: Stmt
        if checkKeyword("def") {
            definition = try parseFunctionDefinition()
        } else if checkKeyword("class") {
            definition = try parseClassDefinition()
        } else {
            throw fail(expectedMessage("'def' or 'class' after a decorator"), current.range)
        }
        return Stmt(.decorated(decorators: decorators, definition), start.union(definition.range))
    }
}
