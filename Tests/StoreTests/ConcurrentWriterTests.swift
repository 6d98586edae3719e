import Foundation
import Notebook
import Testing

@testable import Store

@Suite("Concurrent writers")
struct ConcurrentWriterTests {
    /// Appends `count` cells named `w<writer>-<n>`, each read-then-edit; on a conflict it reads the revision
    /// again and retries. Returns the revisions its edits produced and how many conflicts it met.
    static func append(
        writer: Int, count: Int, store: NotebookStore, notebook id: String
    ) async throws -> (revisions: [Int], conflicts: Int) {
        var revisions: [Int] = []
        var conflicts = 0
        for n in 0..<count {
            let cell = Cell(id: CellID("w\(writer)-\(n)")!, kind: .code, source: "\(writer), \(n)")
            var revision: Int?
            while revision == nil {
                let read = try await store.summary(id: id)
                switch await outcome({
                    try await store.insertCell(
                        notebook: id, at: read.cellCount, cell: cell, expectedRevision: read.revision)
                }) {
                case .success(let new):
                    revision = new
                case .failure(.conflict(let expected, let actual)):
                    #expect(actual > expected)
                    conflicts += 1
                case .failure(let error):
                    throw error
                }
            }
            revisions += revision.map { [$0] } ?? []
        }
        return (revisions, conflicts)
    }

    /// The result of a store call, its error kept as a `StoreError`.
    static func outcome<T>(_ body: () async throws -> T) async -> Result<T, StoreError> {
        do {
            return .success(try await body())
        } catch let error as StoreError {
            return .failure(error)
        } catch {
            Issue.record("unexpected \(error)")
            return .failure(.cancelled)
        }
    }

    @Test("writers racing on one notebook through two connections each get every edit in exactly once")
    func racingWriters() async throws {
        let (first, path) = try StoreTestSupport.fileStore()
        // A second pool on the same file behaves like a second process (its own writer connection).
        let second = try NotebookStore(path: path)
        let id = try await first.createNotebook(title: "Race").document.id
        let writers = 4
        let perWriter = 25
        let results = try await withThrowingTaskGroup(of: (revisions: [Int], conflicts: Int).self) { group in
            for writer in 0..<writers {
                let store = writer.isMultiple(of: 2) ? first : second
                group.addTask { try await Self.append(writer: writer, count: perWriter, store: store, notebook: id) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        // Every acknowledged edit produced its own revision, and together they are 2…101 with no gaps.
        let revisions = results.flatMap(\.revisions).sorted()
        #expect(revisions == Array(2...(1 + writers * perWriter)))
        let stored = try await second.notebook(id: id)
        #expect(stored.revision == 1 + writers * perWriter)
        #expect(stored.document.cells.count == writers * perWriter)
        #expect(Set(stored.document.cells.map(\.id)).count == writers * perWriter)
        // Each writer's cells appear in the order it appended them.
        for writer in 0..<writers {
            let own = stored.document.cells.filter { $0.id.rawValue.hasPrefix("w\(writer)-") }.map(\.source)
            #expect(own == (0..<perWriter).map { "\(writer), \($0)" })
        }
        #expect(try await StoreInspection.positions(first, notebook: id) == Array(0..<(writers * perWriter)))
        #expect(try await first.integrityCheck() == ["ok"])
        let conflicts = results.map(\.conflicts).reduce(0, +)
        print("concurrent writers: \(writers * perWriter) edits, \(conflicts) conflicts retried")
    }

    @Test("of two edits made on the same revision, exactly one wins")
    func sameRevision() async throws {
        let store = try StoreTestSupport.fileStore().0
        let id = try await store.createNotebook(title: "Two tabs").document.id
        let outcomes = await withTaskGroup(of: Result<Int, StoreError>.self) { group in
            for tab in 0..<2 {
                group.addTask {
                    await Self.outcome { try await store.rename(id: id, title: "Tab \(tab)", expectedRevision: 1) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let successes = outcomes.compactMap { try? $0.get() }
        #expect(successes == [2])
        #expect(outcomes.contains { $0 == Result.failure(StoreError.conflict(expected: 1, actual: 2)) })
        #expect(try await store.notebook(id: id).revision == 2)
    }
}
