import Foundation
import Tensors

/// `nn.Linear` and `nn.LazyLinear`.
final class LinearLayer: Layer {
    var inFeatures: Int?
    let outFeatures: Int
    let hasBias: Bool
    let isLazy: Bool

    init(inFeatures: Int?, outFeatures: Int, hasBias: Bool, interpreter: Interpreter) throws(PyError) {
        guard outFeatures > 0 else { throw PyError.value("Linear: out_features must be positive") }
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.hasBias = hasBias
        self.isLazy = inFeatures == nil
        super.init()
        parameters = [("weight", nil), ("bias", nil)]
        if let inFeatures { try materialize(inFeatures, interpreter) }
    }

    private func materialize(_ inFeatures: Int, _ interpreter: Interpreter) throws(PyError) {
        self.inFeatures = inFeatures
        let weight = try Layer.initialised([outFeatures, inFeatures], fanIn: inFeatures, interpreter)
        let bias = hasBias ? try Layer.initialised([outFeatures], fanIn: inFeatures, interpreter) : nil
        parameters = [("weight", weight), ("bias", bias)]
    }

    override var typeName: String { isLazy && inFeatures == nil ? "LazyLinear" : "Linear" }

    override func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        if inFeatures == nil {
            guard let last = input.shape.last else {
                throw PyError.runtime("LazyLinear: the input must have at least one dimension")
            }
            // An image batch (N, c, h, w) reaching a lazy linear layer is a forgotten nn.Flatten():
            // PyTorch would quietly learn in_features = w and fail later, far from the cause.
            guard input.shape.count < 4 else {
                throw PyError.runtime(
                    "LazyLinear(\(outFeatures)) got an input of shape \(Layer.shapeTuple(input.shape)): "
                        + "flatten it first (nn.Flatten())?")
            }
            try materialize(last, interpreter)
        }
        if let inFeatures, input.shape.last != inFeatures {
            let flat = input.shape.count >= 3 && input.shape.dropFirst().reduce(1, *) == inFeatures
            throw PyError.runtime(
                "\(typeName)(in_features=\(inFeatures), out_features=\(outFeatures)) expects \(inFeatures) features "
                    + "in the last dimension but the input has shape \(Layer.shapeTuple(input.shape))"
                    + (flat ? ": flatten it first (nn.Flatten())?" : ""))
        }
        guard let weightBox = parameters[0].box else { throw PyError.runtime("Linear: weight is None") }
        let bias = parameters[1].box.map { interpreter.tracked($0) }
        return interpreter.result(try interpreter.linear(input, interpreter.tracked(weightBox), bias))
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "in_features": .int(inFeatures ?? 0)
        case "out_features": .int(outFeatures)
        default: try super.attribute(name, interpreter)
        }
    }

    override func extraRepr() -> String {
        "in_features=\(inFeatures ?? 0), out_features=\(outFeatures), bias=\(hasBias ? "True" : "False")"
    }
}
