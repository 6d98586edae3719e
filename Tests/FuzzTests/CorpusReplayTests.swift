import ConvbookFuzzTargets
import ConvbookTestSupport
import Foundation
import Testing

/// Every committed fuzz input — the seed corpus `make fuzz` starts from and each crash it or the generated
/// test ever found (`Fuzz/Regressions/<target>/`) — runs through its target and keeps every property.
@Suite("fuzz: the committed corpus and crash regressions")
struct CorpusReplayTests {
    static func files(_ folder: String, _ target: FuzzTarget) -> [URL] {
        let url = PackagePaths.root.appendingPathComponent("Fuzz/\(folder)/\(target.rawValue)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { url.appendingPathComponent($0) }
    }

    @Test("crash regressions", arguments: FuzzTarget.allCases)
    func regressions(_ target: FuzzTarget) throws {
        CrashNote.install()
        for file in Self.files("Regressions", target) {
            let bytes = Array(try Data(contentsOf: file))
            CrashNote.running(bytes)
            #expect(target.run(bytes) == [], "\(file.lastPathComponent)")
        }
    }

    @Test("seed corpus", arguments: FuzzTarget.allCases)
    func seeds(_ target: FuzzTarget) throws {
        let files = Self.files("Corpus", target)
        #expect(!files.isEmpty, "Fuzz/Corpus/\(target.rawValue) holds the seeds make fuzz starts from")
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            #expect(target.run(bytes) == [], "\(file.lastPathComponent)")
        }
    }
}
