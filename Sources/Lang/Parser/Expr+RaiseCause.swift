extension Expr {
    /// The expression of `raise exception from cause`: the slice `exception:cause`.
    ///
    /// A raise statement keeps one expression (``StmtKind/raise(_:)``), and code that walks
    /// statements, such as the name analysis, reads every name in it; holding the cause inside
    /// that expression lets it read the cause's names too without knowing about causes. The form
    /// is unambiguous: the parser makes a slice only inside a subscript, never as the expression
    /// after `raise`.
    static func raised(_ exception: Expr, from cause: Expr) -> Expr {
        Expr(.slice(exception, cause, nil), exception.range.union(cause.range))
    }

    /// The exception and the cause of `raise exception from cause`; `nil` for a plain raise.
    var raisedWithCause: (exception: Expr, cause: Expr)? {
        guard case .slice(let exception?, let cause?, nil) = kind else { return nil }
        return (exception, cause)
    }
}
