import Figures
import Render
import Testing

/// Rendering owns its Cairo state per call, so concurrent renders give the same bytes as serial ones.
@Suite struct ConcurrencyTests {
    @Test func concurrentRendersMatchSerialOnes() async throws {
        let figures = [
            try Figure.show(Fixtures.arange([6, 8]), title: "a"),
            try Figure.kernels(Fixtures.wave([4, 3, 3, 3]), title: "b"),
            try Figure.explainConv(input: Fixtures.arange([3, 3]), kernel: Fixtures.arange([2, 2])),
            try Figure.featureMaps(Fixtures.wave([8, 12, 12])),
        ]
        let serial = try figures.map { try Renderer.png(for: $0) }
        let concurrent = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for _ in 0..<3 {
                for (index, figure) in figures.enumerated() {
                    group.addTask { (index, try Renderer.png(for: figure)) }
                }
            }
            var results: [(Int, [UInt8])] = []
            for try await result in group { results.append(result) }
            return results
        }
        #expect(concurrent.count == 3 * figures.count)
        for (index, png) in concurrent { #expect(png == serial[index]) }
    }
}
