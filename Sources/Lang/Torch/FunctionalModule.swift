import Tensors

extension Interpreter {
    func makeFunctionalModule() -> Module {
        let functional = Module("torch.nn.functional")
        functional.define("conv2d") { interpreter, arguments throws(PyError) in
            let (values, input, weight, bias, groups) = try interpreter.convolutionArguments(arguments, "conv2d")
            let stride = try interpreter.pair(values[3], "stride", default: 1)
            let padding = try interpreter.padding2D(values[4])
            let dilation = try interpreter.pair(values[5], "dilation", default: 1)
            try interpreter.checkInterrupt()
            return interpreter.result(
                try engine { () throws(TensorError) in
                    try TrackedTensor.conv2d(
                        input: input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
                        groups: groups)
                })
        }
        functional.define("conv3d") { interpreter, arguments throws(PyError) in
            let (values, input, weight, bias, groups) = try interpreter.convolutionArguments(arguments, "conv3d")
            let stride = try interpreter.triple(values[3], "stride", default: 1)
            let dilation = try interpreter.triple(values[5], "dilation", default: 1)
            let padding: ConvPadding3D
            switch values[4] {
            case .str("valid")?: padding = .valid
            case .str("same")?: padding = .same
            default: padding = .explicit(try interpreter.triple(values[4], "padding", default: 0))
            }
            return interpreter.result(
                try engine { () throws(TensorError) in
                    try TrackedTensor.conv3d(
                        input: input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
                        groups: groups)
                })
        }
        functional.define("max_pool2d") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind(
                "max_pool2d", ["input", "kernel_size", "stride", "padding", "dilation", "ceil_mode"], required: 2)
            let input = try interpreter.trackedArgument(values[0] ?? .none, "max_pool2d(): input")
            let kernel = try interpreter.pair(values[1], "kernel_size", default: 1)
            let stride = try values[2].orNone.map { (value) throws(PyError) in
                try interpreter.pair(value, "stride", default: 1)
            }
            let padding = try interpreter.pair(values[3], "padding", default: 0)
            let dilation = try interpreter.pair(values[4], "dilation", default: 1)
            let ceil = try values[5].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? false
            return interpreter.result(
                try engine { () throws(TensorError) in
                    try input.maxPool2d(
                        kernelSize: kernel, stride: stride, padding: padding, dilation: dilation,
                        ceilMode: ceil)
                })
        }
        functional.define("avg_pool2d") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind(
                "avg_pool2d",
                ["input", "kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"],
                required: 2)
            let input = try interpreter.trackedArgument(values[0] ?? .none, "avg_pool2d(): input")
            let kernel = try interpreter.pair(values[1], "kernel_size", default: 1)
            let stride = try values[2].orNone.map { (value) throws(PyError) in
                try interpreter.pair(value, "stride", default: 1)
            }
            let padding = try interpreter.pair(values[3], "padding", default: 0)
            let ceil = try values[4].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? false
            let include = try values[5].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? true
            let divisor = try values[6].orNone.map { (value) throws(PyError) in
                try interpreter.intArgument(value, "divisor_override")
            }
            return interpreter.result(
                try engine { () throws(TensorError) in
                    try input.avgPool2d(
                        kernelSize: kernel, stride: stride, padding: padding, ceilMode: ceil,
                        countIncludePad: include, divisorOverride: divisor)
                })
        }
        for name in ["relu", "sigmoid", "tanh"] {
            functional.define(name) { interpreter, arguments throws(PyError) in
                let values = try arguments.bind(name, ["input", "inplace"], required: 1)
                let input = try interpreter.trackedArgument(values[0] ?? .none, "\(name)(): input")
                return try interpreter.activation(name, input)
            }
        }
        functional.define("pad") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("pad", ["input", "pad", "mode", "value"], required: 2)
            let input = try interpreter.trackedArgument(values[0] ?? .none, "pad(): input")
            let amounts = try interpreter.intList(values[1] ?? .none, "pad")
            if let mode = values[2].orNone, case .str(let text) = mode, text != "constant" {
                throw PyError(.notImplementedError, "pad(): only mode='constant' is supported here, not '\(text)'")
            }
            let fill = try values[3].orNone.map { (value) throws(PyError) in try interpreter.scalar(value) } ?? .int(0)
            return interpreter.result(try engine { () throws(TensorError) in try input.pad(amounts, value: fill) })
        }
        functional.define("linear") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("linear", ["input", "weight", "bias"], required: 2)
            let input = try interpreter.trackedArgument(values[0] ?? .none, "linear(): input")
            let weight = try interpreter.trackedArgument(values[1] ?? .none, "linear(): weight")
            let bias = try values[2].orNone.map { (value) throws(PyError) in
                try interpreter.trackedArgument(value, "bias")
            }
            return interpreter.result(try interpreter.linear(input, weight, bias))
        }
        functional.define("softmax") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("softmax", ["input", "dim"], required: 1)
            let input = try interpreter.trackedArgument(values[0] ?? .none, "softmax(): input")
            let dim =
                try values[1].orNone.map { (value) throws(PyError) in try interpreter.intArgument(value, "dim") } ?? -1
            return interpreter.result(try interpreter.softmax(input, dim: dim))
        }
        functional.define("log_softmax") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("log_softmax", ["input", "dim"], required: 1)
            let input = try interpreter.trackedArgument(values[0] ?? .none, "log_softmax(): input")
            let dim =
                try values[1].orNone.map { (value) throws(PyError) in try interpreter.intArgument(value, "dim") } ?? -1
            return interpreter.result(try interpreter.logSoftmax(input, dim: dim))
        }
        installLayerFunctions(in: functional)
        return functional
    }

    /// `input @ weight.T + bias`, the affine map of `nn.Linear`.
    func linear(_ input: TrackedTensor, _ weight: TrackedTensor, _ bias: TrackedTensor?) throws(PyError)
        -> TrackedTensor
    {
        try engine { () throws(TensorError) in try TrackedTensor.linear(input, weight: weight, bias: bias) }
    }

    /// Softmax written over engine operations (the engine has no fused kernel for it); the
    /// maximum is subtracted as a constant, which changes nothing in value or gradient.
    func softmax(_ input: TrackedTensor, dim: Int) throws(PyError) -> TrackedTensor {
        try engine { () throws(TensorError) in
            let peak = TrackedTensor(try input.tensor.max(dim: dim, keepdim: true).values)
            let exponentials = try TrackedTensor.binary(.sub, input, peak).apply(.exp)
            return try TrackedTensor.binary(.div, exponentials, try exponentials.sum(dims: [dim], keepdim: true))
        }
    }

    /// `log_softmax(x) = (x − max) − log Σ exp(x − max)`.
    func logSoftmax(_ input: TrackedTensor, dim: Int) throws(PyError) -> TrackedTensor {
        try engine { () throws(TensorError) in
            let peak = TrackedTensor(try input.tensor.max(dim: dim, keepdim: true).values)
            let shifted = try TrackedTensor.binary(.sub, input, peak)
            let total = try shifted.apply(.exp).sum(dims: [dim], keepdim: true).apply(.log)
            return try TrackedTensor.binary(.sub, shifted, total)
        }
    }

    /// `relu`, `sigmoid` or `tanh` of a tracked tensor.
    func activation(_ name: String, _ input: TrackedTensor) throws(PyError) -> Value {
        switch name {
        case "relu": return result(try engine { () throws(TensorError) in try input.relu() })
        case "sigmoid": return result(try engine { () throws(TensorError) in try input.apply(.sigmoid) })
        default: return result(try engine { () throws(TensorError) in try input.apply(.tanh) })
        }
    }

    /// A `(height, width)` pair from an int or a 2-sequence.
    func pair(_ value: Value?, _ what: String, default fallback: Int) throws(PyError) -> ConvPair {
        guard let value = value.orNone else { return ConvPair(fallback) }
        let numbers = try intList(value, what)
        switch numbers.count {
        case 1: return ConvPair(numbers[0])
        case 2: return ConvPair(numbers[0], numbers[1])
        default: throw PyError.value("\(what) must be an int or a pair of ints, got \(numbers.count) values")
        }
    }

    /// A `(depth, height, width)` triple from an int or a 3-sequence.
    func triple(_ value: Value?, _ what: String, default fallback: Int) throws(PyError) -> ConvTriple {
        guard let value = value.orNone else { return ConvTriple(fallback) }
        let numbers = try intList(value, what)
        switch numbers.count {
        case 1: return ConvTriple(numbers[0])
        case 3: return ConvTriple(numbers[0], numbers[1], numbers[2])
        default: throw PyError.value("\(what) must be an int or a triple of ints, got \(numbers.count) values")
        }
    }

    /// `padding=1`, `padding=(1, 2)`, `padding='same'` or `'valid'`.
    func padding2D(_ value: Value?) throws(PyError) -> ConvPadding2D {
        switch value {
        case .str("valid")?: return .valid
        case .str("same")?: return .same
        case .str(let other)?:
            throw PyError.value("Invalid padding string '\(other)', should be one of {'valid', 'same'}")
        default: return .explicit(try pair(value, "padding", default: 0))
        }
    }

    /// What `F.conv2d` and `F.conv3d` take alike: the bound arguments (`input, weight, bias, stride, padding,
    /// dilation, groups`), the input, the weight, the optional bias and `groups`.
    fileprivate func convolutionArguments(_ arguments: Arguments, _ op: String) throws(PyError) -> (
        values: [Value?], input: TrackedTensor, weight: TrackedTensor, bias: TrackedTensor?, groups: Int
    ) {
        let values = try arguments.bind(
            op, ["input", "weight", "bias", "stride", "padding", "dilation", "groups"], required: 2)
        let input = try trackedArgument(values[0] ?? .none, "\(op)(): input")
        let weight = try trackedArgument(values[1] ?? .none, "\(op)(): weight")
        let bias = try values[2].orNone.map { (value) throws(PyError) in try trackedArgument(value, "bias") }
        let groups = try values[6].map { (value) throws(PyError) in try intArgument(value, "groups") } ?? 1
        return (values, input, weight, bias, groups)
    }
}
