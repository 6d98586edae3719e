import Foundation
import Testing

@testable import Lang

/// Whole programs in `Golden/*.py`, run as `convbook run` runs them; what they print must equal
/// `*.out` (and the rendered error `*.err`, when present). The expected files were written from
/// the book's printed outputs and Python's semantics, not from this implementation;
/// `Golden/notebook_reference.py` checks the pure-Python ones against CPython.
@Suite("Golden programs")
struct GoldenTests {
    static let directory = Bundle.module.resourceURL?.appendingPathComponent("Golden")

    static var programs: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory?.path ?? "")) ?? []
        // A program is a `.py` with an `.out`; other scripts (the CPython reference runner) are tools.
        return names.filter { $0.hasSuffix(".out") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test("the golden directory holds programs")
    func hasPrograms() {
        #expect(GoldenTests.programs.count >= 6)
    }

    @Test("program output matches", arguments: GoldenTests.programs)
    func program(_ name: String) throws {
        let directory = try #require(GoldenTests.directory)
        let script = try String(contentsOf: directory.appendingPathComponent(name + ".py"), encoding: .utf8)
        let expected = try String(contentsOf: directory.appendingPathComponent(name + ".out"), encoding: .utf8)
        let expectedError = try? String(contentsOf: directory.appendingPathComponent(name + ".err"), encoding: .utf8)
        let result = Session().run(Source.file(name + ".py", text: script), showsEveryResult: true)
        #expect(result.transcript == expected)
        if let expectedError {
            #expect(ErrorFormatter.render(result.errors) == expectedError)
        } else {
            #expect(result.errors.isEmpty, "\(result.errors.map(ErrorFormatter.render))")
        }
    }
}
