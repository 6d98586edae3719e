/// 2-D max pooling: `torch.nn.functional.max_pool2d`.
///
/// Each output is the largest input in its `kernelSize` window; the window moves by `stride`
/// (default: the kernel size, so windows do not overlap).
///
/// ```swift
/// let x = try Tensor(shape: [1, 3, 3], floats: [0, 1, 2, 3, 4, 5, 6, 7, 8])
/// try maxPool2d(input: x, kernelSize: 2, stride: 1)   // [[[4, 5], [7, 8]]]
/// ```
///
/// - Parameters:
///   - input: `(N, C, h, w)` or `(C, h, w)`.
///   - padding: implicit −∞ border on each side; at most half the kernel size (as PyTorch checks).
///   - dilation: spacing between window elements.
///   - ceilMode: round the output size up, as long as the last window starts inside the input
///     or its left padding.
/// - Throws: ``TensorError`` for a wrong rank, non-positive sizes, too much padding, or an
///   output that would be empty.
public func maxPool2d(
    input: Tensor, kernelSize: ConvPair, stride: ConvPair? = nil, padding: ConvPair = 0, dilation: ConvPair = 1,
    ceilMode: Bool = false
) throws(TensorError) -> Tensor {
    let g = try PoolGeometry(
        op: "max_pool2d", input: input, kernel: kernelSize, stride: stride, padding: padding, dilation: dilation,
        ceilMode: ceilMode)
    return try pooled(g, input: input) { x, y in PoolEngine.maximum(g, input: x, output: y) }
}

/// 2-D average pooling: `torch.nn.functional.avg_pool2d`.
///
/// Each output is the mean of its window. With `countIncludePad` (the default, as in PyTorch)
/// zeros of the padding count in the divisor; otherwise only real inputs do. `divisorOverride`
/// replaces the divisor altogether.
///
/// - Throws: ``TensorError`` for a wrong rank, non-positive sizes, too much padding, a zero
///   `divisorOverride`, or an output that would be empty.
public func avgPool2d(
    input: Tensor, kernelSize: ConvPair, stride: ConvPair? = nil, padding: ConvPair = 0, ceilMode: Bool = false,
    countIncludePad: Bool = true, divisorOverride: Int? = nil
) throws(TensorError) -> Tensor {
    let g = try PoolGeometry(
        op: "avg_pool2d", input: input, kernel: kernelSize, stride: stride, padding: padding, dilation: 1,
        ceilMode: ceilMode)
    if let divisorOverride, divisorOverride == 0 {
        throw .value("avg_pool2d: divisor_override must not be zero")
    }
    return try pooled(g, input: input) { x, y in
        PoolEngine.average(
            g, countIncludePad: countIncludePad, divisorOverride: divisorOverride, input: x, output: y)
    }
}

/// Allocates the output of a validated pooling and lets `kernel` fill it.
func pooled(
    _ g: PoolGeometry, input: Tensor,
    kernel: (UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void
) throws(TensorError) -> Tensor {
    let shape = g.outputShape(of: input.shape)
    let count = try TensorLimits.elementCount(of: shape)
    guard case .float32(let values) = input.storage else {
        throw .type("pooling: input must be float32, got \(input.dtype)")
    }
    let result = try ElementBuffer.uninitialized(count, for: shape) {
        (buffer: inout UnsafeMutableBufferPointer<Float>, initialized: inout Int) in
        values.withUnsafeBufferPointer { x in
            guard let x = x.baseAddress, let y = buffer.baseAddress, count > 0 else { return }
            kernel(x, y)
            initialized = count
        }
    }
    return Tensor(uncheckedShape: shape, storage: .float32(result))
}
