import Tensors

extension Interpreter {
    /// Registers the normalization, dropout and pooling layers of `torch.nn`.
    func installLayers(in nn: Module) {
        for dimensions in [1, 2] {
            let name = "BatchNorm\(dimensions)d"
            let options = ["eps", "momentum", "affine", "track_running_stats", "device", "dtype", "bias"]
            nn.define(name) { interpreter, arguments throws(PyError) in
                let values = try arguments.bind(name, ["num_features"] + options, required: 1)
                let features = try interpreter.intArgument(values[0] ?? .none, "num_features")
                return .object(try interpreter.makeBatchNorm(dimensions, features, Array(values.dropFirst())))
            }
            nn.define("Lazy" + name) { interpreter, arguments throws(PyError) in
                let values = try arguments.bind("Lazy" + name, options)
                return .object(try interpreter.makeBatchNorm(dimensions, nil, values))
            }
        }
        nn.define("LayerNorm") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind(
                "LayerNorm", ["normalized_shape", "eps", "elementwise_affine", "bias", "device", "dtype"], required: 1)
            return .object(
                try LayerNormLayer(
                    normalizedShape: try interpreter.intList(values[0] ?? .none, "normalized_shape"),
                    eps: try interpreter.real(values[1], "eps", default: 1e-5),
                    elementwiseAffine: try interpreter.flag(values[2], default: true),
                    bias: try interpreter.flag(values[3], default: true)))
        }
        nn.define("Dropout") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("Dropout", ["p", "inplace"])
            return .object(
                try DropoutLayer(
                    probability: try interpreter.real(values[0], "p", default: 0.5),
                    inplace: try interpreter.flag(values[1], default: false)))
        }
        nn.define("AvgPool2d") { interpreter, arguments throws(PyError) in
            .object(try AvgPool2dLayer(interpreter, arguments))
        }
        nn.define("AdaptiveAvgPool2d") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("AdaptiveAvgPool2d", ["output_size"], required: 1)
            let size = try AdaptiveOutputSize(values[0] ?? .none, interpreter)
            return .object(AdaptivePool2dLayer(isMax: false, outputSize: size, returnIndices: false))
        }
        nn.define("AdaptiveMaxPool2d") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("AdaptiveMaxPool2d", ["output_size", "return_indices"], required: 1)
            let size = try AdaptiveOutputSize(values[0] ?? .none, interpreter)
            let indices = try interpreter.flag(values[1], default: false)
            return .object(AdaptivePool2dLayer(isMax: true, outputSize: size, returnIndices: indices))
        }
    }

    /// A batch norm from its arguments after `num_features`:
    /// eps, momentum, affine, track_running_stats, device, dtype, bias.
    private func makeBatchNorm(_ dimensions: Int, _ features: Int?, _ values: [Value?]) throws(PyError)
        -> BatchNormLayer
    {
        // An absent momentum is 0.1; an explicit None asks for the cumulative average.
        let momentum: Double? =
            switch values[1] {
            case nil: 0.1
            case .none?: nil
            case let value?: try floatArgument(value, "momentum")
            }
        return try BatchNormLayer(
            dimensions: dimensions, numFeatures: features, eps: try real(values[0], "eps", default: 1e-5),
            momentum: momentum, affine: try flag(values[2], default: true), bias: try flag(values[6], default: true),
            trackRunningStats: try flag(values[3], default: true))
    }

    /// Registers `F.batch_norm`, `F.layer_norm`, `F.dropout` and the adaptive poolings.
    func installLayerFunctions(in functional: Module) {
        functional.define("batch_norm") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind(
                "batch_norm",
                ["input", "running_mean", "running_var", "weight", "bias", "training", "momentum", "eps"], required: 3)
            return try interpreter.functionalBatchNorm(values)
        }
        functional.define("layer_norm") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind(
                "layer_norm", ["input", "normalized_shape", "weight", "bias", "eps"], required: 2)
            let input = try interpreter.trackedArgument(values[0] ?? .none, "layer_norm(): input")
            let shape = try interpreter.intList(values[1] ?? .none, "normalized_shape")
            let weight = try values[2].orNone.map { (value) throws(PyError) in
                try interpreter.trackedArgument(value, "layer_norm(): weight")
            }
            let bias = try values[3].orNone.map { (value) throws(PyError) in
                try interpreter.trackedArgument(value, "layer_norm(): bias")
            }
            let eps = try interpreter.real(values[4], "eps", default: 1e-5)
            return interpreter.result(
                try engine { () throws(TensorError) in
                    try TrackedTensor.layerNorm(input, normalizedShape: shape, weight: weight, bias: bias, eps: eps)
                })
        }
        functional.define("dropout") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("dropout", ["input", "p", "training", "inplace"], required: 1)
            let input = try interpreter.trackedArgument(values[0] ?? .none, "dropout(): input")
            let p = try interpreter.real(values[1], "p", default: 0.5)
            try Interpreter.checkDropoutProbability(p)
            let training = try interpreter.flag(values[2], default: true)
            return try interpreter.dropout(input, probability: p, training: training, layer: "dropout()")
        }
        for isMax in [false, true] {
            let name = isMax ? "adaptive_max_pool2d" : "adaptive_avg_pool2d"
            functional.define(name) { interpreter, arguments throws(PyError) in
                let values = try arguments.bind(
                    name, isMax ? ["input", "output_size", "return_indices"] : ["input", "output_size"], required: 2)
                let input = try interpreter.trackedArgument(values[0] ?? .none, "\(name)(): input")
                let size = try AdaptiveOutputSize(values[1] ?? .none, interpreter)
                let indices = isMax ? try interpreter.flag(values[2], default: false) : false
                return try interpreter.adaptivePool(input, size, isMax: isMax, returnIndices: indices)
            }
        }
    }

    /// `F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)`:
    /// batch statistics when training (updating the running tensors in place when given), the
    /// running ones otherwise.
    private func functionalBatchNorm(_ values: [Value?]) throws(PyError) -> Value {
        let input = try trackedArgument(values[0] ?? .none, "batch_norm(): input")
        func buffer(_ value: Value?, _ what: String) throws(PyError) -> TensorBox? {
            switch value.orNone {
            case nil: return nil
            case .tensor(let box)?: return box
            case let other?:
                throw PyError.type("batch_norm(): \(what) must be a Tensor or None, not '\(typeName(of: other))'")
            }
        }
        let runningMean = try buffer(values[1], "running_mean")
        let runningVar = try buffer(values[2], "running_var")
        let weight = try values[3].orNone.map { (value) throws(PyError) in
            try trackedArgument(value, "batch_norm(): weight")
        }
        let bias = try values[4].orNone.map { (value) throws(PyError) in
            try trackedArgument(value, "batch_norm(): bias")
        }
        let training = try flag(values[5], default: false)
        let momentum = try real(values[6], "momentum", default: 0.1)
        let eps = try real(values[7], "eps", default: 1e-5)
        guard let runningMean, let runningVar else {
            guard training else {
                throw PyError.runtime(
                    "batch_norm(): running_mean and running_var must be given when training=False (evaluation "
                        + "normalizes with them); pass training=True to use the batch's statistics")
            }
            return try normalizeWithBatchStatistics(
                input, weight: weight, bias: bias, eps: eps, training: true, layer: "batch_norm()")
        }
        return try batchNorm(
            input, weight: weight, bias: bias, eps: eps, runningMean: runningMean, runningVar: runningVar,
            training: training, momentum: momentum, layer: "batch_norm()")
    }

    /// Batch normalization with running statistics, as `nn.BatchNorm2d` and `F.batch_norm` do it: evaluation
    /// normalizes with them; training normalizes with the batch's statistics and moves the running ones
    /// toward those by `momentum`.
    func batchNorm(
        _ input: TrackedTensor, weight: TrackedTensor?, bias: TrackedTensor?, eps: Double, runningMean: TensorBox,
        runningVar: TensorBox, training: Bool, momentum: Double, layer: String
    ) throws(PyError) -> Value {
        guard training else {
            return result(
                try engine { () throws(TensorError) in
                    try TrackedTensor.batchNorm(
                        input, weight: weight, bias: bias, mean: runningMean.tensor, variance: runningVar.tensor,
                        eps: eps)
                })
        }
        try Interpreter.checkValuesPerChannel(input.shape, layer: layer)
        let (output, statistics) = try engine { () throws(TensorError) in
            try TrackedTensor.batchNorm(input, weight: weight, bias: bias, eps: eps)
        }
        let updated = try engine { () throws(TensorError) in
            try statistics.updating(
                runningMean: runningMean.tensor, runningVariance: runningVar.tensor, momentum: momentum)
        }
        Layer.update(runningMean, to: updated.mean)
        Layer.update(runningVar, to: updated.variance)
        return result(output)
    }
}
