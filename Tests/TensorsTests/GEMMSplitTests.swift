import Foundation
import Testing

@testable import Tensors

/// Small matrix products split into bands of rows across the engine's threads (``GEMM``), against
/// products summed in Double here: every band boundary and every transposition the split handles.
@Suite("Small matrix products split across threads")
struct GEMMSplitTests {
    /// `a · b` in Double for row-major `a` (m × k) and `b` (k × n).
    private func naive(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k { sum += Double(a[i * k + p]) * Double(b[p * n + j]) }
                c[i * n + j] = sum
            }
        }
        return c
    }

    private func expectClose(_ actual: [Float], _ expected: [Double], k: Int) {
        #expect(actual.count == expected.count)
        let worst = zip(actual, expected).map { abs(Double($0) - $1) }.max() ?? 0
        #expect(worst <= 1e-5 * Double(k), "largest difference \(worst)")
    }

    /// Row counts around the 16-row band alignment, LeNet's batch and feature counts among them.
    static let shapes: [(m: Int, n: Int, k: Int)] = [
        (128, 120, 400), (120, 400, 128), (128, 84, 120), (33, 130, 70), (17, 300, 60), (250, 10, 200),
    ]

    @Test("matmul and linear with 2 threads, split or whole, match a Double product", arguments: 0..<shapes.count)
    func splitProducts(_ index: Int) throws {
        let (m, n, k) = Self.shapes[index]
        #expect(m * n * k >= GEMM.smallestSplit && m * n * k < GEMM.smallProduct)
        var rng = ConvTestRNG(seed: UInt64(index + 40))
        let a = rng.floats(m * k)
        let b = rng.floats(k * n)
        let bias = rng.floats(n)
        let expected = naive(a, b, m: m, n: n, k: k)
        // linear(x, w) reads w (n × k) transposed in place: w = bᵀ.
        let w = (0..<n * k).map { b[($0 % k) * n + $0 / k] }
        let savedSplit = GEMM.splitSmallProducts.load(ordering: .relaxed)
        defer { GEMM.splitSmallProducts.store(savedSplit, ordering: .relaxed) }
        for (threads, split) in [(2, true), (2, false), (1, true)] {
            GEMM.splitSmallProducts.store(split, ordering: .relaxed)
            try onThreads(threads) {
                let x = try Tensor(shape: [m, k], floats: a)
                let product = try x.matmul(try Tensor(shape: [k, n], floats: b))
                expectClose(try product.floats, expected, k: k)
                let linear = try x.linear(
                    weight: try Tensor(shape: [n, k], floats: w), bias: try Tensor(shape: [n], floats: bias))
                expectClose(try linear.floats, (0..<m * n).map { expected[$0] + Double(bias[$0 % n]) }, k: k)
                // The transposed left operand of a weight gradient (gradientᵀ · x).
                let transposed = try Tensor(shape: [k, m], floats: (0..<m * k).map { a[($0 % m) * k + $0 / m] })
                expectClose(
                    try transposed.transpose(0, 1).matmul(try Tensor(shape: [k, n], floats: b)).floats, expected, k: k)
                expectClose(
                    try transposed.leftTransposedProduct(try Tensor(shape: [k, n], floats: b)).floats, expected, k: k)
            }
        }
    }

    @Test("aᵀ · b of other types, ranks and empty operands goes the general way")
    func leftTransposedProductEdges() throws {
        let a = try Tensor(shape: [2, 3], ints: [1, 2, 3, 4, 5, 6])
        let b = try Tensor(shape: [2, 1], ints: [10, 100])
        #expect(try a.leftTransposedProduct(b).shape == [3, 1])
        #expect(try a.leftTransposedProduct(b).floats == [410, 520, 630])
        let empty = try Tensor(shape: [0, 3], floats: []).leftTransposedProduct(try Tensor(shape: [0, 2], floats: []))
        #expect(empty.shape == [3, 2])
        #expect(try empty.floats == [0, 0, 0, 0, 0, 0])
        let floats = try Tensor(shape: [2, 2], floats: [1, 2, 3, 4]).leftTransposedProduct(
            try Tensor(shape: [2, 2], floats: [5, 6, 7, 8]))
        #expect(try floats.floats == [26, 30, 38, 44])
    }
}
