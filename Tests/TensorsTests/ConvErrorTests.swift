import Testing

@testable import Tensors

@Suite("Convolution and pooling errors teach instead of trapping", .serialized)
struct ConvErrorTests {
    static func zeros(_ shape: [Int]) -> Tensor {
        // Built from its parts so the test does not depend on other creation functions.
        (try? Tensor(shape: shape, floats: [Float](repeating: 0, count: shape.reduce(1, *)))) ?? Tensor(scalar: 0)
    }

    func expectError(
        _ kind: TensorError.Kind, _ message: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Tensor
    ) {
        do {
            let value = try body()
            Issue.record("expected an error, got a tensor of shape \(value.shape)", sourceLocation: sourceLocation)
        } catch let error as TensorError {
            #expect(error.kind == kind, sourceLocation: sourceLocation)
            #expect(error.message == message, sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected a TensorError, got \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("conv2d argument errors")
    func conv2dErrors() {
        let x = Self.zeros([1, 2, 3, 3])
        expectError(.shape, "conv2d: input must be 3-D (C, H, W) or 4-D (N, C, H, W), got 2-D input of shape [3, 3]") {
            try conv2d(input: Self.zeros([3, 3]), weight: Self.zeros([1, 1, 2, 2]))
        }
        expectError(.shape, "conv2d: weight must be 4-D (c_o, c_i/groups, k_h, k_w), got 2-D weight of shape [2, 2]") {
            try conv2d(input: x, weight: Self.zeros([2, 2]))
        }
        expectError(
            .shape,
            "conv2d: weight expects 3 input channels (c_i = 3), input has 2 (weight [1, 3, 2, 2], input [1, 2, 3, 3])"
        ) {
            try conv2d(input: x, weight: Self.zeros([1, 3, 2, 2]))
        }
        expectError(
            .shape,
            "conv2d: weight expects 4 input channels (c_i/groups = 2, groups = 2), input has 2 (weight [2, 2, 2, 2], input [1, 2, 3, 3])"
        ) {
            try conv2d(input: x, weight: Self.zeros([2, 2, 2, 2]), groups: 2)
        }
        expectError(.shape, "conv2d: groups = 3 must divide the input channels (c_i = 2)") {
            try conv2d(input: x, weight: Self.zeros([3, 1, 2, 2]), groups: 3)
        }
        expectError(.shape, "conv2d: groups = 2 must divide the output channels (c_o = 3)") {
            try conv2d(input: x, weight: Self.zeros([3, 1, 2, 2]), groups: 2)
        }
        expectError(.value, "conv2d: groups must be positive, got 0") {
            try conv2d(input: x, weight: Self.zeros([1, 2, 2, 2]), groups: 0)
        }
        expectError(.shape, "conv2d: kernel 5×5 (with dilation) is larger than the padded input 3×3") {
            try conv2d(input: x, weight: Self.zeros([1, 2, 5, 5]))
        }
        expectError(.shape, "conv2d: kernel 5×3 (with dilation) is larger than the padded input 3×3") {
            try conv2d(input: x, weight: Self.zeros([1, 2, 3, 2]), dilation: 2)
        }
        expectError(.value, "conv2d: stride must be positive, got (0, 1)") {
            try conv2d(input: x, weight: Self.zeros([1, 2, 2, 2]), stride: ConvPair(0, 1))
        }
        expectError(.value, "conv2d: dilation must be positive, got (1, -1)") {
            try conv2d(input: x, weight: Self.zeros([1, 2, 2, 2]), dilation: ConvPair(1, -1))
        }
        expectError(.value, "conv2d: padding must be non-negative, got (-1, 0)") {
            try conv2d(input: x, weight: Self.zeros([1, 2, 2, 2]), padding: .explicit(ConvPair(-1, 0)))
        }
        expectError(.value, "conv2d: padding='same' is not supported for strided convolutions (stride = (2, 2))") {
            try conv2d(input: x, weight: Self.zeros([1, 2, 2, 2]), stride: 2, padding: .same)
        }
        expectError(.shape, "conv2d: bias must be 1-D with c_o = 1 elements, got shape [2]") {
            try conv2d(input: x, weight: Self.zeros([1, 2, 2, 2]), bias: Self.zeros([2]))
        }
        expectError(.shape, "conv2d: kernel size must be positive, got 0×2") {
            try conv2d(input: x, weight: Self.zeros([1, 2, 0, 2]))
        }
        expectError(.type, "conv2d: input must be float32, got torch.int64; convert it with .float()") {
            try conv2d(input: Tensor(shape: [1, 2, 2], ints: [1, 2, 3, 4]), weight: Self.zeros([1, 1, 1, 1]))
        }
    }

    @Test("huge arguments are refused instead of overflowing")
    func hugeArguments() {
        let x = Self.zeros([1, 2, 3, 3])
        let w = Self.zeros([1, 2, 2, 2])
        expectError(.value, "conv2d: padding (\(Int.max), 0) is too large (at most 1073741824)") {
            try conv2d(input: x, weight: w, padding: .explicit(ConvPair(Int.max, 0)))
        }
        expectError(.value, "conv2d: stride (1, 1) or dilation (1, \(Int.max)) is too large (at most 1073741824)") {
            try conv2d(input: x, weight: w, dilation: ConvPair(1, Int.max))
        }
        expectError(.value, "max_pool2d: kernel size, stride and dilation must be at most 1073741824") {
            try maxPool2d(input: x, kernelSize: 2, dilation: ConvPair(Int.max, 1))
        }
    }

    @Test(
        "a huge stride and padding around a 1×1 input runs: the padded copies' sizes would overflow",
        arguments: [32, 64])
    func hugeStrideAndPadding(channels: Int) throws {
        // Output 3×3; only its centre sees the input (row and column 2³⁰ − 2³⁰ = 0).
        let x = try Tensor(shape: [1, channels, 1, 1], floats: [Float](repeating: 1, count: channels))
        let w = try Tensor(shape: [64, channels, 1, 1], floats: [Float](repeating: 1, count: 64 * channels))
        let y = try conv2d(input: x, weight: w, stride: ConvPair(1 << 30), padding: .explicit(ConvPair(1 << 30)))
        #expect(y.shape == [1, 64, 3, 3])
        let centre = (0..<9).map { $0 == 4 ? Float(channels) : 0 }
        #expect(try y.floats == Array((0..<64).map { _ in centre }.joined()))
    }

    @Test("the element cap stops a huge output before allocating it")
    func elementCap() {
        let saved = TensorLimits.maxElements
        defer { TensorLimits.maxElements = saved }
        TensorLimits.maxElements = 1000
        expectError(.limit, "a tensor of shape [1, 64, 10, 10] would have 6400 elements; the limit is 1000") {
            try conv2d(input: Self.zeros([1, 1, 10, 10]), weight: Self.zeros([64, 1, 1, 1]))
        }
    }

    @Test("conv3d and corr2d errors")
    func conv3dErrors() {
        expectError(
            .shape, "conv3d: input must be 4-D (C, D, H, W) or 5-D (N, C, D, H, W), got 3-D input of shape [2, 3, 3]"
        ) {
            try conv3d(input: Self.zeros([2, 3, 3]), weight: Self.zeros([1, 2, 1, 1, 1]))
        }
        expectError(.shape, "conv3d: kernel 3×2×2 (with dilation) is larger than the padded input 2×3×3") {
            try conv3d(input: Self.zeros([1, 2, 3, 3]), weight: Self.zeros([1, 1, 3, 2, 2]))
        }
        expectError(.value, "conv3d: stride must be positive, got (1, 0, 1)") {
            try conv3d(
                input: Self.zeros([1, 2, 3, 3]), weight: Self.zeros([1, 1, 1, 1, 1]), stride: ConvTriple(1, 0, 1))
        }
        expectError(.shape, "corr2d: kernel 3×3 is larger than the input 2×2") {
            try corr2d(Self.zeros([2, 2]), Self.zeros([3, 3]))
        }
        expectError(.shape, "corr2d: X must be 2-D (h, w), got 3-D input of shape [1, 2, 2]") {
            try corr2d(Self.zeros([1, 2, 2]), Self.zeros([1, 1]))
        }
    }

    @Test("pooling errors")
    func poolErrors() throws {
        let x = Self.zeros([1, 4, 4])
        expectError(
            .shape, "max_pool2d: input must be 3-D (C, H, W) or 4-D (N, C, H, W), got 2-D input of shape [4, 4]"
        ) {
            try maxPool2d(input: Self.zeros([4, 4]), kernelSize: 2)
        }
        expectError(
            .value,
            "max_pool2d: padding should be at most half of the kernel size, got padding (2, 2) for kernel (3, 3)"
        ) {
            try maxPool2d(input: x, kernelSize: 3, padding: 2)
        }
        expectError(.value, "avg_pool2d: stride must be positive, got (0, 0)") {
            try avgPool2d(input: x, kernelSize: 2, stride: 0)
        }
        expectError(.value, "max_pool2d: kernel size must be positive, got (0, 2)") {
            try maxPool2d(input: x, kernelSize: ConvPair(0, 2))
        }
        expectError(
            .shape,
            "max_pool2d: output size is too small: a 4×4 input with kernel (5, 5), stride (5, 5), padding (0, 0) and "
                + "dilation (1, 1) gives 0×0"
        ) {
            try maxPool2d(input: x, kernelSize: 5)
        }
        expectError(
            .shape, "avg_pool2d: input must have non-empty channel, height and width dimensions, got shape [1, 0, 3]"
        ) {
            try avgPool2d(input: Self.zeros([1, 0, 3]), kernelSize: 2, padding: 1)
        }
        #expect(try maxPool2d(input: Self.zeros([0, 1, 4, 4]), kernelSize: 2).shape == [0, 1, 2, 2])
        expectError(.value, "avg_pool2d: divisor_override must not be zero") {
            try avgPool2d(input: x, kernelSize: 2, divisorOverride: 0)
        }
        expectError(.shape, "adaptive_avg_pool2d: input must have a non-empty plane, got shape [1, 0, 4]") {
            try adaptiveAvgPool2d(input: Self.zeros([1, 0, 4]), outputSize: 2)
        }
        expectError(.value, "adaptive_avg_pool2d: output size must be non-negative, got (-1, 2)") {
            try adaptiveAvgPool2d(input: x, outputSize: ConvPair(-1, 2))
        }
    }

    @Test("empty batches and channel-free groups give well-formed results")
    func emptyShapes() throws {
        let empty = try conv2d(input: Self.zeros([0, 2, 3, 3]), weight: Self.zeros([4, 2, 2, 2]))
        #expect(empty.shape == [0, 4, 2, 2])
        let noChannels = try conv2d(
            input: Self.zeros([1, 0, 3, 3]), weight: Self.zeros([2, 0, 2, 2]),
            bias: Tensor(shape: [2], floats: [5, 7]))
        #expect(try noChannels.floats == [5, 5, 5, 5, 7, 7, 7, 7])
    }
}
