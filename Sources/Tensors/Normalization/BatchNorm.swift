/// Batch normalization with the batch's own statistics (training mode):
/// `torch.nn.functional.batch_norm(input, …, training=True)`.
///
/// Each channel `c` (dimension 1) is normalized with the mean and the biased variance of its
/// `N·S` values, then scaled and shifted: `y = (x − μ_c)/√(σ²_c + eps)·weight_c + bias_c`.
///
/// ```swift
/// let x = try Tensor(shape: [2, 1, 2], floats: [1, 2, 3, 4])
/// let (y, stats) = try batchNorm(input: x, weight: nil, bias: nil, eps: 0)
/// stats.mean       // [2.5]
/// stats.variance   // [1.25]
/// ```
///
/// - Parameters:
///   - input: `(N, C)` or `(N, C, …)`, float32.
///   - weight, bias: one value per channel, or `nil` for 1 and 0.
/// - Returns: the output (the input's shape) and the statistics it used, for the running averages.
/// - Throws: ``TensorError`` for a rank below 2, a non-float input, or per-channel tensors of the
///   wrong size.
public func batchNorm(
    input: Tensor, weight: Tensor?, bias: Tensor?, eps: Double
) throws(TensorError) -> (output: Tensor, statistics: BatchNormStatistics) {
    let g = try BatchNormGeometry(shape: input.shape)
    try checkBatchNormOperands(g, input: input, weight: weight, bias: bias)
    var mean = [Double](repeating: 0, count: g.channels)
    var variance = [Double](repeating: 0, count: g.channels)
    let output = try batchNormOutput(
        g, input: input, weight: weight, bias: bias, eps: eps, measure: true, mean: &mean, variance: &variance)
    return (output, BatchNormStatistics(mean: mean, variance: variance, count: g.valuesPerChannel))
}

/// Batch normalization with given statistics (evaluation mode, the running averages):
/// `torch.nn.functional.batch_norm(input, running_mean, running_var, …, training=False)`.
///
/// `y = (x − mean_c)/√(variance_c + eps)·weight_c + bias_c`, one pass over the input.
///
/// - Throws: ``TensorError`` for a rank below 2, a non-float input, or per-channel tensors of the
///   wrong size.
public func batchNorm(
    input: Tensor, mean: Tensor, variance: Tensor, weight: Tensor?, bias: Tensor?, eps: Double
) throws(TensorError) -> Tensor {
    let g = try BatchNormGeometry(shape: input.shape)
    try checkBatchNormOperands(g, input: input, weight: weight, bias: bias)
    try g.checkPerChannel(mean, "running_mean", op: "batch_norm")
    try g.checkPerChannel(variance, "running_var", op: "batch_norm")
    var means = try mean.floats.map(Double.init)
    var variances = try variance.floats.map(Double.init)
    return try batchNormOutput(
        g, input: input, weight: weight, bias: bias, eps: eps, measure: false, mean: &means, variance: &variances)
}

/// The gradients of a batch normalization with respect to its input, weight and bias (each
/// only when `needs` asks for it).
///
/// - Parameters:
///   - mean, invstd: per channel, what normalized the forward pass (`1/√(var + eps)`).
///   - batchStatistics: whether the forward pass measured the statistics on this input (then
///     they depend on it and carry gradient too).
func batchNormGradients(
    _ gradient: Tensor, input: Tensor, mean: [Double], invstd: [Double], weight: Tensor?, batchStatistics: Bool,
    needs: (input: Bool, weight: Bool, bias: Bool)
) throws(TensorError) -> (input: Tensor?, weight: Tensor?, bias: Tensor?) {
    let g = try BatchNormGeometry(shape: input.shape)
    guard gradient.shape == input.shape, case .float32(let dy) = gradient.storage,
        case .float32(let x) = input.storage
    else {
        throw .shape("batch_norm backward: the gradient \(formatShape(gradient.shape)) does not match the input")
    }
    let weights = try weight?.floats
    var sumGradient = [Double](repeating: 0, count: g.channels)
    var sumProduct = [Double](repeating: 0, count: needs.weight ? g.channels : 0)
    /// Runs the kernel, writing the input gradient to `dx` when given (every element of it).
    func run(_ dx: UnsafeMutablePointer<Float>?) {
        dy.withUnsafeBufferPointer { dy in
            x.withUnsafeBufferPointer { x in
                mean.withUnsafeBufferPointer { mean in
                    invstd.withUnsafeBufferPointer { invstd in
                        sumGradient.withUnsafeMutableBufferPointer { sumGradient in
                            sumProduct.withUnsafeMutableBufferPointer { sumProduct in
                                withOptionalPointer(weights) { w in
                                    guard let dyBase = dy.baseAddress, let xBase = x.baseAddress,
                                        let meanBase = mean.baseAddress, let invstdBase = invstd.baseAddress
                                    else { return }
                                    // An empty array's buffer may still have an address: ask `needs`.
                                    let out = BatchNormLoops.Gradients(
                                        input: dx,
                                        sumGradient: needs.bias || needs.input ? sumGradient.baseAddress : nil,
                                        sumProduct: needs.weight ? sumProduct.baseAddress : nil)
                                    BatchNormLoops.backward(
                                        g, gradient: dyBase, input: xBase, mean: meanBase, invstd: invstdBase,
                                        weight: w, batchStatistics: batchStatistics, into: out)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    var dx = ElementBuffer.empty(of: Float.self)
    if needs.input && g.count > 0 {
        // Not zero-filled first: the kernel writes every element (a memset would be a whole extra pass).
        dx = try ElementBuffer.uninitialized(g.count, for: input.shape) {
            (buffer: inout UnsafeMutableBufferPointer<Float>, initialized: inout Int) in
            run(buffer.baseAddress)
            initialized = g.count
        }
    } else {
        run(nil)
    }
    let perChannel = weight?.shape ?? [g.channels]
    return (
        needs.input ? Tensor(uncheckedShape: input.shape, storage: .float32(dx)) : nil,
        needs.weight
            ? Tensor(
                uncheckedShape: perChannel,
                storage: .float32(
                    try ElementBuffer.map(Array(0..<g.channels), for: perChannel) { Float(sumProduct[$0] * invstd[$0]) }
                ))
            : nil,
        needs.bias
            ? Tensor(
                uncheckedShape: perChannel,
                storage: .float32(try ElementBuffer.map(sumGradient, for: perChannel) { Float($0) })) : nil
    )
}

/// Checks the operands every batch normalization takes.
private func checkBatchNormOperands(
    _ g: BatchNormGeometry, input: Tensor, weight: Tensor?, bias: Tensor?
) throws(TensorError) {
    guard input.dtype == .float32 else {
        throw .type("batch_norm: input must be float32, got \(input.dtype); convert it with .float()")
    }
    _ = try TensorLimits.elementCount(of: input.shape)
    if let weight { try g.checkPerChannel(weight, "weight", op: "batch_norm") }
    if let bias { try g.checkPerChannel(bias, "bias", op: "batch_norm") }
}

/// Allocates the output and fills it with ``BatchNormLoops/forward(_:input:output:weight:bias:eps:measure:mean:variance:)``:
/// with `measure`, the loops first store each channel's batch statistics in `mean` and `variance`; else they
/// normalize with the statistics given there.
private func batchNormOutput(
    _ g: BatchNormGeometry, input: Tensor, weight: Tensor?, bias: Tensor?, eps: Double, measure: Bool,
    mean: inout [Double], variance: inout [Double]
) throws(TensorError) -> Tensor {
    guard case .float32(let x) = input.storage, g.count > 0 else {
        return Tensor(uncheckedShape: input.shape, storage: .float32(ElementBuffer.empty()))
    }
    let weights = try weight?.floats
    let biases = try bias?.floats
    let y = try ElementBuffer.uninitialized(g.count, for: input.shape) {
        (buffer: inout UnsafeMutableBufferPointer<Float>, initialized: inout Int) in
        x.withUnsafeBufferPointer { x in
            withOptionalPointer(weights) { w in
                withOptionalPointer(biases) { b in
                    mean.withUnsafeMutableBufferPointer { means in
                        variance.withUnsafeMutableBufferPointer { variances in
                            guard let xBase = x.baseAddress, let yBase = buffer.baseAddress,
                                let means = means.baseAddress, let variances = variances.baseAddress
                            else { return }
                            BatchNormLoops.forward(
                                g, input: xBase, output: yBase, weight: w, bias: b, eps: eps, measure: measure,
                                mean: means, variance: variances)
                        }
                    }
                }
            }
        }
        initialized = g.count
    }
    return Tensor(uncheckedShape: input.shape, storage: .float32(y))
}

/// Calls `body` with a pointer to the floats, or `nil` when there are none.
func withOptionalPointer<R>(_ values: [Float]?, _ body: (UnsafePointer<Float>?) -> R) -> R {
    guard let values else { return body(nil) }
    return values.withUnsafeBufferPointer { body($0.baseAddress) }
}
