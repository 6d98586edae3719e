/// An expression node with the byte range it was parsed from.
struct Expr: Sendable {
    /// What the expression is.
    var kind: ExprKind {
        didSet { nameKey = Expr.nameKey(of: kind) }
    }
    /// Where it is in the source.
    var range: SourceRange
    /// For a name, its packed lookup key (see `VariableTable.key(_:)`), computed once at parse
    /// time instead of on every evaluation; 0 otherwise.
    private(set) var nameKey: UInt64

    /// Creates a node.
    init(_ kind: ExprKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
        self.nameKey = Expr.nameKey(of: kind)
    }

    private static func nameKey(of kind: ExprKind) -> UInt64 {
        guard case .name(let name) = kind else { return 0 }
        return VariableTable.key(name)
    }
}

/// The kinds of expression.
indirect enum ExprKind: Sendable {
    case name(String)
    case int(Int)
    case float(Double)
    case string(String)
    case fstring([FStringPart])
    case bool(Bool)
    case none
    case ellipsis
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `a and b and c` (`isAnd`) or `a or b or c`.
    case logical(isAnd: Bool, [Expr])
    case not(Expr)
    /// A chained comparison `a < b <= c`.
    case compare(Expr, [(CompareOperator, Expr)])
    case conditional(test: Expr, then: Expr, orElse: Expr)
    case lambda(FunctionDefinition)
    case call(Expr, [CallArgument])
    case attribute(Expr, String)
    case `subscript`(Expr, Expr)
    case slice(Expr?, Expr?, Expr?)
    case tuple([Expr])
    case list([Expr])
    case set([Expr])
    /// Dict display; a `nil` key marks `**mapping`.
    case dict([(key: Expr?, value: Expr)])
    case starred(Expr)
    case listComprehension(Expr, [Comprehension])
    case setComprehension(Expr, [Comprehension])
    case generator(Expr, [Comprehension])
    case dictComprehension(key: Expr, value: Expr, [Comprehension])
}

/// One part of an f-string: literal text, or a replacement field `{expr!conversion:spec}`.
enum FStringPart: Sendable {
    case literal(String)
    case field(Expr, conversion: Character?, spec: [FStringPart], debugText: String?)
}

/// One `for target in iterable if cond…` clause of a comprehension.
struct Comprehension: Sendable {
    var target: Expr
    var iterable: Expr
    var conditions: [Expr]
}

/// One argument of a call.
enum CallArgument: Sendable {
    case positional(Expr)
    case keyword(String, Expr)
    /// `*iterable`
    case star(Expr)
    /// `**mapping`
    case doubleStar(Expr)
}

/// Prefix operators.
enum UnaryOperator: String, Sendable {
    case negate = "-"
    case plus = "+"
    case invert = "~"
}

/// Binary arithmetic and bitwise operators.
enum BinaryOperator: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case floorDivide = "//"
    case modulo = "%"
    case power = "**"
    case matmul = "@"
    case bitAnd = "&"
    case bitOr = "|"
    case bitXor = "^"
    case shiftLeft = "<<"
    case shiftRight = ">>"

    /// The dunder method name Python uses in error messages.
    var verb: String { rawValue }
}

/// Comparison operators.
enum CompareOperator: String, Sendable {
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case equal = "=="
    case notEqual = "!="
    case `in` = "in"
    case notIn = "not in"
    case `is` = "is"
    case isNot = "is not"
}
