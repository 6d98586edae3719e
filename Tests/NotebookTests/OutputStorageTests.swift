import Foundation
import Testing

@testable import Notebook

@Suite("outputs as JSON for the store, pictures by hash")
struct OutputStorageTests {
    @Test("outputs round-trip with pictures kept apart by SHA-256")
    func byHash() throws {
        let notebook = try SampleNotebooks.allOutputKinds()
        let png = try SampleNotebooks.fixturePNG()
        let shelf = [png.sha256: png.bytes]
        for cell in notebook.cells {
            let text = IPYNBCodec.outputsJSON(cell.outputs, pictures: .sha256Reference)
            #expect(!text.contains(Data(png.bytes).base64EncodedString()), "no inline bytes")
            let back = try IPYNBCodec.outputs(fromJSON: text, source: "cell \(cell.id)") { shelf[$0] }
            #expect(back.map(\.data?.png) == cell.outputs.map(\.data?.png))
            #expect(back.count == cell.outputs.count)
        }
        let inline = IPYNBCodec.outputsJSON(notebook.cells[4].outputs)
        #expect(inline.contains(Data(png.bytes).base64EncodedString()))
        #expect(try IPYNBCodec.outputs(fromJSON: inline, source: "inline").map(\.data?.png) == [png, png])
    }

    @Test("a missing or tampered picture is refused")
    func integrity() throws {
        let png = try SampleNotebooks.fixturePNG()
        let text = IPYNBCodec.outputsJSON([.displayData(data: MimeBundle(png: png))], pictures: .sha256Reference)
        #expect {
            try IPYNBCodec.outputs(fromJSON: text, source: "cell x") { _ in nil }
        } throws: { error in
            guard let error = error as? NotebookFileError else { return false }
            // The position is that of the reference string, "sha256:…".
            guard let reference = text.range(of: "\"sha256:") else { return false }
            let column = text.utf8.distance(from: text.startIndex, to: reference.lowerBound) + 1
            return error.description
                == "cell x:1:\(column): outputs[0].data['image/png'] refers to picture \(png.sha256), which is missing"
        }
        #expect {
            try IPYNBCodec.outputs(fromJSON: text, source: "cell x") { _ in [1, 2, 3] }
        } throws: { error in
            (error as? NotebookFileError)?.message
                == "outputs[0].data['image/png']: the bytes stored for \(png.sha256) hash to "
                + ContentHash.sha256Hex(of: [1, 2, 3])
        }
        #expect(throws: NotebookFileError.self) { try IPYNBCodec.outputs(fromJSON: "{}", source: "cell x") }
    }

    @Test("the Codable form keeps pictures as base64 text")
    func codablePicture() throws {
        let png = try SampleNotebooks.fixturePNG()
        let data = try JSONEncoder().encode(png)
        #expect(try JSONParser.parse([UInt8](data)) == .string(Data(png.bytes).base64EncodedString()))
        #expect(try JSONDecoder().decode(PNGImage.self, from: data) == png)
    }
}
