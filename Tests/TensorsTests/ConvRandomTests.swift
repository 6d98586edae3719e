import Testing

@testable import Tensors

/// One random convolution problem; `spatialRank` 2 uses depth 1 everywhere.
struct ConvCase: Sendable, CustomTestStringConvertible {
    enum Padding: Sendable { case explicit([Int]), valid, same }

    var seed: UInt64
    var spatialRank: Int
    var batch: Int?  // nil: unbatched input
    var groups: Int
    var inChannels: Int
    var outChannels: Int
    var size: [Int]  // (depth, height, width)
    var kernel: [Int]
    var stride: [Int]
    var dilation: [Int]
    var padding: Padding
    var hasBias: Bool

    var testDescription: String {
        "conv\(spatialRank)d #\(seed): batch \(batch.map(String.init) ?? "-") c_i \(inChannels) c_o \(outChannels) "
            + "g \(groups) size \(size) k \(kernel) s \(stride) d \(dilation) p \(padding)"
    }

    /// Random problems, small enough for a debug build, a few big enough for the GEMM paths.
    static func random(count: Int, spatialRank: Int, seed: UInt64) -> [ConvCase] {
        var rng = ConvTestRNG(seed: seed)
        return (0..<count).map { index in
            let medium = index % 10 == 0
            let groups = rng.int(1...3)
            let inPerGroup = medium ? rng.int(3...6) : rng.int(1...3)
            let outPerGroup = rng.int(1...4)
            var kernel = [1, 1, 1]
            var stride = [1, 1, 1]
            var dilation = [1, 1, 1]
            var pads = [0, 0, 0]
            var size = [1, 1, 1]
            for axis in (spatialRank == 2 ? 1 : 0)..<3 {
                kernel[axis] = spatialRank == 2 ? rng.int(1...4) : rng.int(1...3)
                stride[axis] = rng.int(1...3)
                dilation[axis] = rng.int(0...3) == 0 ? 2 : 1
                pads[axis] = rng.int(0...2)
                let span = dilation[axis] * (kernel[axis] - 1) + 1
                size[axis] = span + rng.int(0...(medium ? 14 : 6))
            }
            let paddingChoice = rng.int(0...5)
            var padding = Padding.explicit(pads)
            if paddingChoice == 0 {
                padding = .valid
            } else if paddingChoice == 1 {
                padding = .same
                stride = [1, 1, 1]
            }
            let batchChoice = rng.int(0...3)
            return ConvCase(
                seed: UInt64(index), spatialRank: spatialRank, batch: batchChoice == 0 ? nil : batchChoice,
                groups: groups, inChannels: groups * inPerGroup, outChannels: groups * outPerGroup,
                size: size, kernel: kernel, stride: stride, dilation: dilation, padding: padding,
                hasBias: rng.bool())
        }
    }

    /// Runs the case through the engine with `algorithm` (nil: the engine's choice) and checks
    /// it against ``ConvReference``.
    func check(algorithm: ConvEngine.Algorithm?) throws {
        var rng = ConvTestRNG(seed: 0xC0FFEE &+ seed)
        let n = batch ?? 1
        let input = rng.floats(n * inChannels * size.reduce(1, *))
        let weight = rng.floats(outChannels * (inChannels / groups) * kernel.reduce(1, *))
        let bias = hasBias ? rng.floats(outChannels) : nil
        var before = [0, 0, 0]
        var after = [0, 0, 0]
        switch padding {
        case .explicit(let pads): (before, after) = (pads, pads)
        case .valid: break
        case .same:
            for axis in 0..<3 {
                let total = dilation[axis] * (kernel[axis] - 1)
                before[axis] = total / 2
                after[axis] = total - total / 2
            }
        }
        let (expected, outSize) = ConvReference.conv(
            input: input, batch: n, inChannels: inChannels, size: size, weight: weight, outChannels: outChannels,
            kernel: kernel, bias: bias, stride: stride, padBefore: before, padAfter: after, dilation: dilation,
            groups: groups)
        let spatial = spatialRank == 2 ? Array(size[1...]) : size
        let inputShape = (batch.map { [$0] } ?? []) + [inChannels] + spatial
        let weightShape = [outChannels, inChannels / groups] + (spatialRank == 2 ? Array(kernel[1...]) : kernel)
        let outShape = (batch.map { [$0] } ?? []) + [outChannels] + (spatialRank == 2 ? Array(outSize[1...]) : outSize)
        let x = try Tensor(shape: inputShape, floats: input)
        let w = try Tensor(shape: weightShape, floats: weight)
        let b = try bias.map { try Tensor(shape: [outChannels], floats: $0) }
        let result: Tensor
        if spatialRank == 2 {
            let pad: ConvPadding2D
            switch padding {
            case .explicit(let p): pad = .explicit(ConvPair(p[1], p[2]))
            case .valid: pad = .valid
            case .same: pad = .same
            }
            result = try conv2d(
                input: x, weight: w, bias: b, stride: ConvPair(stride[1], stride[2]), padding: pad,
                dilation: ConvPair(dilation[1], dilation[2]), groups: groups, algorithm: algorithm)
        } else {
            let pad: ConvPadding3D
            switch padding {
            case .explicit(let p): pad = .explicit(ConvTriple(p[0], p[1], p[2]))
            case .valid: pad = .valid
            case .same: pad = .same
            }
            result = try conv3d(
                input: x, weight: w, bias: b, stride: ConvTriple(stride[0], stride[1], stride[2]), padding: pad,
                dilation: ConvTriple(dilation[0], dilation[1], dilation[2]), groups: groups, algorithm: algorithm)
        }
        expectClose(result, expected, shape: outShape)
    }

    /// Whether the 1×1 GEMM path applies (1×1 kernel, stride 1, no padding).
    var isPointwise: Bool {
        guard kernel == [1, 1, 1], stride == [1, 1, 1] else { return false }
        switch padding {
        case .explicit(let pads): return pads == [0, 0, 0]
        case .valid, .same: return true
        }
    }
}

@Suite("Convolution against a naive reference")
struct ConvRandomTests {
    static let cases2d = ConvCase.random(count: 240, spatialRank: 2, seed: 2024)
    static let cases3d = ConvCase.random(count: 80, spatialRank: 3, seed: 3033)

    @Test("conv2d: every algorithm matches the reference", arguments: cases2d)
    func conv2dCases(_ testCase: ConvCase) throws {
        try testCase.check(algorithm: nil)
        try testCase.check(algorithm: .direct)
        try testCase.check(algorithm: .im2colGEMM)
        try testCase.check(algorithm: .packed)
        try testCase.check(algorithm: .shifted)
        try testCase.check(algorithm: .blocked)
        try testCase.check(algorithm: .shiftedInPlace)
        try testCase.check(algorithm: .shiftedPacked)
        if testCase.isPointwise { try testCase.check(algorithm: .pointwiseGEMM) }
    }

    @Test("conv3d: every algorithm matches the reference", arguments: cases3d)
    func conv3dCases(_ testCase: ConvCase) throws {
        try testCase.check(algorithm: nil)
        try testCase.check(algorithm: .direct)
        try testCase.check(algorithm: .im2colGEMM)
        try testCase.check(algorithm: .packed)
        try testCase.check(algorithm: .shifted)
        if testCase.isPointwise { try testCase.check(algorithm: .pointwiseGEMM) }
    }

    @Test("medium shapes use both threads for im2col and still match", arguments: [1, 2])
    func threaded(threads: Int) throws {
        try onThreads(threads) {
            let big = ConvCase(
                seed: 99, spatialRank: 2, batch: 2, groups: 1, inChannels: 12, outChannels: 8, size: [1, 30, 33],
                kernel: [1, 3, 3], stride: [1, 1, 1], dilation: [1, 1, 1], padding: .explicit([0, 1, 1]), hasBias: true)
            try big.check(algorithm: nil)
            var strided = big
            strided.stride = [1, 2, 2]
            strided.kernel = [1, 7, 7]
            strided.padding = .explicit([0, 3, 3])
            try strided.check(algorithm: nil)
        }
    }
}
