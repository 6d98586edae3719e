/// A `class` statement: the class name, its base-class expressions and its body.
final class ClassDefinition: Sendable {
    /// The class name.
    let name: String
    /// The expressions between the parentheses, evaluated when the statement runs.
    let bases: [Expr]
    let body: [Stmt]
    /// The docstring, if the body starts with a string literal.
    let docstring: String?
    /// Where the header is (`class Name(Base):`).
    let range: SourceRange

    init(name: String, bases: [Expr], body: [Stmt], range: SourceRange) {
        self.name = name
        self.bases = bases
        self.body = body
        self.range = range
        docstring = Stmt.docstring(of: body)
    }
}
