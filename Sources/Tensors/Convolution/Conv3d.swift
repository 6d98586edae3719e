/// A 3-D convolution (cross-correlation) over videos or volumes: `torch.nn.functional.conv3d`.
///
/// The 3-D analogue of ``conv2d(input:weight:bias:stride:padding:dilation:groups:)``: the window
/// also slides along depth (frames of a video, slices of a scan).
///
/// - Parameters:
///   - input: `(N, c_i, d, h, w)`, or `(c_i, d, h, w)` for a single volume (the result is then unbatched).
///   - weight: `(c_o, c_i / groups, k_d, k_h, k_w)`.
///   - bias: optional `(c_o)`.
///   - stride, padding, dilation: per dimension (depth, height, width); `.same` needs stride 1.
///   - groups: must divide `c_i` and `c_o`.
/// - Returns: `(N, c_o, d_o, h_o, w_o)`.
/// - Throws: ``TensorError`` explaining any mismatch of ranks, channels, sizes or arguments.
public func conv3d(
    input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: ConvTriple = 1, padding: ConvPadding3D = 0,
    dilation: ConvTriple = 1, groups: Int = 1
) throws(TensorError) -> Tensor {
    try conv3d(
        input: input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
        groups: groups, algorithm: nil)
}

/// The same, with the algorithm chosen by the caller (tests run every algorithm on every shape).
func conv3d(
    input: Tensor, weight: Tensor, bias: Tensor?, stride: ConvTriple, padding: ConvPadding3D, dilation: ConvTriple,
    groups: Int, algorithm: ConvEngine.Algorithm?
) throws(TensorError) -> Tensor {
    let padding3: ConvValidation.Padding
    switch padding {
    case .explicit(let pad): padding3 = .explicit(pad)
    case .valid: padding3 = .valid
    case .same: padding3 = .same
    }
    let arguments = ConvValidation.Arguments(stride: stride, padding: padding3, dilation: dilation, groups: groups)
    let (g, batched) = try ConvValidation(op: "conv3d", spatialRank: 3).geometry(
        input: input, weight: weight, bias: bias, arguments: arguments)
    let shape =
        batched
        ? [g.batch, g.outChannels, g.outDepth, g.outHeight, g.outWidth]
        : [g.outChannels, g.outDepth, g.outHeight, g.outWidth]
    return try ConvEngine.tensor(g, input: input, weight: weight, bias: bias, shape: shape, forced: algorithm)
}
