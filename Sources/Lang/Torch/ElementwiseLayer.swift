import Foundation
import Tensors

/// Parameter-free layers: activations and `Identity`.
final class ElementwiseLayer: Layer {
    let name: String
    let detail: String
    init(name: String, detail: String = "") {
        self.name = name
        self.detail = detail
    }
    override var typeName: String { name }
    override func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        switch name {
        case "ReLU", "Sigmoid", "Tanh": try interpreter.activation(name.lowercased(), input)
        default: interpreter.result(input)
        }
    }
    override func extraRepr() -> String { detail }
}
