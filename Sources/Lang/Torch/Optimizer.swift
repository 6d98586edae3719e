import Foundation
import Tensors

/// `torch.optim.SGD` and `torch.optim.Adam`: update parameters from their `.grad`.
///
/// The hyper-parameters live in `param_groups[0]` (a dict), so the PyTorch idiom of changing
/// `group['lr']` between epochs works; `step()` reads them every time.
final class Optimizer: PyObject {
    enum Kind: String {
        case sgd = "SGD"
        case adam = "Adam"
    }

    let kind: Kind
    let parameters: [TensorBox]
    let group: DictBox
    /// Per parameter: SGD's momentum buffer, or Adam's first and second moments.
    private var firstMoments: [[Float]?]
    private var secondMoments: [[Float]?]
    private var steps = 0

    init(kind: Kind, parameters: [TensorBox], group: DictBox) {
        self.kind = kind
        self.parameters = parameters
        self.group = group
        firstMoments = Array(repeating: nil, count: parameters.count)
        secondMoments = Array(repeating: nil, count: parameters.count)
    }

    override var typeName: String { kind.rawValue }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "step":
            return .builtin(
                BuiltinFunction(name) { [self] interpreter, _ throws(PyError) in
                    try step(interpreter)
                    return .none
                })
        case "zero_grad":
            return .builtin(
                BuiltinFunction(name) { [self] interpreter, arguments throws(PyError) in
                    let values = try arguments.bind(name, ["set_to_none"])
                    let toNone = try values[0].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? true
                    for parameter in parameters {
                        if toNone {
                            parameter.grad = nil
                        } else {
                            if let gradient = parameter.grad {
                                try engine { () throws(TensorError) in try gradient.tensor.zero() }
                            }
                        }
                    }
                    return .none
                })
        case "param_groups":
            return .list(try ListBox([.dict(group)], budget: interpreter.memory))
        default:
            return nil
        }
    }

    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        var lines = ["\(kind.rawValue) (", "Parameter Group 0"]
        for (key, value) in group.entries {
            if case .str("params") = key { continue }
            lines.append("    \(try interpreter.str(key)): \(try interpreter.repr(value))")
        }
        lines.append(")")
        return lines.joined(separator: "\n")
    }

    /// A hyper-parameter from the group, as a double.
    private func number(_ key: String, _ interpreter: Interpreter) throws(PyError) -> Double {
        guard let value = group.get(try HashKey(.str(key))) else { return 0 }
        return try interpreter.floatArgument(value, key)
    }

    /// One update of every parameter that has a gradient, with PyTorch's formulas.
    private func step(_ interpreter: Interpreter) throws(PyError) {
        let lr = try number("lr", interpreter)
        let weightDecay = try number("weight_decay", interpreter)
        steps += 1
        let momentum = try number("momentum", interpreter)
        let plain = kind == .sgd && weightDecay == 0 && momentum == 0
        for (index, parameter) in parameters.enumerated() {
            guard let gradient = parameter.grad?.tensor else { continue }
            guard parameter.tensor.dtype == .float32, gradient.shape == parameter.tensor.shape else {
                throw PyError.runtime("\(kind.rawValue).step(): a parameter and its gradient differ in shape or type")
            }
            if plain {
                // Plain SGD in place, with the general path's arithmetic and no arrays in between.
                parameter.noteInPlaceChange()
                let g = try engine { () throws(TensorError) in try gradient.floats }
                try engine { () throws(TensorError) in try parameter.tensor.subtractScaled(g, learningRate: lr) }
                continue
            }
            var g = try engine { () throws(TensorError) in try gradient.floats }.map { Double($0) }
            let values = try engine { () throws(TensorError) in try parameter.tensor.floats }
            if weightDecay != 0 {
                for i in g.indices { g[i] += weightDecay * Double(values[i]) }
            }
            let update: [Double]
            switch kind {
            case .sgd: update = try sgdDirection(index, g, interpreter)
            case .adam: update = try adamDirection(index, g, interpreter)
            }
            parameter.noteInPlaceChange()
            try engine { () throws(TensorError) in
                try parameter.tensor.withMutableFloats { target in
                    for i in target.indices { target[i] = Float(Double(target[i]) - lr * update[i]) }
                }
            }
        }
    }

    /// SGD with momentum (and dampening, Nesterov): the buffer starts as the first gradient.
    private func sgdDirection(_ index: Int, _ g: [Double], _ interpreter: Interpreter) throws(PyError) -> [Double] {
        let momentum = try number("momentum", interpreter)
        guard momentum != 0 else { return g }
        let dampening = try number("dampening", interpreter)
        let nesterov = try number("nesterov", interpreter) != 0
        var buffer = firstMoments[index].map { $0.map(Double.init) } ?? g
        if firstMoments[index] != nil {
            for i in buffer.indices { buffer[i] = momentum * buffer[i] + (1 - dampening) * g[i] }
        }
        firstMoments[index] = buffer.map(Float.init)
        guard nesterov else { return buffer }
        return g.indices.map { g[$0] + momentum * buffer[$0] }
    }

    /// Adam: bias-corrected first and second moments.
    private func adamDirection(_ index: Int, _ g: [Double], _ interpreter: Interpreter) throws(PyError) -> [Double] {
        guard case .tuple(let betas)? = group.get(try HashKey(.str("betas"))), betas.count == 2 else {
            throw PyError.value("Adam: betas must be a pair of numbers")
        }
        let beta1 = try interpreter.floatArgument(betas[0], "betas")
        let beta2 = try interpreter.floatArgument(betas[1], "betas")
        let epsilon = try number("eps", interpreter)
        var m = firstMoments[index]?.map(Double.init) ?? Array(repeating: 0, count: g.count)
        var v = secondMoments[index]?.map(Double.init) ?? Array(repeating: 0, count: g.count)
        for i in g.indices {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i]
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
        }
        firstMoments[index] = m.map(Float.init)
        secondMoments[index] = v.map(Float.init)
        let correction1 = 1 - pow(beta1, Double(steps))
        let correction2 = 1 - pow(beta2, Double(steps))
        return g.indices.map { i in (m[i] / correction1) / ((v[i] / correction2).squareRoot() + epsilon) }
    }
}

extension Interpreter {
    /// `torch.optim` with `SGD` and `Adam`.
    func makeOptimModule() -> Module {
        let optim = Module("torch.optim")
        optim.define("SGD") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind(
                "SGD", ["params", "lr", "momentum", "dampening", "weight_decay", "nesterov"], required: 1)
            guard let lr = values[1].orNone else {
                throw PyError.type("SGD.__init__() missing required argument: 'lr'")
            }
            return try interpreter.makeOptimizer(
                .sgd, values[0] ?? .none,
                [
                    ("lr", lr), ("momentum", values[2] ?? .int(0)), ("dampening", values[3] ?? .int(0)),
                    ("weight_decay", values[4] ?? .int(0)), ("nesterov", values[5] ?? .bool(false)),
                ])
        }
        optim.define("Adam") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind(
                "Adam", ["params", "lr", "betas", "eps", "weight_decay", "amsgrad"], required: 1)
            if let amsgrad = values[5].orNone, try interpreter.truthy(amsgrad) {
                throw PyError(.notImplementedError, "Adam: amsgrad=True is not supported here")
            }
            return try interpreter.makeOptimizer(
                .adam, values[0] ?? .none,
                [
                    ("lr", values[1] ?? .float(1e-3)), ("betas", values[2] ?? .tuple([.float(0.9), .float(0.999)])),
                    ("eps", values[3] ?? .float(1e-8)), ("weight_decay", values[4] ?? .int(0)),
                ])
        }
        return optim
    }

    private func makeOptimizer(
        _ kind: Optimizer.Kind, _ params: Value, _ settings: [(String, Value)]
    ) throws(PyError) -> Value {
        var boxes: [TensorBox] = []
        for item in try iterateAll(params) {
            guard case .tensor(let box) = item else {
                throw PyError.type(
                    "optimizer can only optimize Tensors, but one of the params is \(typeName(of: item))")
            }
            guard box.isLeaf else { throw PyError.value("can't optimize a non-leaf Tensor") }
            boxes.append(box)
        }
        guard !boxes.isEmpty else { throw PyError.value("optimizer got an empty parameter list") }
        let group = DictBox(budget: memory)
        try group.set(
            .str("params"), try HashKey(.str("params")), .list(try ListBox(boxes.map { .tensor($0) }, budget: memory)))
        for (key, value) in settings {
            if key == "lr" || key == "eps" || key == "momentum" || key == "weight_decay" || key == "dampening" {
                let number = try floatArgument(value, key)
                guard number >= 0 else {
                    throw PyError.value("Invalid \(key == "lr" ? "learning rate" : key) value: \(number)")
                }
            }
            try group.set(.str(key), try HashKey(.str(key)), value)
        }
        return .object(Optimizer(kind: kind, parameters: boxes, group: group))
    }
}
