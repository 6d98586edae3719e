import Tensors

/// `nn.BatchNorm1d`, `nn.BatchNorm2d` and their lazy forms (`nn.LazyBatchNorm1d/2d`, which learn
/// `num_features` from dimension 1 of their first input).
///
/// In training mode each channel is normalized with the batch's mean and biased variance, and the
/// running averages (`running_mean`, `running_var`, with the unbiased variance) move by
/// `momentum` (or to the cumulative average when `momentum=None`); in evaluation mode the running
/// averages normalize. `weight` and `bias` are parameters, the running statistics and
/// `num_batches_tracked` (int64) buffers, as in PyTorch.
final class BatchNormLayer: Layer {
    /// 1 for `BatchNorm1d` (inputs `(N, C)` or `(N, C, L)`), 2 for `BatchNorm2d` (`(N, C, h, w)`).
    let dimensions: Int
    private(set) var numFeatures: Int?
    var eps: Double
    var momentum: Double?
    let affine: Bool
    let hasBias: Bool
    let trackRunningStats: Bool
    let isLazy: Bool
    var runningMean: TensorBox?
    var runningVar: TensorBox?
    var numBatchesTracked: TensorBox?

    init(
        dimensions: Int, numFeatures: Int?, eps: Double, momentum: Double?, affine: Bool, bias: Bool,
        trackRunningStats: Bool
    ) throws(PyError) {
        self.dimensions = dimensions
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.hasBias = affine && bias
        self.trackRunningStats = trackRunningStats
        self.isLazy = numFeatures == nil
        super.init()
        parameters = [("weight", nil), ("bias", nil)]
        // A real buffer from the start, even in a lazy layer (as in PyTorch).
        if trackRunningStats { numBatchesTracked = TensorBox(Tensor.scalar(.int(0))) }
        if let numFeatures { try materialize(numFeatures) }
    }

    private var baseName: String { "BatchNorm\(dimensions)d" }

    override var typeName: String { isLazy && numFeatures == nil ? "Lazy" + baseName : baseName }

    /// The layer as messages name it: `BatchNorm2d(6)`.
    private var shortName: String { "\(baseName)(\(numFeatures ?? 0))" }

    private func materialize(_ features: Int) throws(PyError) {
        guard features > 0 else {
            throw PyError.value("\(baseName): num_features must be positive, got \(features)")
        }
        numFeatures = features
        let (ones, zeros) = try engine { () throws(TensorError) in
            (try Tensor.ones([features]), try Tensor.zeros([features]))
        }
        parameters = [
            ("weight", affine ? Layer.parameter(ones) : nil),
            ("bias", hasBias ? Layer.parameter(zeros) : nil),
        ]
        if trackRunningStats {
            runningMean = TensorBox(zeros)
            runningVar = TensorBox(ones)
        }
    }

    override func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        try checkRank(input.shape)
        let features = input.shape[1]
        if numFeatures == nil { try materialize(features) }
        guard features == numFeatures else {
            let what = dimensions == 2 ? "channels (c_i)" : "features (dimension 1)"
            throw PyError.runtime(
                "\(shortName) expects \(numFeatures ?? 0) \(what) but the input has \(features): "
                    + "the layer before it must give \(numFeatures ?? 0)")
        }
        var factor = momentum ?? 0
        if training, let counter = numBatchesTracked {
            let count = (counter.tensor.scalarInt ?? 0) + 1
            Layer.update(counter, to: Tensor.scalar(.int(Int64(count))))
            if momentum == nil { factor = 1 / Double(count) }
        }
        let weight = parameters[0].box.map { interpreter.tracked($0) }
        let bias = parameters[1].box.map { interpreter.tracked($0) }
        guard let runningMean, let runningVar else {
            return try interpreter.normalizeWithBatchStatistics(
                input, weight: weight, bias: bias, eps: eps, training: training, layer: shortName)
        }
        return try interpreter.batchNorm(
            input, weight: weight, bias: bias, eps: eps, runningMean: runningMean, runningVar: runningVar,
            training: training, momentum: factor, layer: shortName)
    }

    /// PyTorch's `_check_input_dim`, with the shape the layer wants spelled out.
    private func checkRank(_ shape: [Int]) throws(PyError) {
        if dimensions == 1 {
            guard shape.count == 2 || shape.count == 3 else {
                let hint =
                    shape.count == 4
                    ? ": for (N, c_i, h, w) images use nn.BatchNorm2d, or flatten first (nn.Flatten())" : ""
                throw PyError.value(
                    "\(shortName) expects a 2-D (N, features) or 3-D (N, c_i, L) input but got shape "
                        + "\(Layer.shapeTuple(shape)) (expected 2D or 3D input, got \(shape.count)D input)\(hint)")
            }
        } else {
            guard shape.count == 4 else {
                let hint =
                    shape.count == 3
                    ? ": a single image needs its batch dimension (X.unsqueeze(0))"
                    : shape.count == 2 ? ": for (N, features) inputs use nn.BatchNorm1d" : ""
                throw PyError.value(
                    "\(shortName) expects a 4-D input (N, c_i, h, w) but got shape \(Layer.shapeTuple(shape)) "
                        + "(expected 4D input, got \(shape.count)D input)\(hint)")
            }
        }
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "num_features": return .int(numFeatures ?? 0)
        case "eps": return .float(eps)
        case "momentum": return momentum.map { .float($0) } ?? Value.none
        case "affine": return .bool(affine)
        case "track_running_stats": return .bool(trackRunningStats)
        case "running_mean": return runningMean.map { .tensor($0) } ?? Value.none
        case "running_var": return runningVar.map { .tensor($0) } ?? Value.none
        case "num_batches_tracked": return numBatchesTracked.map { .tensor($0) } ?? Value.none
        case "reset_running_stats":
            return .builtin(
                BuiltinFunction(name) { [self] _, _ throws(PyError) in
                    try resetRunningStats()
                    return .none
                })
        default: return try super.attribute(name, interpreter)
        }
    }

    override func setAttribute(_ name: String, _ value: Value) throws(PyError) -> Bool {
        switch (name, value) {
        case ("eps", .float(let number)): eps = number
        case ("eps", .int(let number)): eps = Double(number)
        case ("momentum", .float(let number)): momentum = number
        case ("momentum", .int(let number)): momentum = Double(number)
        case ("momentum", .none): momentum = nil
        case ("running_mean", .tensor(let box)): runningMean = box
        case ("running_mean", .none): runningMean = nil
        case ("running_var", .tensor(let box)): runningVar = box
        case ("running_var", .none): runningVar = nil
        case ("num_batches_tracked", .tensor(let box)): numBatchesTracked = box
        case ("num_batches_tracked", .none): numBatchesTracked = nil
        default: return try super.setAttribute(name, value)
        }
        return true
    }

    /// `reset_running_stats()`: running mean 0, variance 1, no batches tracked.
    private func resetRunningStats() throws(PyError) {
        guard let numFeatures else { return }
        let (ones, zeros) = try engine { () throws(TensorError) in
            (try Tensor.ones([numFeatures]), try Tensor.zeros([numFeatures]))
        }
        if let runningMean { Layer.update(runningMean, to: zeros) }
        if let runningVar { Layer.update(runningVar, to: ones) }
        if let numBatchesTracked { Layer.update(numBatchesTracked, to: Tensor.scalar(.int(0))) }
    }

    override func extraRepr() -> String {
        "\(numFeatures ?? 0), eps=\(pythonFloatRepr(eps)), momentum=\(momentum.map(pythonFloatRepr) ?? "None"), "
            + "affine=\(pythonBool(affine)), bias=\(pythonBool(hasBias)), "
            + "track_running_stats=\(pythonBool(trackRunningStats))"
    }
}

extension Interpreter {
    /// Batch normalization with the batch's own statistics and no running averages to update
    /// (`track_running_stats=False`, or `F.batch_norm(…, training=True)` without them).
    func normalizeWithBatchStatistics(
        _ input: TrackedTensor, weight: TrackedTensor?, bias: TrackedTensor?, eps: Double, training: Bool,
        layer: String
    ) throws(PyError) -> Value {
        if training { try Interpreter.checkValuesPerChannel(input.shape, layer: layer) }
        return result(
            try engine { () throws(TensorError) in
                try TrackedTensor.batchNorm(input, weight: weight, bias: bias, eps: eps).output
            })
    }

    /// PyTorch's `_verify_batch_size`: training statistics need more than one value per channel.
    static func checkValuesPerChannel(_ shape: [Int], layer: String) throws(PyError) {
        let values = shape.count >= 2 ? shape[0] * shape.dropFirst(2).reduce(1, *) : 0
        guard values > 1 else {
            throw PyError.value(
                "\(layer): Expected more than 1 value per channel when training, got input size "
                    + "torch.Size([\(shape.map(String.init).joined(separator: ", "))]) (a batch of one sample has no "
                    + "variance: use at least 2 samples, or call .eval() to use the running statistics)")
        }
    }
}

/// `True` or `False`, as Python prints a bool.
func pythonBool(_ flag: Bool) -> String { flag ? "True" : "False" }
