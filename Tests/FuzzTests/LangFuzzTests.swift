import ConvbookFuzzTargets
import ConvbookTestSupport
import Foundation
import Testing

/// Hostile text never traps the lexer, parser, name analysis, REPL reader or error formatter: the server
/// runs them on every cell it shows, so a trap there is a server crash (issue 16).
@Suite("fuzz: the language front end on hostile text")
struct LangFuzzTests {
    /// Wall-clock budget of the generated run; `CONVBOOK_FUZZ_SECONDS` changes it.
    static let budget: Double = ProcessInfo.processInfo.environment["CONVBOOK_FUZZ_SECONDS"].flatMap(Double.init) ?? 25

    static func snippets() throws -> [[UInt8]] {
        let folders = ["notebooks/src", "Tests/LangTests/Golden", "Fuzz/Corpus/lang"]
        var snippets: [[UInt8]] = []
        for folder in folders {
            // Every Python file under the folder, subfolders included (the golden programs keep their
            // generating scripts in `Golden/Book` and `Golden/Layers`).
            let url = PackagePaths.root.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
            let names = (files?.allObjects as? [URL] ?? []).filter { file in
                (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
                    && !file.lastPathComponent.hasPrefix(".")
                    && file.pathExtension == "py"
            }
            for file in names.sorted(by: { $0.path < $1.path }) {
                snippets.append(Array(try Data(contentsOf: file)))
            }
        }
        return snippets
    }

    @Test("generated inputs (random tokens, mutated programs, f-strings, deep nesting) keep every property")
    func generatedInputs() throws {
        CrashNote.install()
        var text = HostileText(seed: 16, snippets: try Self.snippets())
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(Self.budget * 1000))
        var count = 0
        var broken = 0
        while clock.now < deadline {
            for _ in 0..<50 {
                let input = text.next()
                CrashNote.running(input)
                let problems = FuzzTarget.lang.run(input)
                count += 1
                if !problems.isEmpty {
                    broken += 1
                    if broken <= 20 {
                        Issue.record(
                            "\(problems) for \(String(decoding: input.prefix(300), as: UTF8.self).debugDescription)")
                    }
                }
            }
        }
        print("fuzz lang: \(count) generated inputs in \(Self.budget) s, \(broken) broke a property")
        #expect(count > 1_000)
    }
}
