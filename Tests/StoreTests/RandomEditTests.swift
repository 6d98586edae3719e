import ConvbookTestSupport
import Foundation
import Notebook
import Testing

@testable import Store

/// Random edits applied both to the store and to a plain `NotebookDocument` (the reference, edited with
/// Array operations); after every edit the two must agree.
@Suite("Random edits match an in-memory model")
struct RandomEditTests {
    typealias Generator = SeededGenerator

    /// A pool of pictures, so outputs share some.
    static let pictures = (0..<4).map { StoreTestSupport.picture(UInt8(100 + $0), size: 64 + $0) }

    @Test("after every random edit the stored document equals the model", arguments: [1, 2, 3] as [UInt64])
    func randomEdits(seed: UInt64) async throws {
        var random = Generator(seed: seed)
        let store = try StoreTestSupport.fileStore().0
        var model = try await store.createNotebook(title: "Random").document
        var revision = 1
        for step in 0..<80 {
            let count = model.cells.count
            let choice = count == 0 ? 0 : Int.random(in: 0..<7, using: &random)
            switch choice {
            case 0, 1:
                let position = Int.random(in: 0...count, using: &random)
                let cell = Cell(
                    id: CellID.random(using: &random), kind: Bool.random(using: &random) ? .code : .markdown,
                    source: "source \(step)", tags: step % 3 == 0 ? ["t\(step)"] : [])
                revision = try await store.insertCell(
                    notebook: model.id, at: position, cell: cell, expectedRevision: revision)
                model.cells.insert(cell, at: position)
            case 2:
                let index = Int.random(in: 0..<count, using: &random)
                revision = try await store.deleteCell(
                    notebook: model.id, cell: model.cells[index].id, expectedRevision: revision)
                model.cells.remove(at: index)
            case 3:
                let from = Int.random(in: 0..<count, using: &random)
                let to = Int.random(in: 0..<count, using: &random)
                revision = try await store.moveCell(
                    notebook: model.id, cell: model.cells[from].id, to: to, expectedRevision: revision)
                model.cells.insert(model.cells.remove(at: from), at: to)
            case 4:
                let index = Int.random(in: 0..<count, using: &random)
                let kind: Cell.Kind = [.code, .markdown, .raw].randomElement(using: &random) ?? .code
                revision = try await store.updateCell(
                    notebook: model.id, cell: model.cells[index].id, source: "edited \(step)", type: kind,
                    tags: ["s\(step)", "parameters"], expectedRevision: revision)
                model.cells[index].source = "edited \(step)"
                model.cells[index].tags = ["s\(step)", "parameters"]
                if kind != .code {
                    model.cells[index].outputs = []
                    model.cells[index].executionCount = nil
                    model.cells[index].timing = nil
                }
                model.cells[index].kind = kind
            case 5:
                guard
                    let index = model.cells.indices.filter({ model.cells[$0].kind == .code }).randomElement(
                        using: &random)
                else { continue }
                let picture = Self.pictures.randomElement(using: &random) ?? Self.pictures[0]
                let outputs = StoreTestSupport.outputs(showing: picture, count: step)
                try await store.saveOutputs(
                    notebook: model.id, cell: model.cells[index].id, outputs: outputs, executionCount: step,
                    timing: nil)
                model.cells[index].outputs = outputs
                model.cells[index].executionCount = step
            default:
                revision = try await store.rename(id: model.id, title: "Random \(step)", expectedRevision: revision)
                model.title = "Random \(step)"
            }
            let stored = try await store.notebook(id: model.id)
            #expect(stored.document == model, "step \(step)")
            #expect(stored.revision == revision)
            #expect(try await StoreInspection.positions(store, notebook: model.id) == Array(0..<model.cells.count))
        }
        #expect(try await store.integrityCheck() == ["ok"])
        _ = try await store.collectGarbage()
        #expect(try await StoreInspection.count(store, "images") == model.pngImages.count)
    }
}
