import Testing

@testable import Lang

@Suite("Error rendering")
struct ErrorFormatterTests {
    @Test("a traceback through user functions renders as Python's, with carets under each range")
    func traceback() {
        let result = Session().run(
            """
            def corr2d(X, K):
                return X / K

            corr2d(1, 0)
            """)
        guard let error = result.error else {
            Issue.record("expected an error")
            return
        }
        #expect(
            ErrorFormatter.render(error) == """
                Traceback (most recent call last):
                  Cell [1], line 4, in <module>
                    corr2d(1, 0)
                    ^^^^^^^^^^^^
                  Cell [1], line 2, in corr2d
                    return X / K
                           ^^^^^
                ZeroDivisionError: division by zero

                """)
        let report = ErrorFormatter.report(error)
        #expect(report.ename == .zeroDivisionError)
        #expect(report.evalue == "division by zero")
        #expect(report.line == 2 && report.column == 12)
        #expect(report.traceback.last == "ZeroDivisionError: division by zero")
    }

    @Test("syntax errors show the line and a caret, without a traceback header")
    func syntaxError() {
        let result = Session().run("x = 1\ny = (2 +\n")
        #expect(
            ErrorFormatter.render(result.errors) == """
                  Cell [1], line 2
                    y = (2 +
                        ^
                SyntaxError: '(' was never closed

                """)
    }
}
