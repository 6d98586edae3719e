import Foundation
import Tensors

extension Interpreter {
    /// `torch.nn.init`: in-place initialisers that, like PyTorch's, run without recording.
    func makeInitModule() -> Module {
        let initModule = Module("torch.nn.init")
        initModule.define("zeros_") { interpreter, arguments throws(PyError) in
            try interpreter.initialise(arguments, "zeros_", []) { tensor, _, _ throws(PyError) in
                try engine { () throws(TensorError) in try tensor.zero() }
            }
        }
        initModule.define("ones_") { interpreter, arguments throws(PyError) in
            try interpreter.initialise(arguments, "ones_", []) { tensor, _, _ throws(PyError) in
                try engine { () throws(TensorError) in try tensor.fill(.int(1)) }
            }
        }
        initModule.define("constant_") { interpreter, arguments throws(PyError) in
            try interpreter.initialise(arguments, "constant_", ["val"]) { tensor, values, interpreter throws(PyError) in
                let value = try interpreter.scalar(values[0] ?? .none, "val")
                try engine { () throws(TensorError) in try tensor.fill(value) }
            }
        }
        // uniform_(a=0, b=1) and normal_(mean=0, std=1): the distribution's two parameters, then one draw.
        for (name, parameters) in [("uniform_", ["a", "b"]), ("normal_", ["mean", "std"])] {
            initModule.define(name) { interpreter, arguments throws(PyError) in
                try interpreter.initialise(arguments, name, parameters) { tensor, values, interpreter throws(PyError) in
                    let first = try interpreter.real(values[0], parameters[0], default: 0)
                    let second = try interpreter.real(values[1], parameters[1], default: 1)
                    tensor =
                        name == "uniform_"
                        ? try interpreter.uniform(first, second, tensor.shape)
                        : try interpreter.normal(first, second, tensor.shape)
                }
            }
        }
        for name in ["xavier_uniform_", "xavier_normal_"] {
            initModule.define(name) { interpreter, arguments throws(PyError) in
                try interpreter.initialise(arguments, name, ["gain"]) { tensor, values, interpreter throws(PyError) in
                    let gain = try interpreter.real(values[0], "gain", default: 1)
                    let (fanIn, fanOut) = try Interpreter.fans(tensor.shape)
                    let std = gain * (2 / Double(fanIn + fanOut)).squareRoot()
                    tensor =
                        name == "xavier_uniform_"
                        ? try interpreter.uniform(-std * 3.0.squareRoot(), std * 3.0.squareRoot(), tensor.shape)
                        : try interpreter.normal(0, std, tensor.shape)
                }
            }
        }
        for name in ["kaiming_uniform_", "kaiming_normal_"] {
            initModule.define(name) { interpreter, arguments throws(PyError) in
                try interpreter.initialise(arguments, name, ["a", "mode", "nonlinearity"]) {
                    tensor, values, interpreter throws(PyError) in
                    let a = try interpreter.real(values[0], "a", default: 0)
                    let (fanIn, fanOut) = try Interpreter.fans(tensor.shape)
                    var fan = fanIn
                    if case .str(let mode)? = values[1].orNone {
                        guard mode == "fan_in" || mode == "fan_out" else {
                            throw PyError.value("Mode \(mode) not supported, please use one of fan_in, fan_out")
                        }
                        if mode == "fan_out" { fan = fanOut }
                    }
                    var nonlinearity = "leaky_relu"
                    if case .str(let text)? = values[2].orNone { nonlinearity = text }
                    let gain = try Interpreter.gain(nonlinearity, a)
                    let std = gain / Double(max(fan, 1)).squareRoot()
                    tensor =
                        name == "kaiming_uniform_"
                        ? try interpreter.uniform(-std * 3.0.squareRoot(), std * 3.0.squareRoot(), tensor.shape)
                        : try interpreter.normal(0, std, tensor.shape)
                }
            }
        }
        initModule.define("calculate_gain") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("calculate_gain", ["nonlinearity", "param"], required: 1)
            guard case .str(let name)? = values[0] else {
                throw PyError.type("calculate_gain: nonlinearity must be a str")
            }
            let parameter = try values[1].orNone.map { (value) throws(PyError) in
                try interpreter.floatArgument(value, "param")
            }
            return .float(try Interpreter.gain(name, parameter ?? (name == "leaky_relu" ? 0.01 : 0)))
        }
        return initModule
    }

    /// Runs an initialiser on the tensor given first, in place, without recording.
    private func initialise(
        _ arguments: Arguments, _ name: String, _ names: [String],
        _ body: (inout Tensor, [Value?], Interpreter) throws(PyError) -> Void
    ) throws(PyError) -> Value {
        let values = try arguments.bind(name, ["tensor"] + names, required: 1)
        guard case .tensor(let box)? = values[0] else { throw PyError.type("\(name)(): tensor must be a Tensor") }
        guard box.tensor.dtype == .float32 else { throw PyError.type("\(name)(): the tensor must be floating point") }
        var tensor = box.tensor
        try body(&tensor, Array(values.dropFirst()), self)
        box.noteInPlaceChange()
        box.tensor = tensor
        return .tensor(box)
    }

    private func uniform(_ low: Double, _ high: Double, _ shape: [Int]) throws(PyError) -> Tensor {
        try engine { () throws(TensorError) in try Tensor.uniform(low: low, high: high, shape, using: &random) }
    }

    private func normal(_ mean: Double, _ std: Double, _ shape: [Int]) throws(PyError) -> Tensor {
        try engine { () throws(TensorError) in try Tensor.normal(mean: mean, std: std, shape, using: &random) }
    }

    /// PyTorch's `_calculate_fan_in_and_fan_out`.
    static func fans(_ shape: [Int]) throws(PyError) -> (Int, Int) {
        guard shape.count >= 2 else {
            throw PyError.value("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
        }
        let receptive = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptive, shape[0] * receptive)
    }

    /// PyTorch's `calculate_gain`.
    static func gain(_ nonlinearity: String, _ parameter: Double) throws(PyError) -> Double {
        switch nonlinearity {
        case "linear", "conv1d", "conv2d", "conv3d", "sigmoid", "conv_transpose2d": return 1
        case "tanh": return 5.0 / 3
        case "relu": return 2.0.squareRoot()
        case "leaky_relu": return (2 / (1 + parameter * parameter)).squareRoot()
        case "selu": return 3.0 / 4
        default: throw PyError.value("Unsupported nonlinearity \(nonlinearity)")
        }
    }
}
