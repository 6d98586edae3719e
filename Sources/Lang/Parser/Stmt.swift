/// A statement node with the byte range it was parsed from.
struct Stmt: Sendable {
    /// What the statement is.
    var kind: StmtKind
    /// Where it is in the source.
    var range: SourceRange

    /// Creates a node.
    init(_ kind: StmtKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The docstring of a `def` or `class` body: its first statement when that is a string literal.
    static func docstring(of body: [Stmt]) -> String? {
        guard case .expression(let first)? = body.first?.kind, case .string(let text) = first.kind else { return nil }
        return text
    }
}

/// The kinds of statement.
indirect enum StmtKind: Sendable {
    case expression(Expr)
    /// `a = b = value`: every target receives the value.
    case assign(targets: [Expr], value: Expr)
    case augmentedAssign(target: Expr, BinaryOperator, value: Expr)
    case `if`(branches: [(test: Expr, body: [Stmt])], orElse: [Stmt])
    case `while`(test: Expr, body: [Stmt], orElse: [Stmt])
    case `for`(target: Expr, iterable: Expr, body: [Stmt], orElse: [Stmt])
    case `break`
    case `continue`
    case pass
    case with(items: [(context: Expr, target: Expr?)], body: [Stmt])
    case functionDefinition(FunctionDefinition)
    case classDefinition(ClassDefinition)
    /// `@decorator` lines applied, bottom-up, to the `def` or `class` that follows them.
    case decorated(decorators: [Expr], Stmt)
    case `return`(Expr?)
    case assert(test: Expr, message: Expr?)
    /// `import a.b.c as name`
    case `import`([(path: [String], alias: String?)])
    /// `from a.b import c as d`
    case fromImport(path: [String], names: [(name: String, alias: String?)])
    case global([String])
    case nonlocal([String])
    case delete([Expr])
    /// `raise` (re-raise), `raise exception`, or `raise exception from cause`.
    case raise(Expr?, cause: Expr?)
    case `try`(body: [Stmt], handlers: [ExceptHandler], orElse: [Stmt], finally: [Stmt])
}

/// One `except Type as name:` clause.
struct ExceptHandler: Sendable {
    var type: Expr?
    var name: String?
    var body: [Stmt]
    var range: SourceRange
}

/// A parameter of a function or lambda.
struct Parameter: Sendable {
    enum Kind: Sendable { case normal, varArgs, keywordOnly, varKeywords }
    var name: String
    var kind: Kind
    var defaultValue: Expr?
}

/// A `def` or `lambda`: its parameters, body and the scope facts the interpreter needs.
final class FunctionDefinition: Sendable {
    /// The function's name (`<lambda>` for lambdas).
    let name: String
    let parameters: [Parameter]
    let body: [Stmt]
    /// The docstring, if the body starts with a string literal.
    let docstring: String?
    /// Names declared `global` in the body.
    let globals: Set<String>
    /// Names declared `nonlocal` in the body.
    let nonlocals: Set<String>
    /// Where the definition is (the `def` line or the lambda expression).
    let range: SourceRange

    init(
        name: String, parameters: [Parameter], body: [Stmt], range: SourceRange
    ) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.range = range
        docstring = Stmt.docstring(of: body)
        var globals = Set<String>()
        var nonlocals = Set<String>()
        FunctionDefinition.collectDeclarations(body, &globals, &nonlocals)
        self.globals = globals
        self.nonlocals = nonlocals
    }

    private static func collectDeclarations(
        _ body: [Stmt], _ globals: inout Set<String>, _ nonlocals: inout Set<String>
    ) {
        for statement in body {
            switch statement.kind {
            case .global(let names): globals.formUnion(names)
            case .nonlocal(let names): nonlocals.formUnion(names)
            case .if(let branches, let orElse):
                for branch in branches { collectDeclarations(branch.body, &globals, &nonlocals) }
                collectDeclarations(orElse, &globals, &nonlocals)
            case .while(_, let body, let orElse), .for(_, _, let body, let orElse):
                collectDeclarations(body, &globals, &nonlocals)
                collectDeclarations(orElse, &globals, &nonlocals)
            case .with(_, let body):
                collectDeclarations(body, &globals, &nonlocals)
            case .try(let body, let handlers, let orElse, let finally):
                collectDeclarations(body, &globals, &nonlocals)
                for handler in handlers { collectDeclarations(handler.body, &globals, &nonlocals) }
                collectDeclarations(orElse, &globals, &nonlocals)
                collectDeclarations(finally, &globals, &nonlocals)
            default: break
            }
        }
    }
}
