/// Layer normalization: `torch.nn.functional.layer_norm`.
///
/// Every sample is normalized over its last dimensions (`normalizedShape`) with its own mean and
/// biased variance, then scaled and shifted element-wise:
/// `y = (x − μ)/√(σ² + eps)·weight + bias`.
///
/// ```swift
/// let x = try Tensor(shape: [2, 2], floats: [1, 3, 0, 10])
/// try layerNorm(input: x, normalizedShape: [2], weight: nil, bias: nil, eps: 0)   // [[-1, 1], [-1, 1]]
/// ```
///
/// - Parameters:
///   - input: float32, whose last dimensions equal `normalizedShape`.
///   - weight, bias: of shape `normalizedShape`, or `nil` for 1 and 0.
/// - Throws: ``TensorError`` when the input does not end in `normalizedShape`, for a non-float
///   input, or a weight or bias of another size.
public func layerNorm(
    input: Tensor, normalizedShape: [Int], weight: Tensor?, bias: Tensor?, eps: Double
) throws(TensorError) -> Tensor {
    try layerNormWithStatistics(input: input, normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
        .output
}

/// ``layerNorm(input:normalizedShape:weight:bias:eps:)`` with each row's mean and `1/√(σ² + eps)`,
/// which the backward pass reuses.
func layerNormWithStatistics(
    input: Tensor, normalizedShape: [Int], weight: Tensor?, bias: Tensor?, eps: Double
) throws(TensorError) -> (output: Tensor, mean: [Double], rstd: [Double]) {
    let (rows, width) = try layerNormGeometry(input, normalizedShape, weight: weight, bias: bias)
    guard case .float32(let x) = input.storage, rows * width > 0 else {
        return (Tensor(uncheckedShape: input.shape, storage: .float32(ElementBuffer.empty())), [], [])
    }
    let w = try weight?.floats ?? [Float](repeating: 1, count: width)
    let b = try bias?.floats ?? [Float](repeating: 0, count: width)
    var mean = [Double](repeating: 0, count: rows)
    var rstd = [Double](repeating: 0, count: rows)
    let y = try ElementBuffer.uninitialized(rows * width, for: input.shape) {
        (buffer: inout UnsafeMutableBufferPointer<Float>, initialized: inout Int) in
        x.withUnsafeBufferPointer { x in
            w.withUnsafeBufferPointer { w in
                b.withUnsafeBufferPointer { b in
                    mean.withUnsafeMutableBufferPointer { mean in
                        rstd.withUnsafeMutableBufferPointer { rstd in
                            guard let xBase = x.baseAddress, let yBase = buffer.baseAddress, let wBase = w.baseAddress,
                                let bBase = b.baseAddress, let meanBase = mean.baseAddress,
                                let rstdBase = rstd.baseAddress
                            else { return }
                            LayerNormLoops.forward(
                                rows: rows, width: width, input: xBase, output: yBase, weight: wBase, bias: bBase,
                                eps: eps, mean: meanBase, rstd: rstdBase)
                        }
                    }
                }
            }
        }
        initialized = rows * width
    }
    return (Tensor(uncheckedShape: input.shape, storage: .float32(y)), mean, rstd)
}

/// The gradients of a layer normalization with respect to its input, weight and bias (each
/// only when `needs` asks for it), from the forward pass's per-row statistics.
func layerNormGradients(
    _ gradient: Tensor, input: Tensor, normalizedShape: [Int], mean: [Double], rstd: [Double], weight: Tensor?,
    needs: (input: Bool, weight: Bool, bias: Bool)
) throws(TensorError) -> (input: Tensor?, weight: Tensor?, bias: Tensor?) {
    let (rows, width) = try layerNormGeometry(input, normalizedShape, weight: weight, bias: nil)
    guard gradient.shape == input.shape, case .float32(let dy) = gradient.storage,
        case .float32(let x) = input.storage
    else {
        throw .shape("layer_norm backward: the gradient \(formatShape(gradient.shape)) does not match the input")
    }
    let w = try weight?.floats ?? [Float](repeating: 1, count: width)
    var dx = try ElementBuffer.repeating(Float(0), count: needs.input ? rows * width : 0, for: input.shape)
    var dw = [Double](repeating: 0, count: needs.weight ? width : 0)
    var db = [Double](repeating: 0, count: needs.bias ? width : 0)
    dy.withUnsafeBufferPointer { dy in
        x.withUnsafeBufferPointer { x in
            w.withUnsafeBufferPointer { w in
                mean.withUnsafeBufferPointer { mean in
                    rstd.withUnsafeBufferPointer { rstd in
                        guard let dyBase = dy.baseAddress, let xBase = x.baseAddress, let wBase = w.baseAddress,
                            let meanBase = mean.baseAddress, let rstdBase = rstd.baseAddress
                        else { return }
                        // An empty array's buffer may still have an address: ask `needs`.
                        dx.withUnsafeMutableBufferPointer { dx in
                            if needs.input, let dxBase = dx.baseAddress {
                                LayerNormLoops.inputGradient(
                                    rows: rows, width: width, gradient: dyBase, input: xBase, weight: wBase,
                                    mean: meanBase, rstd: rstdBase, into: dxBase)
                            }
                        }
                        dw.withUnsafeMutableBufferPointer { dw in
                            db.withUnsafeMutableBufferPointer { db in
                                guard needs.weight || needs.bias else { return }
                                LayerNormLoops.parameterGradients(
                                    rows: rows, width: width, gradient: dyBase, input: xBase, mean: meanBase,
                                    rstd: rstdBase, weight: needs.weight ? dw.baseAddress : nil,
                                    bias: needs.bias ? db.baseAddress : nil)
                            }
                        }
                    }
                }
            }
        }
    }
    let parameterShape = weight?.shape ?? normalizedShape
    return (
        needs.input ? Tensor(uncheckedShape: input.shape, storage: .float32(dx)) : nil,
        needs.weight
            ? Tensor(
                uncheckedShape: parameterShape,
                storage: .float32(try ElementBuffer.map(dw, for: parameterShape) { Float($0) })) : nil,
        needs.bias
            ? Tensor(
                uncheckedShape: normalizedShape,
                storage: .float32(try ElementBuffer.map(db, for: normalizedShape) { Float($0) })) : nil
    )
}

/// Checks a layer normalization's operands; returns the rows (samples) and their width (the
/// number of normalized values per sample).
private func layerNormGeometry(
    _ input: Tensor, _ normalizedShape: [Int], weight: Tensor?, bias: Tensor?
) throws(TensorError) -> (rows: Int, width: Int) {
    guard !normalizedShape.isEmpty, normalizedShape.allSatisfy({ $0 > 0 }) else {
        throw .value(
            "layer_norm: normalized_shape must be one or more positive sizes, got \(formatShape(normalizedShape))")
    }
    guard input.rank >= normalizedShape.count, Array(input.shape.suffix(normalizedShape.count)) == normalizedShape
    else {
        let expected = "[*, " + normalizedShape.map(String.init).joined(separator: ", ") + "]"
        throw .shape(
            "layer_norm: normalized_shape \(formatShape(normalizedShape)) expects an input of shape \(expected) "
                + "(the last \(normalizedShape.count) dimension\(normalizedShape.count == 1 ? "" : "s") normalized), "
                + "but got \(formatShape(input.shape))")
    }
    guard input.dtype == .float32 else {
        throw .type("layer_norm: input must be float32, got \(input.dtype); convert it with .float()")
    }
    let width = normalizedShape.reduce(1, *)
    for (name, tensor) in [("weight", weight), ("bias", bias)] {
        guard let tensor else { continue }
        guard tensor.count == width, tensor.dtype == .float32 else {
            throw .shape(
                "layer_norm: \(name) must be float32 of shape \(formatShape(normalizedShape)), got "
                    + "\(tensor.dtype) of shape \(formatShape(tensor.shape))")
        }
    }
    return (input.count / width, width)
}
