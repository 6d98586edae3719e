import Tensors

extension Interpreter {
    func makeNNModule() -> Module {
        let nn = Module("torch.nn")
        nn.define("Conv2d") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind(
                "Conv2d",
                [
                    "in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups", "bias",
                    "padding_mode",
                ], required: 3)
            return .object(
                try interpreter.makeConv2d(
                    inChannels: try interpreter.intArgument(values[0] ?? .none, "in_channels"), Array(values[1...])))
        }
        nn.define("LazyConv2d") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind(
                "LazyConv2d",
                ["out_channels", "kernel_size", "stride", "padding", "dilation", "groups", "bias", "padding_mode"],
                required: 2)
            return .object(try interpreter.makeConv2d(inChannels: nil, values))
        }
        nn.define("MaxPool2d") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("MaxPool2d", ["kernel_size", "stride", "padding"], required: 1)
            let kernel = try interpreter.pair(values[0], "kernel_size", default: 1)
            let stride = try values[1].orNone.map { (value) throws(PyError) in
                try interpreter.pair(value, "stride", default: 1)
            }
            let padding = try interpreter.pair(values[2], "padding", default: 0)
            return .object(Pool2dLayer(kernel: kernel, stride: stride, padding: padding))
        }
        for name in ["ReLU", "Sigmoid", "Tanh", "Identity"] {
            nn.define(name) { _, _ in .object(ElementwiseLayer(name: name)) }
        }
        nn.define("Flatten") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("Flatten", ["start_dim", "end_dim"])
            let start =
                try values[0].map { (value) throws(PyError) in try interpreter.intArgument(value, "start_dim") } ?? 1
            let end =
                try values[1].map { (value) throws(PyError) in try interpreter.intArgument(value, "end_dim") } ?? -1
            return .object(FlattenLayer(startDim: start, endDim: end))
        }
        nn.define("Linear") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("Linear", ["in_features", "out_features", "bias"], required: 2)
            let inFeatures = try interpreter.intArgument(values[0] ?? .none, "in_features")
            let outFeatures = try interpreter.intArgument(values[1] ?? .none, "out_features")
            let bias = try values[2].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? true
            return .object(
                try LinearLayer(
                    inFeatures: inFeatures, outFeatures: outFeatures, hasBias: bias, interpreter: interpreter))
        }
        nn.define("LazyLinear") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("LazyLinear", ["out_features", "bias"], required: 1)
            let outFeatures = try interpreter.intArgument(values[0] ?? .none, "out_features")
            let bias = try values[1].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? true
            return .object(
                try LinearLayer(inFeatures: nil, outFeatures: outFeatures, hasBias: bias, interpreter: interpreter))
        }
        nn.define("Sequential") { _, arguments throws(PyError) in
            for layer in arguments.positional {
                if ModuleRef(layer) != nil { continue }
                switch layer {
                case .object(let object) where object is CallableObject: continue
                case .function, .builtin: continue
                default: throw PyError.type("\(typeName(of: layer)) is not a Module subclass")
                }
            }
            return .object(SequentialLayer(layers: arguments.positional))
        }
        nn.define("Parameter") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("Parameter", ["data", "requires_grad"])
            // A parameter is a new leaf sharing the data's values; it requires grad by default.
            let tensor = try values[0].map { (data) throws(PyError) in try interpreter.tensorArgument(data, "data") }
            let box = TensorBox(tensor ?? Tensor(scalar: 0))
            box.isParameter = true
            let flag = try values[1].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? true
            if flag { try interpreter.setRequiresGrad(box, true) }
            return .tensor(box)
        }
        for kind in [LossLayer.Kind.mse, .crossEntropy] {
            nn.define(kind.rawValue) { _, arguments throws(PyError) in
                let values = try arguments.bind(kind.rawValue, ["size_average", "reduce", "reduction"])
                return .object(LossLayer(kind: kind, reduction: try LossReduction(values[2])))
            }
        }
        nn.define("ModuleList") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("ModuleList", ["modules"])
            let modules = try values[0].map { (value) throws(PyError) in try interpreter.iterateAll(value) } ?? []
            for module in modules { try ModuleListLayer.checkModule(module) }
            return .object(ModuleListLayer(modules: modules))
        }
        installLayers(in: nn)
        nn.attributes["Module"] = .object(moduleClass)
        return nn
    }

    /// Builds a Conv2d from its arguments after `in_channels`:
    /// out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode.
    func makeConv2d(inChannels: Int?, _ values: [Value?]) throws(PyError) -> Conv2dLayer {
        let outChannels = try intArgument(values[0] ?? .none, "out_channels")
        let kernel = try pair(values[1], "kernel_size", default: 1)
        let stride = try pair(values[2], "stride", default: 1)
        let padding = try padding2D(values[3])
        let dilation = try pair(values[4], "dilation", default: 1)
        let groups = try values[5].map { (value) throws(PyError) in try intArgument(value, "groups") } ?? 1
        let bias = try values[6].map { (value) throws(PyError) in try truthy(value) } ?? true
        if let mode = values[7].orNone, case .str(let text) = mode, text != "zeros" {
            throw PyError(.notImplementedError, "Conv2d: only padding_mode='zeros' is supported here, not '\(text)'")
        }
        return try Conv2dLayer(
            inChannels: inChannels, outChannels: outChannels, kernel: kernel, stride: stride, padding: padding,
            dilation: dilation, groups: groups, hasBias: bias, interpreter: self)
    }
}
