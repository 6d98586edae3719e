import Testing

@testable import Tensors

/// One differentiable operation checked against finite differences.
struct GradientCase: Sendable, CustomTestStringConvertible {
    var name: String
    var shapes: [[Int]]
    /// Inputs that must stay positive (logarithms, square roots, powers with real exponents).
    var positive: Set<Int> = []
    var function: @Sendable ([TrackedTensor]) throws -> TrackedTensor

    var testDescription: String { name }
}

/// Shapes drawn from a seeded generator: sizes 1…4, so broadcasting meets size-1 dimensions.
private func randomShape(rank: Int, seed: UInt64) -> [Int] {
    var generator = RandomGenerator(seed: seed)
    return (0..<rank).map { _ in Int(generator.next() % 4) + 1 }
}

/// A shape broadcastable to `shape`: some dimensions become 1, some leading ones disappear.
private func broadcastPartner(of shape: [Int], seed: UInt64) -> [Int] {
    var generator = RandomGenerator(seed: seed)
    let drop = Int(generator.next() % UInt64(shape.count))
    return shape.dropFirst(drop).map { generator.next() % 2 == 0 ? 1 : $0 }
}

private let binaryCases: [GradientCase] = BinaryOperation.allCases.filter {
    [.add, .sub, .mul, .div, .pow, .maximum, .minimum].contains($0)
}.flatMap { operation -> [GradientCase] in
    (UInt64(1)...3).map { seed -> GradientCase in
        let shape = randomShape(rank: 3, seed: seed * 7 + 1)
        let partner = broadcastPartner(of: shape, seed: seed * 11 + 3)
        return GradientCase(
            name: "\(operation) \(shape) with \(partner)", shapes: seed == 2 ? [partner, shape] : [shape, partner],
            positive: operation == .pow ? [0] : operation == .div ? [1] : []
        ) { x in try TrackedTensor.binary(operation, x[0], x[1]) }
    }
}

private let unaryCases: [GradientCase] = UnaryFunction.allCases.map { function in
    let positive: Set<Int> = [.log, .log2, .log10, .sqrt, .rsqrt].contains(function) ? [0] : []
    return GradientCase(name: "\(function)", shapes: [randomShape(rank: 2, seed: 5) + [3]], positive: positive) { x in
        try x[0].apply(function)
    }
}

private let otherElementwise: [GradientCase] = [
    GradientCase(name: "neg", shapes: [[2, 3]]) { x in try x[0].neg() },
    GradientCase(name: "relu", shapes: [[3, 4]]) { x in try x[0].relu() },
    GradientCase(name: "abs", shapes: [[3, 4]]) { x in try x[0].abs() },
    GradientCase(name: "clamp", shapes: [[4, 4]]) { x in try x[0].clamp(min: .float(-0.5), max: .float(0.6)) },
    GradientCase(name: "where", shapes: [[2, 3], [3]]) { x in
        let condition = try Tensor(shape: [2, 3], bools: [true, false, true, false, false, true])
        return try TrackedTensor.where(condition, x[0], x[1])
    },
    GradientCase(name: "pow by a number", shapes: [[2, 3]], positive: [0]) { x in
        try TrackedTensor.binary(.pow, x[0], TrackedTensor(Tensor.scalar(.float(2.5))))
    },
    GradientCase(name: "square as in the book's loss", shapes: [[1, 1, 3, 4], [1, 1, 3, 4]]) { x in
        try TrackedTensor.binary(.pow, try TrackedTensor.binary(.sub, x[0], x[1]), TrackedTensor(.scalar(.int(2))))
    },
]

private let reductionCases: [GradientCase] = [
    GradientCase(name: "sum", shapes: [[2, 3, 4]]) { x in try x[0].sum() },
    GradientCase(name: "sum dims [0, 2]", shapes: [[2, 3, 4]]) { x in try x[0].sum(dims: [0, 2]) },
    GradientCase(name: "sum dim -1 keepdim", shapes: [[2, 3, 4]]) { x in try x[0].sum(dims: [-1], keepdim: true) },
    GradientCase(name: "mean", shapes: [[3, 5]]) { x in try x[0].mean() },
    GradientCase(name: "mean dim 1", shapes: [[3, 5, 2]]) { x in try x[0].mean(dims: [1]) },
    GradientCase(name: "max", shapes: [[3, 4]]) { x in try x[0].extremum(largest: true) },
    GradientCase(name: "min", shapes: [[3, 4]]) { x in try x[0].extremum(largest: false) },
    GradientCase(name: "max dim 1", shapes: [[3, 4, 2]]) { x in
        try x[0].extremum(dim: 1, keepdim: false, largest: true).values
    },
    GradientCase(name: "min dim 0 keepdim", shapes: [[3, 4]]) { x in
        try x[0].extremum(dim: 0, keepdim: true, largest: false).values
    },
    GradientCase(name: "prod", shapes: [[2, 3]]) { x in try x[0].prod() },
    GradientCase(name: "prod dim 1", shapes: [[3, 4]]) { x in try x[0].prod(dims: [1]) },
    GradientCase(name: "var", shapes: [[3, 4]]) { x in try x[0].variance() },
    GradientCase(name: "std dim 0", shapes: [[4, 3]]) { x in try x[0].variance(dims: [0], squareRoot: true) },
    GradientCase(name: "norm", shapes: [[3, 4]]) { x in try x[0].norm() },
    GradientCase(name: "norm p=1 dim 1", shapes: [[3, 4]]) { x in try x[0].norm(p: 1, dims: [1]) },
    GradientCase(name: "norm p=3", shapes: [[5]]) { x in try x[0].norm(p: 3) },
]

private let shapeCases: [GradientCase] = [
    GradientCase(name: "reshape", shapes: [[2, 6]]) { x in try x[0].reshape([3, 4]) },
    GradientCase(name: "permute", shapes: [[2, 3, 4]]) { x in try x[0].permute([2, 0, 1]) },
    GradientCase(name: "transpose", shapes: [[2, 3, 4]]) { x in try x[0].transpose(0, 2) },
    GradientCase(name: "t", shapes: [[2, 5]]) { x in try x[0].t() },
    GradientCase(name: "expand", shapes: [[3, 1]]) { x in try x[0].expand([2, 3, 4]) },
    GradientCase(name: "flip", shapes: [[3, 4]]) { x in try x[0].flip([0, 1]) },
    GradientCase(name: "repeat", shapes: [[2, 3]]) { x in try x[0].repeat([2, 1, 2]) },
    GradientCase(name: "slice", shapes: [[5, 6]]) { x in
        try x[0].getItem([.slice(start: 1, stop: 4, step: nil), .slice(start: 0, stop: nil, step: 2)])
    },
    GradientCase(name: "int and new axis", shapes: [[3, 4]]) { x in try x[0].getItem([.int(-1), .newAxis]) },
    GradientCase(name: "index tensor with repeats", shapes: [[4, 3]]) { x in
        try x[0].getItem([.tensor(try Tensor(shape: [5], ints: [0, 2, 2, 3, 0]))])
    },
    GradientCase(name: "boolean mask", shapes: [[2, 3]]) { x in
        try x[0].getItem([.tensor(try Tensor(shape: [2, 3], bools: [true, false, true, true, false, false]))])
    },
    GradientCase(name: "select", shapes: [[3, 4]]) { x in try x[0].select(dim: 1, index: 2) },
    GradientCase(name: "pad", shapes: [[2, 3, 3]]) { x in try x[0].pad([1, 2, 0, 1]) },
    GradientCase(name: "pad that crops", shapes: [[2, 4, 5]]) { x in try x[0].pad([-1, 1, 2, -2]) },
    GradientCase(name: "cat", shapes: [[2, 3], [2, 1], [2, 2]]) { x in try TrackedTensor.cat(x, dim: 1) },
    GradientCase(name: "stack", shapes: [[2, 3], [2, 3]]) { x in try TrackedTensor.stack(x, dim: 1) },
    GradientCase(name: "set item", shapes: [[3, 4], [2]]) { x in
        try x[0].settingItem([.int(1), .slice(start: 1, stop: 3, step: nil)], to: x[1])
    },
    GradientCase(name: "masked fill", shapes: [[2, 2]]) { x in
        try x[0].maskedFill(try Tensor(shape: [2, 2], bools: [true, false, false, true]), .float(3))
    },
]

private let matmulCases: [GradientCase] = [
    GradientCase(name: "matrix @ matrix", shapes: [[3, 4], [4, 2]]) { x in try x[0].matmul(x[1]) },
    GradientCase(name: "vector @ vector", shapes: [[4], [4]]) { x in try x[0].matmul(x[1]) },
    GradientCase(name: "matrix @ vector", shapes: [[3, 4], [4]]) { x in try x[0].matmul(x[1]) },
    GradientCase(name: "vector @ batched", shapes: [[3], [2, 3, 4]]) { x in try x[0].matmul(x[1]) },
    GradientCase(name: "batched @ broadcast matrix", shapes: [[2, 3, 4], [4, 5]]) { x in try x[0].matmul(x[1]) },
    GradientCase(name: "broadcast batches", shapes: [[2, 1, 3, 4], [3, 4, 2]]) { x in try x[0].matmul(x[1]) },
]

private let convolutionCases: [GradientCase] = [
    GradientCase(name: "conv2d 3x3 pad 1 with bias", shapes: [[2, 3, 5, 6], [4, 3, 3, 3], [4]]) { x in
        try TrackedTensor.conv2d(input: x[0], weight: x[1], bias: x[2], padding: 1)
    },
    GradientCase(name: "conv2d stride 2", shapes: [[1, 2, 7, 6], [3, 2, 3, 2]]) { x in
        try TrackedTensor.conv2d(input: x[0], weight: x[1], stride: 2)
    },
    GradientCase(name: "conv2d dilation 2 pad 2", shapes: [[1, 2, 7, 7], [2, 2, 3, 3], [2]]) { x in
        try TrackedTensor.conv2d(input: x[0], weight: x[1], bias: x[2], padding: 2, dilation: 2)
    },
    GradientCase(name: "conv2d groups", shapes: [[1, 4, 5, 5], [6, 2, 2, 2]]) { x in
        try TrackedTensor.conv2d(input: x[0], weight: x[1], groups: 2)
    },
    GradientCase(name: "conv2d same", shapes: [[1, 1, 5, 4], [2, 1, 2, 3]]) { x in
        try TrackedTensor.conv2d(input: x[0], weight: x[1], padding: .same)
    },
    GradientCase(name: "conv2d unbatched", shapes: [[2, 4, 4], [1, 2, 2, 2], [1]]) { x in
        try TrackedTensor.conv2d(input: x[0], weight: x[1], bias: x[2])
    },
    GradientCase(name: "conv3d", shapes: [[1, 2, 3, 4, 4], [2, 2, 2, 2, 3], [2]]) { x in
        try TrackedTensor.conv3d(input: x[0], weight: x[1], bias: x[2], stride: ConvTriple(1, 2, 1), padding: 1)
    },
    GradientCase(name: "corr2d", shapes: [[4, 5], [2, 3]]) { x in try TrackedTensor.corr2d(x[0], x[1]) },
    GradientCase(name: "max_pool2d", shapes: [[1, 2, 5, 5]]) { x in
        try x[0].maxPool2d(kernelSize: 2, stride: 1)
    },
    GradientCase(name: "max_pool2d padded, strided", shapes: [[2, 1, 6, 5]]) { x in
        try x[0].maxPool2d(kernelSize: 3, stride: 2, padding: 1)
    },
    GradientCase(name: "avg_pool2d", shapes: [[1, 2, 5, 5]]) { x in
        try x[0].avgPool2d(kernelSize: 2, stride: 1)
    },
    GradientCase(name: "avg_pool2d padded without pad count", shapes: [[1, 1, 5, 6]]) { x in
        try x[0].avgPool2d(kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false)
    },
    GradientCase(name: "adaptive_avg_pool2d", shapes: [[2, 1, 5, 7]]) { x in
        try x[0].adaptiveAvgPool2d(outputSize: ConvPair(2, 3))
    },
]

@Suite("Autograd: every gradient against central finite differences")
struct AutogradGradientTests {
    static let cases =
        binaryCases + unaryCases + otherElementwise + reductionCases + shapeCases + matmulCases + convolutionCases

    @Test(arguments: cases)
    func gradientMatchesFiniteDifferences(_ gradientCase: GradientCase) throws {
        let inputs = try gradientCase.shapes.enumerated().map { index, shape in
            try GradientCheck.values(
                shape, seed: UInt64(index * 31 + gradientCase.name.count),
                positive: gradientCase.positive.contains(index))
        }
        try GradientCheck.expectAgreement(gradientCase.name, gradientCase.function, at: inputs, epsilon: 1e-3)
    }
}
