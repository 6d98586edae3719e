import Testing

@testable import Tensors

/// `formBinary` and `formSum` compute into a tensor's own buffer; their results must be those of
/// a plain loop over the elements, and a copy that shared the buffer must keep its values.
@Suite("Results computed in place of an operand")
struct ResultReuseTests {
    private static let left: [Float] = [1.5, -2, 3, 0.25, 7, -8]
    private static let right: [Float] = [0.5, 4, -1.5, 2, 3, 16]

    @Test(
        "same-shape float arithmetic, either operand order",
        arguments: [BinaryOperation.add, .sub, .mul, .div], [true, false])
    func arithmetic(operation: BinaryOperation, selfIsLeft: Bool) throws {
        var target = try Tensor(shape: [2, 3], floats: Self.left)
        let other = try Tensor(shape: [2, 3], floats: Self.right)
        let shared = target
        let formed = target.formBinary(operation, other, selfIsLeft: selfIsLeft)
        #expect(formed)
        let expected = zip(Self.left, Self.right).map { x, y in
            let (a, b) = selfIsLeft ? (x, y) : (y, x)
            switch operation {
            case .add: return a + b
            case .sub: return a - b
            case .mul: return a * b
            default: return a / b
            }
        }
        #expect(target.shape == [2, 3])
        #expect(target.storage == .float32(expected))
        #expect(shared.storage == .float32(Self.left))
    }

    @Test("other operations, shapes and types are declined and change nothing")
    func declined() throws {
        let original = try Tensor(shape: [2, 3], floats: Self.left)
        var target = original
        let others = [
            (BinaryOperation.pow, try Tensor(shape: [2, 3], floats: Self.right)),
            (.add, try Tensor(shape: [3], floats: [1, 2, 3])),
            (.add, try Tensor(shape: [3, 2], floats: Self.right)),
            (.add, try Tensor(shape: [2, 3], ints: [1, 2, 3, 4, 5, 6])),
        ]
        for (operation, other) in others {
            let formed = target.formBinary(operation, other, selfIsLeft: true)
            #expect(!formed)
        }
        #expect(target == original)
        var ints = try Tensor(shape: [2], ints: [1, 2])
        let formedInts = ints.formBinary(.add, try Tensor(shape: [2], ints: [3, 4]), selfIsLeft: true)
        let summedInts = ints.formSum()
        let largeCount = Tensor.maximumReusedSumCount + 1
        var large = try Tensor(shape: [largeCount], floats: .init(repeating: 1, count: largeCount))
        let summedLarge = large.formSum()
        #expect(!summedLarge && large.shape == [largeCount])
        var empty = try Tensor(shape: [0], floats: [])
        let summedEmpty = empty.formSum()
        #expect(!formedInts && !summedInts && !summedEmpty)
        #expect(ints.storage == .int64([1, 2]) && empty.shape == [0])
    }

    @Test("the in-place sum is the whole-tensor sum, 0-d")
    func sum() throws {
        var target = try Tensor(shape: [2, 3], floats: Self.left)
        let shared = target
        let formed = target.formSum()
        #expect(formed)
        #expect(target.shape == [])
        #expect(target.storage == .float32([Self.left.reduce(0, +)]))
        #expect(target == (try shared.sum()))
        #expect(shared.storage == .float32(Self.left))
    }
}
