/// Adaptive 2-D max pooling: `torch.nn.functional.adaptive_max_pool2d(input, output_size,
/// return_indices=True)`.
///
/// Produces exactly `outputSize` values per channel: output row `i` is the largest value of input
/// rows `⌊i·h/h_o⌋ ..< ⌈(i+1)·h/h_o⌉` (the windows of ``adaptiveAvgPool2d(input:outputSize:)``),
/// and likewise for columns.
///
/// ```swift
/// let x = try Tensor(shape: [1, 3, 3], floats: [0, 1, 2, 3, 4, 5, 6, 7, 8])
/// try adaptiveMaxPool2d(input: x, outputSize: ConvPair(2, 2)).values   // [[[4, 5], [7, 8]]]
/// ```
///
/// - Parameters:
///   - input: `(N, C, h, w)` or `(C, h, w)` with `h, w > 0`, float32.
///   - outputSize: `(h_o, w_o)`, non-negative.
/// - Returns: the maxima and, as int64, where each came from: the index `row·w + column` inside its
///   plane (PyTorch's indices). A window's first largest value wins; a NaN beats any number.
/// - Throws: ``TensorError`` for a wrong rank, an empty input plane or a negative output size.
public func adaptiveMaxPool2d(input: Tensor, outputSize: ConvPair) throws(TensorError) -> (
    values: Tensor, indices: Tensor
) {
    let g = try adaptivePoolGeometry("adaptive_max_pool2d", input: input, outputSize: outputSize)
    let shape = g.outputShape(of: input.shape)
    let count = try TensorLimits.elementCount(of: shape)
    guard case .float32(let x) = input.storage else {
        throw .type("adaptive_max_pool2d: input must be float32, got \(input.dtype)")
    }
    var indices = try ElementBuffer.repeating(Int64(0), count: count, for: shape)
    let values = try ElementBuffer.uninitialized(count, for: shape) {
        (buffer: inout UnsafeMutableBufferPointer<Float>, initialized: inout Int) in
        x.withUnsafeBufferPointer { x in
            indices.withUnsafeMutableBufferPointer { indices in
                guard let source = x.baseAddress, let target = buffer.baseAddress, let where_ = indices.baseAddress
                else { return }
                PoolEngine.forEachPlane(g) { plane in
                    adaptiveMaximum(
                        g, input: source + plane * g.inPlane, output: target + plane * g.outPlane,
                        indices: where_ + plane * g.outPlane)
                }
            }
        }
        initialized = count
    }
    return (
        Tensor(uncheckedShape: shape, storage: .float32(values)),
        Tensor(uncheckedShape: shape, storage: .int64(indices))
    )
}

/// The maxima of one plane's adaptive windows, with PyTorch's comparison (`value > best || isnan(value)`).
private func adaptiveMaximum(
    _ g: PoolGeometry, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    indices: UnsafeMutablePointer<Int64>
) {
    var target = 0
    for oh in 0..<g.outHeight {
        let h0 = oh * g.inHeight / g.outHeight
        let h1 = ((oh + 1) * g.inHeight + g.outHeight - 1) / g.outHeight
        for ow in 0..<g.outWidth {
            let w0 = ow * g.inWidth / g.outWidth
            let w1 = ((ow + 1) * g.inWidth + g.outWidth - 1) / g.outWidth
            var best = h0 * g.inWidth + w0
            var bestValue = -Float.infinity
            for ih in h0..<h1 {
                for iw in w0..<w1 {
                    let value = input[ih * g.inWidth + iw]
                    if value > bestValue || value.isNaN {
                        best = ih * g.inWidth + iw
                        bestValue = value
                    }
                }
            }
            output[target] = input[best]
            indices[target] = Int64(best)
            target += 1
        }
    }
}

/// Checks an adaptive pooling's input and output size; the geometry has one-element "kernels"
/// (the windows are computed per output position).
func adaptivePoolGeometry(_ op: String, input: Tensor, outputSize: ConvPair) throws(TensorError) -> PoolGeometry {
    let shape = input.shape
    guard shape.count == 3 || shape.count == 4 else {
        throw .shape(
            "\(op): input must be 3-D (C, H, W) or 4-D (N, C, H, W), got \(shape.count)-D input of shape "
                + formatShape(shape))
    }
    guard input.dtype == .float32 else {
        throw .type("\(op): input must be float32, got \(input.dtype); convert it with .float()")
    }
    let height = shape[shape.count - 2]
    let width = shape[shape.count - 1]
    guard height > 0, width > 0 else {
        throw .shape("\(op): input must have a non-empty plane, got shape \(formatShape(shape))")
    }
    guard outputSize.height >= 0, outputSize.width >= 0 else {
        throw .value("\(op): output size must be non-negative, got \(outputSize)")
    }
    return PoolGeometry(
        planes: shape.dropLast(2).reduce(1, *), inHeight: height, inWidth: width,
        kernelHeight: 1, kernelWidth: 1, strideHeight: 1, strideWidth: 1, padHeight: 0, padWidth: 0,
        dilationHeight: 1, dilationWidth: 1, outHeight: outputSize.height, outWidth: outputSize.width)
}
