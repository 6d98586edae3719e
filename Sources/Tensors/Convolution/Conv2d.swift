/// A 2-D convolution (cross-correlation, as in PyTorch and the book) over a batch of
/// multi-channel images: `torch.nn.functional.conv2d`.
///
/// Output channel `o` of image `n` is `bias[o]` plus, for every input channel `c` of its group,
/// the cross-correlation of input channel `c` with the kernel `weight[o, c]`:
///
/// ```swift
/// // The book's two-input-channel example: one output channel, two 2×2 kernels.
/// let x = try Tensor(shape: [2, 3, 3], floats: [0, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 9])
/// let k = try Tensor(shape: [1, 2, 2, 2], floats: [0, 1, 2, 3, 1, 2, 3, 4])
/// try conv2d(input: x, weight: k)   // [[[56, 72], [104, 120]]]
/// ```
///
/// - Parameters:
///   - input: `(N, c_i, h, w)`, or `(c_i, h, w)` for a single image (the result is then unbatched too).
///   - weight: `(c_o, c_i / groups, k_h, k_w)`.
///   - bias: optional `(c_o)`.
///   - stride: step of the window; must be positive.
///   - padding: zeros around the input, or `.valid` / `.same` (`.same` needs stride 1).
///   - dilation: spacing between kernel taps; must be positive.
///   - groups: splits the channels into independent groups; must divide `c_i` and `c_o`.
/// - Returns: `(N, c_o, h_o, w_o)` with `h_o = ⌊(h + 2·p_h − d_h·(k_h − 1) − 1) / s_h⌋ + 1` (same for `w_o`).
/// - Throws: ``TensorError`` explaining any mismatch of ranks, channels, sizes or arguments.
public func conv2d(
    input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: ConvPair = 1, padding: ConvPadding2D = 0,
    dilation: ConvPair = 1, groups: Int = 1
) throws(TensorError) -> Tensor {
    try conv2d(
        input: input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
        groups: groups, algorithm: nil, cachesPacking: true)
}

/// The same, with the algorithm chosen by the caller (tests run every algorithm on every shape);
/// `cachesPacking` lets the weights' packing be kept for the next call on the same weights
/// (``ConvBlockedWeightCache``), which the public function does and gradient-tracked weights,
/// rewritten every step, do not.
func conv2d(
    input: Tensor, weight: Tensor, bias: Tensor?, stride: ConvPair, padding: ConvPadding2D, dilation: ConvPair,
    groups: Int, algorithm: ConvEngine.Algorithm?, cachesPacking: Bool = false
) throws(TensorError) -> Tensor {
    let (g, batched) = try conv2dGeometry(
        input: input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    let shape =
        batched
        ? [g.batch, g.outChannels, g.outHeight, g.outWidth] : [g.outChannels, g.outHeight, g.outWidth]
    return try ConvEngine.tensor(
        g, input: input, weight: weight, bias: bias, shape: shape, forced: algorithm, cachesPacking: cachesPacking)
}

/// The validated geometry of `conv2d` on these operands and whether the input is batched: the
/// 2-D arguments as ``ConvValidation`` takes them (one depth of 1).
func conv2dGeometry(
    input: Tensor, weight: Tensor, bias: Tensor?, stride: ConvPair, padding: ConvPadding2D, dilation: ConvPair,
    groups: Int
) throws(TensorError) -> (ConvGeometry, batched: Bool) {
    let padding3: ConvValidation.Padding
    switch padding {
    case .explicit(let pad): padding3 = .explicit(ConvTriple(0, pad.height, pad.width))
    case .valid: padding3 = .valid
    case .same: padding3 = .same
    }
    let arguments = ConvValidation.Arguments(
        stride: ConvTriple(1, stride.height, stride.width), padding: padding3,
        dilation: ConvTriple(1, dilation.height, dilation.width), groups: groups)
    return try ConvValidation(op: "conv2d", spatialRank: 2).geometry(
        input: input, weight: weight, bias: bias, arguments: arguments)
}
