import Tensors
import Testing

@testable import Lang

/// The fast subscript paths must agree with the engine's general indexing on every case they take.
@Suite("Fast indexing adaptor")
struct FastIndexingTests {
    static let tensor = try! Tensor(shape: [3, 4, 5], floats: (0..<60).map(Float.init))

    static let cases: [[TensorIndex]] = [
        [.int(1), .slice(start: 1, stop: 3, step: nil), .slice(start: nil, stop: nil, step: nil)],
        [.slice(start: -2, stop: nil, step: nil), .int(-1), .slice(start: 2, stop: 100, step: 1)],
        [.slice(start: 0, stop: 0, step: nil), .int(0), .int(0)],
        [.int(2), .int(3), .int(4)],
        [
            .slice(start: 1, stop: 3, step: nil), .slice(start: 1, stop: 4, step: nil),
            .slice(start: 2, stop: 5, step: nil),
        ],
    ]

    @Test("getItem agrees with the engine", arguments: cases)
    func get(_ indices: [TensorIndex]) throws {
        let fast = try #require(FastIndexing.get(FastIndexingTests.tensor, indices))
        let reference = try FastIndexingTests.tensor.getItem(indices)
        #expect(fast.shape == reference.shape)
        #expect(fast.floats == reference.floats)
    }

    @Test("cases outside the fast path are left to the engine")
    func declines() {
        #expect(FastIndexing.get(FastIndexingTests.tensor, [.int(5), .int(0), .int(0)]) == nil)
        #expect(FastIndexing.get(FastIndexingTests.tensor, [.newAxis]) == nil)
        #expect(
            FastIndexing.get(FastIndexingTests.tensor, [.slice(start: nil, stop: nil, step: 2), .int(0), .int(0)])
                == nil)
    }

    @Test("setting one element agrees with the engine")
    func setElement() throws {
        var fast = FastIndexingTests.tensor
        var reference = FastIndexingTests.tensor
        #expect(FastIndexing.setElement(&fast, [.int(-1), .int(2), .int(0)], .float(-7.5)))
        try reference.setItem([.int(-1), .int(2), .int(0)], to: .float(-7.5))
        #expect(fast.floats == reference.floats)
        #expect(!FastIndexing.setElement(&fast, [.int(0), .slice(start: nil, stop: nil, step: nil), .int(0)], .int(1)))
    }
}
