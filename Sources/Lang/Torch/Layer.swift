import Foundation
import Tensors

/// A `torch.nn` layer: callable on a tensor (forward only), with parameters as attributes.
class Layer: PyObject, LayerObject, CallableObject {
    /// Parameters by name (`weight`, `bias`), boxed so `layer.weight.data[:] = …` updates them.
    var parameters: [(name: String, box: TensorBox?)] = []
    /// `layer.training`, switched by `train()` and `eval()`.
    var training = true

    override var typeName: String { "Module" }

    /// Applies the layer (recording the operation when the input or a parameter requires grad).
    func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        interpreter.result(input)
    }

    /// The text inside the parentheses of the repr.
    func extraRepr() -> String { "" }

    override func call(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value? {
        try arguments.expectPositional("forward", 1)
        let input = try interpreter.trackedArgument(arguments.positional[0], "\(typeName).forward(): input")
        try interpreter.checkInterrupt()
        return try forward(interpreter, input)
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        if let parameter = parameters.first(where: { $0.name == name }) {
            return parameter.box.map { .tensor($0) } ?? Value.none
        }
        switch name {
        case "__class__":
            return interpreter.layerType(of: self).map { .object($0) }
                ?? .type(interpreter.typeObject(of: .object(self)))
        case "forward", "__call__":
            return .builtin(
                BuiltinFunction(name) { [self] interpreter, arguments throws(PyError) in
                    try call(interpreter, arguments) ?? .none
                })
        default:
            return try interpreter.inheritedModuleAttribute(self, name)
        }
    }

    override func setAttribute(_ name: String, _ value: Value) throws(PyError) -> Bool {
        if name == "training", case .bool(let flag) = value {
            training = flag
            return true
        }
        guard let index = parameters.firstIndex(where: { $0.name == name }) else { return false }
        switch value {
        case .tensor(let box): parameters[index].box = box
        case .none: parameters[index].box = nil
        default:
            throw PyError.type(
                "cannot assign '\(Lang.typeName(of: value))' as parameter '\(name)' (torch.Tensor or None expected)")
        }
        return true
    }

    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        "\(typeName)(\(extraRepr()))"
    }

    /// Uniform values in `(-bound, bound)` with `bound = 1/sqrt(fan_in)`, as PyTorch's default
    /// (Kaiming-uniform with `a = sqrt(5)`) initialises weights and biases.
    static func initialised(
        _ shape: [Int], fanIn: Int, _ interpreter: Interpreter
    ) throws(PyError) -> TensorBox {
        let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
        let box = TensorBox(
            try engine { () throws(TensorError) in
                try Tensor.uniform(low: -bound, high: bound, shape, using: &interpreter.random)
            })
        // Layer weights are `nn.Parameter`s: they require grad, as in PyTorch.
        box.requiresGrad = true
        box.isParameter = true
        return box
    }
}
