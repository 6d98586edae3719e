import CPrefetch

/// The gradient at the input of a sigmoid that a halving average pooling follows, described
/// rather than written: the pooling's output gradient and the sigmoid's output, from which any
/// plane of `share · y · (1 − y)` (``PoolEngine/halvingAverageGradient(_:divisor:gradient:sigmoidOutput:into:)``)
/// can be computed where it is needed.
///
/// The book's LeNet convolves, then applies the sigmoid and the pooling. Backward, the first
/// convolution's output gradient (128 × 6 × 28 × 28 floats, 2.4 MB) was written by the fused
/// pooling and sigmoid and then read back by the weight gradient, which only needs a few planes at
/// a time: ``ConvWeightGradientRows`` fills its planes from this description instead, one slab at a
/// time while the slab stays in cache (``BackwardFusion``).
struct SigmoidPoolingGradient {
    /// The pooling's geometry: its input planes are the sigmoid's.
    let geometry: PoolGeometry
    let divisor: Int
    /// The gradient of the pooling's output.
    let gradient: Tensor
    /// The sigmoid's output, the pooling's input.
    let output: Tensor

    /// The whole gradient as a tensor of the sigmoid's shape.
    func materialized() throws(TensorError) -> Tensor {
        let shape = output.shape
        let dy = try gradient.floats
        let y = try output.floats
        let dx = try ElementBuffer.make(y.count, for: shape) { (dx: UnsafeMutableBufferPointer<Float>) in
            dy.withUnsafeBufferPointer { dy in
                y.withUnsafeBufferPointer { y in
                    if let dy = dy.baseAddress, let y = y.baseAddress, let dx = dx.baseAddress {
                        PoolEngine.halvingAverageGradient(
                            geometry, divisor: divisor, gradient: dy, sigmoidOutput: y, into: dx)
                    }
                }
            }
        }
        return Tensor(uncheckedShape: shape, storage: .float32(dx))
    }

    /// Calls `body` with a function that writes plane `p` of the gradient (the sigmoid's plane `p`,
    /// `geometry.inPlane` floats) to a buffer, and one that starts loading what plane `p` is computed
    /// from into the cache; both may be called from any thread while `body` runs.
    func withPlanes<R>(
        _ body: (_ plane: (Int, UnsafeMutablePointer<Float>) -> Void, _ prefetch: (Int) -> Void) -> R
    ) throws(TensorError) -> R {
        let dy = try gradient.floats
        let y = try output.floats
        let g = geometry
        return dy.withUnsafeBufferPointer { dy in
            y.withUnsafeBufferPointer { y in
                body(
                    { plane, target in
                        guard let dy = dy.baseAddress, let y = y.baseAddress else { return }
                        PoolEngine.halvingSpread(
                            g, divisor: divisor, plane: dy + plane * g.outPlane, first: 0,
                            HalvingSigmoidShare(output: y + plane * g.inPlane, target: target))
                    },
                    { plane in
                        guard let dy = dy.baseAddress, let y = y.baseAddress else { return }
                        // A cache line holds 16 floats.
                        for offset in stride(from: 0, to: g.inPlane, by: 16) {
                            cprefetch_l2(y + plane * g.inPlane + offset)
                        }
                        for offset in stride(from: 0, to: g.outPlane, by: 16) {
                            cprefetch_l2(dy + plane * g.outPlane + offset)
                        }
                    })
            }
        }
    }
}
