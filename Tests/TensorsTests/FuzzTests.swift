import Testing

@testable import Tensors

/// Random arguments, many of them invalid, thrown at every operation: each call must either
/// succeed or throw a `TensorError`; a trap would crash the test run.
@Suite("Random arguments never trap")
struct FuzzTests {
    private static let interesting = [0, 1, 2, 3, -1, -2, -3, -4, 4, 5, 7, -100, 100, Int.max, Int.min]

    private struct Draw {
        var generator: RandomGenerator
        mutating func int() -> Int {
            FuzzTests.interesting[small(FuzzTests.interesting.count)]
        }
        mutating func small(_ upper: Int) -> Int { Int(generator.nextInt(low: 0, high: Int64(upper))) }
        mutating func shape() -> [Int] { (0..<small(4)).map { _ in small(4) } }
        mutating func index() -> TensorIndex {
            switch small(6) {
            case 0: return .int(int())
            case 1:
                return .slice(
                    start: small(2) == 0 ? nil : int(), stop: small(2) == 0 ? nil : int(),
                    step: small(2) == 0 ? nil : int())
            case 2: return .newAxis
            case 3: return .ellipsis
            case 4: return .tensor((try? Tensor(shape: [2], ints: [Int64(int() % 5), Int64(int() % 5)])) ?? .scalar(0))
            default: return .tensor((try? Tensor.zeros(shape(), dtype: .bool)) ?? .scalar(true))
            }
        }
    }

    @Test("2000 random calls")
    func fuzz() throws {
        var draw = Draw(generator: RandomGenerator(seed: 99))
        var succeeded = 0
        for _ in 0..<2000 {
            let shape = draw.shape()
            guard var x = try? Tensor.arange(Scalar.int(Int64(shape.reduce(1, *)))).float().reshape(shape) else {
                continue
            }
            let other = (try? Tensor.ones(draw.shape())) ?? x
            let dim = draw.int()
            let amount = draw.int()
            do {
                switch draw.small(32) {
                case 0: _ = try x.reshape(draw.shape() + [amount])
                case 1: _ = try x.sum(dims: [dim], keepdim: draw.small(2) == 0)
                case 2: _ = try x.max(dim: dim)
                case 3: _ = try x.getItem((0..<draw.small(4)).map { _ in draw.index() })
                case 4: try x.setItem((0..<draw.small(4)).map { _ in draw.index() }, to: other)
                case 5: _ = try x.pad((0..<draw.small(5)).map { _ in draw.int() })
                case 6: _ = try x.split(amount, dim: dim)
                case 7: _ = try x.chunk(amount, dim: dim)
                case 8: _ = try x.narrow(dim: dim, start: amount, length: draw.int())
                case 9: _ = try x.transpose(dim, amount)
                case 10: _ = try x.permute((0..<draw.small(4)).map { _ in draw.int() })
                case 11: _ = try x.expand(draw.shape().map { $0 - draw.small(2) })
                case 12: _ = try Tensor.cat([x, other], dim: dim)
                case 13: _ = try Tensor.stack([x, other], dim: dim)
                case 14: _ = try x.matmul(other)
                case 15: _ = try x + other
                case 16: try x.addInPlace(other)
                case 17: _ = try x.flatten(startDim: dim, endDim: amount)
                case 18: _ = try x.squeeze(dim: dim).unsqueeze(amount)
                case 19: _ = try x.repeat(draw.shape())
                case 20: _ = try x.softmax(dim: dim)
                case 21: _ = try x.split(sizes: [amount, draw.int()], dim: dim)
                case 22: _ = try x.select(dim: dim, index: amount)
                case 23: _ = try x.flip([dim, amount])
                case 24: _ = try x.argmax(dim: dim, keepdim: true)
                case 25:
                    _ = try Tensor.arange(
                        start: .int(Int64(truncatingIfNeeded: dim)), end: .int(Int64(truncatingIfNeeded: amount)),
                        step: .int(Int64(truncatingIfNeeded: draw.int())))
                case 26: _ = try Tensor.linspace(start: Double(dim), end: Double(amount), steps: draw.int())
                case 27: _ = try Tensor.eye(dim, amount)
                case 28:
                    _ = try x.indexSelect(
                        dim: dim, index: Tensor(shape: [1], ints: [Int64(truncatingIfNeeded: amount)]))
                case 29: _ = try x.std(dims: [dim], correction: amount)
                case 30: _ = try Tensor.full(draw.shape() + [amount], .float(1))
                default: _ = try x.getItem([.tensor(Tensor.zeros(draw.shape(), dtype: .bool)), draw.index()])
                }
                succeeded += 1
            } catch {
                #expect(!error.message.isEmpty)
            }
            _ = x.description
        }
        #expect(succeeded > 100)
    }
}
