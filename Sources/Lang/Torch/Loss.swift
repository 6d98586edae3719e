import Tensors

/// How a loss combines its per-element values: PyTorch's `reduction='mean' | 'sum' | 'none'`.
enum LossReduction: String {
    case mean
    case sum
    case none

    init(_ value: Value?) throws(PyError) {
        guard let value = value.orNone else {
            self = .mean
            return
        }
        guard case .str(let text) = value, let reduction = LossReduction(rawValue: text) else {
            throw PyError.value("reduction must be 'mean', 'sum' or 'none'")
        }
        self = reduction
    }

    func apply(_ losses: TrackedTensor) throws(TensorError) -> TrackedTensor {
        switch self {
        case .mean: try losses.mean()
        case .sum: try losses.sum()
        case .none: losses
        }
    }
}

extension Interpreter {
    /// Adds `mse_loss` and `cross_entropy` to `torch.nn.functional`.
    func installLosses(in functional: Module) {
        functional.define("mse_loss") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind(
                "mse_loss", ["input", "target", "size_average", "reduce", "reduction"], required: 2)
            let input = try interpreter.trackedArgument(values[0] ?? .none, "mse_loss(): input")
            let target = try interpreter.trackedArgument(values[1] ?? .none, "mse_loss(): target")
            return interpreter.result(try interpreter.mseLoss(input, target, try LossReduction(values[4])))
        }
        functional.define("cross_entropy") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind(
                "cross_entropy", ["input", "target", "weight", "size_average", "ignore_index", "reduce", "reduction"],
                required: 2)
            let input = try interpreter.trackedArgument(values[0] ?? .none, "cross_entropy(): input")
            let target = try interpreter.trackedArgument(values[1] ?? .none, "cross_entropy(): target")
            return interpreter.result(try interpreter.crossEntropy(input, target, try LossReduction(values[6])))
        }
    }

    /// `(input − target)²`, reduced.
    func mseLoss(_ input: TrackedTensor, _ target: TrackedTensor, _ reduction: LossReduction) throws(PyError)
        -> TrackedTensor
    {
        guard input.shape == target.shape || reduction == .none else {
            throw PyError.runtime(
                "mse_loss: the input \(formatShape(input.shape)) and target \(formatShape(target.shape)) must have the same shape"
            )
        }
        return try engine { () throws(TensorError) in
            let difference = try TrackedTensor.binary(.sub, input, target)
            return try reduction.apply(try TrackedTensor.binary(.mul, difference, difference))
        }
    }

    /// Cross-entropy of logits `(N, C)` (or `(C)`) against class indices `(N)` or class
    /// probabilities of the input's shape: `−log softmax(input)[target]`, reduced.
    func crossEntropy(
        _ input: TrackedTensor, _ target: TrackedTensor, _ reduction: LossReduction
    ) throws(PyError) -> TrackedTensor {
        guard input.tensor.rank == 1 || input.tensor.rank == 2 else {
            throw PyError.runtime(
                "cross_entropy: expected logits of shape (N, C) or (C), got \(formatShape(input.shape))")
        }
        try checkCrossEntropyTarget(input.shape, target.shape, target.tensor.dtype)
        let logProbabilities = try logSoftmax(input, dim: -1)
        return try engine { () throws(TensorError) in
            if target.tensor.dtype == .float32 {
                let picked = try TrackedTensor.binary(.mul, logProbabilities, target).sum(dims: [-1])
                return try reduction.apply(try picked.neg())
            }
            let classes = input.shape[input.tensor.rank - 1]
            let labels = try target.tensor.long()
            for label in try labels.floats where label < 0 || Int(label) >= classes {
                throw TensorError.index(
                    "Target \(Int(label)) is out of bounds: the input of shape \(formatShape(input.shape)) has "
                        + "\(classes) classes (0 to \(classes - 1)); the model's last layer must give one value per class."
                )
            }
            let picked: TrackedTensor
            if input.tensor.rank == 1 {
                picked = try logProbabilities.getItem([.tensor(try labels.reshape([]))])
            } else {
                let positions = try Tensor.arange(.int(Int64(input.shape[0])))
                picked = try logProbabilities.getItem([.tensor(positions), .tensor(labels)])
            }
            return try reduction.apply(try picked.neg())
        }
    }
}

extension Interpreter {
    /// The target checks of `cross_entropy`, with PyTorch's wording first and both shapes after it: class
    /// indices are integers (`torch.long`) with one per row of the input, class probabilities are floats of
    /// the input's shape.
    func checkCrossEntropyTarget(_ input: [Int], _ target: [Int], _ dtype: DType) throws(PyError) {
        let shapes = "(input \(formatShape(input)), target \(formatShape(target)))"
        switch dtype {
        case .float32:
            // Probabilities (PyTorch 2 accepts them when the shapes agree); anything else is a label
            // tensor stored as floats.
            guard target != input else { return }
            if target.count == input.count - 1 || target.count == 0 {
                throw PyError.runtime(
                    "expected target dtype to be Long or Byte, but got Float \(shapes): class indices must be "
                        + "integers (y.long()); float targets are class probabilities of the input's shape")
            }
            throw PyError.runtime(
                "0D or 1D target tensor expected, multi-target not supported \(shapes): float targets are class "
                    + "probabilities and need the input's shape")
        case .bool:
            throw PyError.runtime(
                "expected target dtype to be Long or Byte, but got Bool \(shapes): class indices must be integers")
        case .int32:
            throw PyError.runtime(
                "expected target dtype to be Long or Byte, but got Int \(shapes): class indices must be int64 "
                    + "(y.long())")
        case .int64:
            guard target.count <= 1 else {
                throw PyError.runtime(
                    "0D or 1D target tensor expected, multi-target not supported \(shapes): give one class index "
                        + "per row of the input (y.reshape(-1) flattens a column of labels)")
            }
            if input.count == 1 {
                guard target.count == 0 || target[0] == 1 else {
                    throw PyError.value(
                        "For 1D input, 1D target must have size 1, but got target size: \(target[0]) \(shapes)")
                }
                return
            }
            let count = target.first ?? 0
            guard count == input[0] else {
                throw PyError.value(
                    "Expected input batch_size (\(input[0])) to match target batch_size (\(count)) \(shapes): "
                        + "one class index per row of the input")
            }
        }
    }
}

/// `nn.MSELoss` and `nn.CrossEntropyLoss`: callable with `(input, target)`.
final class LossLayer: Layer {
    enum Kind: String {
        case mse = "MSELoss"
        case crossEntropy = "CrossEntropyLoss"
    }
    let kind: Kind
    let reduction: LossReduction

    init(kind: Kind, reduction: LossReduction) {
        self.kind = kind
        self.reduction = reduction
    }

    override var typeName: String { kind.rawValue }

    override func call(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value? {
        try arguments.expectPositional("forward", 2)
        let input = try interpreter.trackedArgument(arguments.positional[0], "\(typeName).forward(): input")
        let target = try interpreter.trackedArgument(arguments.positional[1], "\(typeName).forward(): target")
        switch kind {
        case .mse: return interpreter.result(try interpreter.mseLoss(input, target, reduction))
        case .crossEntropy: return interpreter.result(try interpreter.crossEntropy(input, target, reduction))
        }
    }

    override func extraRepr() -> String { "" }
}
