/// The book's `corr2d(X, K)`: the 2-D cross-correlation of one matrix with one kernel, stride 1,
/// no padding.
///
/// `Y[i, j] = Σ_a Σ_b X[i + a, j + b] · K[a, b]`, so `Y` has shape `(h − k_h + 1, w − k_w + 1)`.
///
/// ```swift
/// let x = try Tensor(shape: [3, 3], floats: [0, 1, 2, 3, 4, 5, 6, 7, 8])
/// let k = try Tensor(shape: [2, 2], floats: [0, 1, 2, 3])
/// try corr2d(x, k)   // [[19, 25], [37, 43]]
/// ```
///
/// - Throws: ``TensorError`` if either operand is not a 2-D float32 tensor, or `K` is larger than `X`.
public func corr2d(_ x: Tensor, _ k: Tensor) throws(TensorError) -> Tensor {
    guard x.rank == 2 else {
        throw .shape("corr2d: X must be 2-D (h, w), got \(x.rank)-D input of shape \(formatShape(x.shape))")
    }
    guard k.rank == 2 else {
        throw .shape("corr2d: K must be 2-D (k_h, k_w), got \(k.rank)-D kernel of shape \(formatShape(k.shape))")
    }
    guard x.dtype == .float32, k.dtype == .float32 else {
        throw .type("corr2d: X and K must be float32, got \(x.dtype) and \(k.dtype); convert them with .float()")
    }
    let (height, width) = (x.shape[0], x.shape[1])
    let (kernelHeight, kernelWidth) = (k.shape[0], k.shape[1])
    guard kernelHeight > 0, kernelWidth > 0 else {
        throw .shape("corr2d: kernel size must be positive, got \(kernelHeight)×\(kernelWidth)")
    }
    guard kernelHeight <= height, kernelWidth <= width else {
        throw .shape("corr2d: kernel \(kernelHeight)×\(kernelWidth) is larger than the input \(height)×\(width)")
    }
    let g = ConvGeometry(
        batch: 1, inChannels: 1, outChannels: 1, groups: 1,
        inDepth: 1, inHeight: height, inWidth: width,
        kernelDepth: 1, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
        strideDepth: 1, strideHeight: 1, strideWidth: 1,
        padDepth: 0, padHeight: 0, padWidth: 0,
        dilationDepth: 1, dilationHeight: 1, dilationWidth: 1,
        outDepth: 1, outHeight: height - kernelHeight + 1, outWidth: width - kernelWidth + 1)
    return try ConvEngine.tensor(g, input: x, weight: k, bias: nil, shape: [g.outHeight, g.outWidth])
}
