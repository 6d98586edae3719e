import Diagnostics
import Testing

@testable import Lang

/// Runs `source` in a fresh session and checks what it printed (and, optionally, the repr of its
/// trailing expression).
func assertEvaluates(
    _ source: String, prints expected: String, result: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let outcome = Session().run(source)
    #expect(outcome.errors.isEmpty, "\(outcome.errors.map(ErrorFormatter.render))", sourceLocation: sourceLocation)
    #expect(outcome.stdout == expected, sourceLocation: sourceLocation)
    if let result {
        #expect(outcome.result == result, sourceLocation: sourceLocation)
    }
}

/// Runs `source` and checks that it raised `name` with a message containing `message`; the
/// error's range must cover the text `at` (the caret's place) when given.
func assertRaises(
    _ source: String, _ name: String, _ message: String = "", at fragment: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let outcome = Session().run(source)
    guard let error = outcome.error else {
        Issue.record("expected \(name), got success", sourceLocation: sourceLocation)
        return
    }
    #expect(error.name == ExceptionName(name), "\(error)", sourceLocation: sourceLocation)
    if !message.isEmpty {
        #expect(error.message.contains(message), "\(error.message)", sourceLocation: sourceLocation)
    }
    if let fragment {
        #expect(error.source.text(in: error.range) == fragment, sourceLocation: sourceLocation)
    }
}
