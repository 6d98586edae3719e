import Foundation
import Tensors

/// `nn.Flatten(start_dim=1, end_dim=-1)`.
final class FlattenLayer: Layer {
    let startDim: Int
    let endDim: Int
    init(startDim: Int, endDim: Int) {
        self.startDim = startDim
        self.endDim = endDim
    }
    override var typeName: String { "Flatten" }
    override func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        let flat = try engine { () throws(TensorError) in try input.tensor.flatten(startDim: startDim, endDim: endDim) }
        return interpreter.result(input.reshaped("ViewBackward0", flat))
    }
    override func extraRepr() -> String { "start_dim=\(startDim), end_dim=\(endDim)" }
}
