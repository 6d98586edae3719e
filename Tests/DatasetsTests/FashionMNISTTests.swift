import ConvbookTestSupport
import Datasets
import Foundation
import Testing

/// Debian's Fashion-MNIST as Convbook reads it, compared with facts CPython's gzip and struct computed from
/// the same files (`Fixtures/fashion_mnist_facts.py`), and the errors for a missing or damaged copy.
@Suite("Fashion-MNIST", .serialized)
struct FashionMNISTTests {
    struct Facts: Decodable {
        var count: Int
        var rows: Int
        var cols: Int
        var pixel_sum: Int
        var first_image_sum: Int
        var last_image_sum: Int
        var first_labels: [Int]
        var label_counts: [Int]
    }

    static func facts() throws -> [String: Facts] {
        let url = PackagePaths.root.appendingPathComponent("Tests/DatasetsTests/Fixtures/fashion_mnist_facts.json")
        return try JSONDecoder().decode([String: Facts].self, from: Data(contentsOf: url))
    }

    @Test("both splits match what CPython reads from the same files", arguments: FashionMNIST.Split.allCases)
    func matchesCPython(_ split: FashionMNIST.Split) throws {
        let facts = try #require(try Self.facts()[split.rawValue])
        let images = try FashionMNIST.split(split)
        #expect(images.count == facts.count && images.height == facts.rows && images.width == facts.cols)
        #expect(images.pixels.reduce(0) { $0 + Int($1) } == facts.pixel_sum)
        let area = images.height * images.width
        #expect(images.pixels[0..<area].reduce(0) { $0 + Int($1) } == facts.first_image_sum)
        #expect(images.pixels[(images.pixels.count - area)...].reduce(0) { $0 + Int($1) } == facts.last_image_sum)
        #expect(images.labels.prefix(10).map(Int.init) == facts.first_labels)
        #expect((0..<10).map { label in images.labels.count { Int($0) == label } } == facts.label_counts)
    }

    @Test("a split is read once and shared")
    func sharedAfterFirstRead() throws {
        let first = try FashionMNIST.split(.test)
        let second = try FashionMNIST.split(.test)
        first.pixels.withUnsafeBufferPointer { a in
            second.pixels.withUnsafeBufferPointer { b in #expect(a.baseAddress == b.baseAddress) }
        }
    }

    @Test("a batch holds pixels / 255 as float32 (n, 1, 28, 28) and labels as int64")
    func batches() throws {
        let images = try FashionMNIST.split(.test)
        let (x, y) = try images.batch([0, 9_999, 0])
        #expect(x.shape == [3, 1, 28, 28] && x.dtype == .float32)
        #expect(y.shape == [3] && y.dtype == .int64)
        let floats = try x.floats
        #expect(floats[0..<784] == floats[1568..<2352])
        #expect(zip(floats[0..<784], images.pixels[0..<784]).allSatisfy { $0 == Float($1) / 255 })
        #expect(try y.floats == [Float(images.labels[0]), Float(images.labels[9_999]), Float(images.labels[0])])
        #expect(throws: (any Error).self) { try images.batch([10_000]) }
    }

    @Test("a missing copy says how to install it; a damaged one names the file")
    func missingAndDamaged() throws {
        let folder = try PackagePaths.temporaryDirectory("fashion")
        defer { try? FileManager.default.removeItem(at: folder) }
        setenv("CONVBOOK_FASHION_MNIST", folder.path, 1)
        defer { unsetenv("CONVBOOK_FASHION_MNIST") }
        #expect {
            try FashionMNIST.split(.train)
        } throws: { error in
            (error as? DatasetError)?.kind == .missing
                && (error as? DatasetError)?.message.contains("apt-get install dataset-fashion-mnist") == true
        }
        // A truncated image file (plain, not gzip) and a gzip stream cut in the middle.
        try Data([0, 0, 8, 3, 0, 0, 0, 2]).write(to: folder.appendingPathComponent("t10k-images-idx3-ubyte"))
        try Data([0, 0, 8, 1, 0, 0, 0, 2, 1, 1]).write(to: folder.appendingPathComponent("t10k-labels-idx1-ubyte"))
        #expect {
            try FashionMNIST.split(.test)
        } throws: { error in
            (error as? DatasetError)?.kind == .malformed
                && (error as? DatasetError)?.message.contains("t10k-images-idx3-ubyte") == true
        }
        let real = try Data(
            contentsOf: URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz"))
        try real.prefix(real.count / 2).write(to: folder.appendingPathComponent("cut.gz"))
        #expect(throws: DatasetError.self) { try GzipFile.read(path: folder.appendingPathComponent("cut.gz").path) }
    }
}
