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
        let logProbabilities = try logSoftmax(input, dim: -1)
        return try engine { () throws(TensorError) in
            if target.tensor.dtype == .float32 {
                guard target.shape == input.shape else {
                    throw TensorError.shape(
                        "cross_entropy: class probabilities \(formatShape(target.shape)) must have the input's shape \(formatShape(input.shape))"
                    )
                }
                let picked = try TrackedTensor.binary(.mul, logProbabilities, target).sum(dims: [-1])
                return try reduction.apply(try picked.neg())
            }
            let classes = input.shape[input.tensor.rank - 1]
            let labels = target.tensor.long()
            for label in labels.floats where label < 0 || Int(label) >= classes {
                throw TensorError.index("Target \(Int(label)) is out of bounds (the input has \(classes) classes).")
            }
            let picked: TrackedTensor
            if input.tensor.rank == 1 {
                guard labels.count == 1 else {
                    throw TensorError.shape("cross_entropy: a 1-D input takes one class index")
                }
                picked = try logProbabilities.getItem([.tensor(try labels.reshape([]))])
            } else {
                let rows = input.shape[0]
                guard labels.shape == [rows] else {
                    throw TensorError.shape(
                        "cross_entropy: expected \(rows) class indices (one per row of the input), got \(formatShape(labels.shape))"
                    )
                }
                let positions = try Tensor.arange(.int(Int64(rows)))
                picked = try logProbabilities.getItem([.tensor(positions), .tensor(labels)])
            }
            return try reduction.apply(try picked.neg())
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
