import Tensors

extension Interpreter {
    /// Tensor attributes (`shape`, `T`, `data`, …) and methods (`sum`, `reshape`, …).
    func tensorAttribute(_ box: TensorBox, _ name: String) throws(PyError) -> Value {
        let tensor = box.tensor
        switch name {
        case "shape": return .size(tensor.shape)
        case "dtype": return .dtype(tensor.dtype)
        case "ndim": return .int(tensor.rank)
        case "data": return .tensor(TensorBox(aliasing: box, sharingVersion: false))
        case "grad": return box.grad.map { .tensor($0) } ?? .none
        case "requires_grad": return .bool(box.requiresGrad)
        case "is_leaf": return .bool(box.isLeaf)
        case "grad_fn":
            guard let node = box.gradFn, !node.isAccumulator else { return .none }
            return .object(GradFnObject(node))
        case "is_cuda": return .bool(false)
        case "device": return .object(cpuDevice)
        case "_version": return .int(box.versionCounter.value)
        case "T":
            let reversed = Array((0..<tensor.rank).reversed())
            if tracks(box) {
                let operand = box.tracked()
                return result(try engine { () throws(TensorError) in try operand.permute(reversed) })
            }
            return .tensor(try engine { () throws(TensorError) in try tensor.permute(reversed) })
        default: break
        }
        guard let method = tensorMethod(box, name) else {
            throw PyError(.attributeError, "'Tensor' object has no attribute '\(name)'")
        }
        return .builtin(BuiltinFunction(name, method))
    }

    func tensorSetAttribute(_ box: TensorBox, _ name: String, _ value: Value) throws(PyError) {
        switch name {
        case "data":
            box.tensor = try tensorArgument(value, "data")
        case "requires_grad":
            try setRequiresGrad(box, try truthy(value))
        case "grad":
            switch value {
            case .none: box.grad = nil
            case .tensor(let gradient):
                guard gradient.tensor.shape == box.tensor.shape else {
                    throw PyError.runtime(
                        "assigned grad has data of a different size: \(formatShape(gradient.tensor.shape)) for a tensor of shape \(formatShape(box.tensor.shape))"
                    )
                }
                box.grad = gradient
            default:
                throw PyError.type(
                    "assigned grad expected to be a Tensor or None but got grad of type \(typeName(of: value))")
            }
        default:
            throw PyError(.attributeError, "'Tensor' object attribute '\(name)' cannot be set")
        }
    }

    /// The method `name` of the tensor in `box`, bound to it.
    private func tensorMethod(_ box: TensorBox, _ name: String) -> BuiltinFunction.Body? {
        if let reduction = tensorReduction(box, name) { return reduction }
        if let shaped = tensorShapeMethod(box, name) { return shaped }
        if let unary = Interpreter.unaryMethods[name] {
            return { interpreter, arguments throws(PyError) in
                try arguments.expectPositional(name, 0)
                if interpreter.tracks(box) {
                    let operand = box.tracked()
                    return interpreter.result(try engine { () throws(TensorError) in try operand.apply(unary) })
                }
                return .tensor(try engine { () throws(TensorError) in try box.tensor.apply(unary) })
            }
        }
        if let autograd = tensorAutogradMethod(box, name) { return autograd }
        switch name {
        case "size":
            return { interpreter, arguments throws(PyError) in
                let values = try arguments.bind("size", ["dim"])
                guard let dim = values[0].orNone else { return .size(box.tensor.shape) }
                let axis = try interpreter.intArgument(dim, "dim")
                return .int(try engine { () throws(TensorError) in try box.tensor.size(axis) })
            }
        case "dim", "ndimension": return { _, _ in .int(box.tensor.rank) }
        case "numel", "nelement": return { _, _ in .int(box.tensor.count) }
        case "item": return { interpreter, _ throws(PyError) in try interpreter.tensorItem(box.tensor) }
        case "tolist":
            return { interpreter, _ throws(PyError) in
                // Checked before the engine builds the nested value the lists are made from.
                let count = box.tensor.count
                try interpreter.memory.check(
                    MemoryBudget.repeated(MemoryBudget.slotBytes, count), for: .new(.list, count: count))
                return try interpreter.pythonValue(box.tensor.tolist())
            }
        case "float":
            return { interpreter, _ throws(PyError) in
                if interpreter.tracks(box) {
                    let operand = box.tracked()
                    return interpreter.result(try engine { () throws(TensorError) in try operand.to(.float32) })
                }
                return .tensor(try engine { () throws(TensorError) in try box.tensor.float() })
            }
        case "long":
            return { _, _ throws(PyError) in .tensor(try engine { () throws(TensorError) in try box.tensor.long() }) }
        case "int":
            return { _, _ throws(PyError) in .tensor(try engine { () throws(TensorError) in try box.tensor.to(.int32) })
            }
        case "bool":
            return { _, _ throws(PyError) in .tensor(try engine { () throws(TensorError) in try box.tensor.bool() }) }
        case "clone":
            return { interpreter, _ throws(PyError) in
                let copy = try engine { () throws(TensorError) in try box.tensor.clone() }
                guard interpreter.tracks(box) else { return .tensor(copy) }
                return interpreter.result(box.tracked().reshaped("CloneBackward0", copy))
            }
        case "contiguous", "cpu": return { _, _ in .tensor(box) }
        case "cuda":
            return { interpreter, _ throws(PyError) in
                _ = try interpreter.targetDevice(.str("cuda"))
                return .tensor(box)
            }
        case "numpy":
            return { _, _ throws(PyError) in
                guard !box.requiresGrad else {
                    throw PyError.runtime(
                        "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
                }
                return .tensor(box.tensor)
            }
        case "abs": return { interpreter, _ throws(PyError) in try interpreter.tensorAbs(box) }
        case "relu":
            return { interpreter, _ throws(PyError) in
                guard interpreter.tracks(box) else {
                    return .tensor(try engine { () throws(TensorError) in try box.tensor.relu() })
                }
                let operand = box.tracked()
                return interpreter.result(try engine { () throws(TensorError) in try operand.relu() })
            }
        case "neg":
            return { interpreter, _ throws(PyError) in try interpreter.tensorUnary(.negate, box) }
        case "type":
            return { interpreter, arguments throws(PyError) in
                guard let target = arguments.positional.first ?? arguments.keyword("dtype") else {
                    return .str(interpreter.torchTypeName(.tensor(box)))
                }
                guard case .dtype(let dtype) = target else { return .tensor(box) }
                return try interpreter.converted(box, to: dtype)
            }
        case "to":
            return { interpreter, arguments throws(PyError) in try interpreter.tensorTo(box, arguments) }
        case "matmul", "mm", "dot", "mv":
            return { interpreter, arguments throws(PyError) in
                try arguments.expectPositional(name, 1)
                if interpreter.tracks(box) || interpreter.tracks(arguments.positional[0]) {
                    let left = box.tracked()
                    let right = try interpreter.trackedArgument(arguments.positional[0], "other")
                    return interpreter.result(try engine { () throws(TensorError) in try left.matmul(right) })
                }
                let other = try interpreter.tensorArgument(arguments.positional[0], "other")
                return .tensor(try engine { () throws(TensorError) in try box.tensor.matmul(other) })
            }
        case "add", "sub", "mul", "div", "pow", "eq", "ne", "lt", "le", "gt", "ge", "maximum", "minimum":
            return { interpreter, arguments throws(PyError) in
                try arguments.expectPositional(name, 1)
                let other = arguments.positional[0]
                if let op = Interpreter.methodOperators[name] {
                    return try interpreter.tensorBinary(op, .tensor(box), other)
                }
                if let op = Interpreter.methodComparisons[name] {
                    return try interpreter.tensorCompare(op, .tensor(box), other)
                }
                let operation: BinaryOperation = name == "maximum" ? .maximum : .minimum
                if interpreter.tracks(box) || interpreter.tracks(other) {
                    let left = box.tracked()
                    let right = try interpreter.trackedArgument(other, "other")
                    return interpreter.result(
                        try engine { () throws(TensorError) in try TrackedTensor.binary(operation, left, right) })
                }
                let right = try interpreter.tensorArgument(other, "other")
                return .tensor(try engine { () throws(TensorError) in try Tensor.binary(operation, box.tensor, right) })
            }
        case "add_", "sub_", "mul_", "div_":
            return { interpreter, arguments throws(PyError) in
                try arguments.expectPositional(name, 1)
                let op = Interpreter.methodOperators[String(name.dropLast())] ?? .add
                _ = try interpreter.tensorInPlace(box, op, arguments.positional[0])
                return .tensor(box)
            }
        case "zero_":
            return { interpreter, _ throws(PyError) in
                try interpreter.willModify(box)
                try engine { () throws(TensorError) in try box.tensor.zero() }
                return .tensor(box)
            }
        case "fill_":
            return { interpreter, arguments throws(PyError) in
                try arguments.expectPositional(name, 1)
                try interpreter.willModify(box)
                let value = try interpreter.scalar(arguments.positional[0])
                try engine { () throws(TensorError) in try box.tensor.fill(value) }
                return .tensor(box)
            }
        case "copy_":
            return { interpreter, arguments throws(PyError) in
                try arguments.expectPositional(name, 1)
                if interpreter.gradEnabled, box.requiresGrad || interpreter.tracks(arguments.positional[0]) {
                    try interpreter.tensorSetItem(box, .ellipsis, arguments.positional[0])
                    return .tensor(box)
                }
                try interpreter.willModify(box)
                let source = try interpreter.tensorArgument(arguments.positional[0], "src")
                try engine { () throws(TensorError) in try box.tensor.copy(from: source) }
                return .tensor(box)
            }
        case "clamp", "clip":
            return { interpreter, arguments throws(PyError) in
                let values = try arguments.bind(name, ["min", "max"])
                let lower = try values[0].orNone.map { (value) throws(PyError) in try interpreter.scalar(value) }
                let upper = try values[1].orNone.map { (value) throws(PyError) in try interpreter.scalar(value) }
                if interpreter.tracks(box) {
                    let operand = box.tracked()
                    return interpreter.result(
                        try engine { () throws(TensorError) in try operand.clamp(min: lower, max: upper) })
                }
                return .tensor(try engine { () throws(TensorError) in try box.tensor.clamp(min: lower, max: upper) })
            }
        case "allclose":
            return { interpreter, arguments throws(PyError) in
                try interpreter.allclose([.tensor(box)] + arguments.positional, arguments.keywords)
            }
        case "__len__": return { interpreter, _ throws(PyError) in .int(try interpreter.length(.tensor(box))) }
        default: return nil
        }
    }

    static let reductionNames: Set<String> = [
        "sum", "mean", "max", "min", "argmax", "argmin", "prod", "std", "var", "norm", "all", "any",
    ]

    static let unaryMethods: [String: UnaryFunction] = Dictionary(
        uniqueKeysWithValues: UnaryFunction.allCases.map { ($0.rawValue, $0) })

    static let methodOperators: [String: BinaryOperator] = [
        "add": .add, "sub": .subtract, "mul": .multiply, "div": .divide, "pow": .power,
    ]

    static let methodComparisons: [String: CompareOperator] = [
        "eq": .equal, "ne": .notEqual, "lt": .less, "le": .lessEqual, "gt": .greater, "ge": .greaterEqual,
    ]

    /// `sum`, `mean`, `max`, … with PyTorch's `dim`/`keepdim` arguments.
    private func tensorReduction(_ box: TensorBox, _ name: String) -> BuiltinFunction.Body? {
        guard Interpreter.reductionNames.contains(name) else { return nil }
        return { interpreter, arguments throws(PyError) in
            try interpreter.reduce(box, name, arguments)
        }
    }

    /// A reduction of `tensor`; the first positional argument or `dim`/`axis` selects dimensions.
    func reduce(_ box: TensorBox, _ name: String, _ arguments: Arguments) throws(PyError) -> Value {
        if tracks(box) { return try trackedReduce(box.tracked(), name, arguments) }
        let tensor = box.tensor
        if arguments.positional.isEmpty && arguments.keywords.isEmpty
            && (name == "sum" || name == "max" || name == "min")
        {
            // The common `X.sum()` / `X.max()` with no arguments.
            return .tensor(
                try engine { () throws(TensorError) in
                    name == "sum" ? try tensor.sum() : name == "max" ? try tensor.max() : try tensor.min()
                })
        }
        let names = name == "norm" ? ["p", "dim", "keepdim"] : ["dim", "keepdim"]
        var call = arguments
        if let axis = call.keywords.firstIndex(where: { $0.name == "axis" }) { call.keywords[axis].name = "dim" }
        call.keywords.removeAll { $0.name == "dtype" || $0.name == "unbiased" || $0.name == "correction" }
        let values = try call.bind(name, names)
        let offset = name == "norm" ? 1 : 0
        let keepdim = try values[offset + 1].map { (value) throws(PyError) in try truthy(value) } ?? false
        let dims = try values[offset].orNone.map { (value) throws(PyError) in try intList(value, "dim") }
        switch name {
        case "sum":
            return .tensor(try engine { () throws(TensorError) in try tensor.sum(dims: dims, keepdim: keepdim) })
        case "mean":
            guard tensor.dtype == .float32 else {
                throw PyError.runtime(
                    "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(tensor.dtype.pytorchTypeName)"
                )
            }
            return .tensor(try engine { () throws(TensorError) in try tensor.mean(dims: dims, keepdim: keepdim) })
        case "prod":
            return .tensor(try engine { () throws(TensorError) in try tensor.prod(dims: dims, keepdim: keepdim) })
        case "std":
            return .tensor(try engine { () throws(TensorError) in try tensor.std(dims: dims, keepdim: keepdim) })
        case "var":
            return .tensor(try engine { () throws(TensorError) in try tensor.variance(dims: dims, keepdim: keepdim) })
        case "all":
            return .tensor(try engine { () throws(TensorError) in try tensor.all(dims: dims, keepdim: keepdim) })
        case "any":
            return .tensor(try engine { () throws(TensorError) in try tensor.any(dims: dims, keepdim: keepdim) })
        case "norm":
            let p = try real(values[0], "p", default: 2)
            return .tensor(try engine { () throws(TensorError) in try tensor.norm(p: p, dims: dims, keepdim: keepdim) })
        case "argmax", "argmin":
            let dim = dims?.first
            return .tensor(
                try engine { () throws(TensorError) in
                    name == "argmax"
                        ? try tensor.argmax(dim: dim, keepdim: keepdim) : try tensor.argmin(dim: dim, keepdim: keepdim)
                })
        default:
            // max / min: without a dim the overall extreme; with a dim (values, indices); with a
            // tensor argument the elementwise maximum.
            if let first = values[0], case .tensor(let other) = first {
                let operation: BinaryOperation = name == "max" ? .maximum : .minimum
                return .tensor(
                    try engine { () throws(TensorError) in try Tensor.binary(operation, tensor, other.tensor) })
            }
            guard let dim = dims?.first else {
                return .tensor(
                    try engine { () throws(TensorError) in name == "max" ? try tensor.max() : try tensor.min() })
            }
            let (extreme, indices) = try engine { () throws(TensorError) in
                name == "max" ? try tensor.max(dim: dim, keepdim: keepdim) : try tensor.min(dim: dim, keepdim: keepdim)
            }
            return .object(ReturnTypesObject(name: name, values: TensorBox(extreme), indices: indices))
        }
    }

    /// `reshape`, `view`, `transpose`, `permute`, … .
    private func tensorShapeMethod(_ box: TensorBox, _ name: String) -> BuiltinFunction.Body? {
        guard let plain = plainShapeMethod(box, name) else { return nil }
        return { interpreter, arguments throws(PyError) in
            guard interpreter.tracks(box) else { return try plain(interpreter, arguments) }
            guard case .tensor(let output) = try plain(interpreter, arguments) else { return .none }
            return try interpreter.trackedShapeResult(box, name, arguments, output.tensor)
        }
    }

    private func plainShapeMethod(_ box: TensorBox, _ name: String) -> BuiltinFunction.Body? {
        switch name {
        case "reshape", "view":
            return { interpreter, arguments throws(PyError) in
                let shape = try interpreter.shapeArguments(arguments.positional, name)
                return .tensor(try engine { () throws(TensorError) in try box.tensor.reshape(shape) })
            }
        case "t":
            return { _, _ throws(PyError) in .tensor(try engine { () throws(TensorError) in try box.tensor.t() }) }
        case "transpose", "swapaxes":
            return { interpreter, arguments throws(PyError) in
                try arguments.expectPositional(name, 2)
                let a = try interpreter.intArgument(arguments.positional[0], "dim0")
                let b = try interpreter.intArgument(arguments.positional[1], "dim1")
                return .tensor(try engine { () throws(TensorError) in try box.tensor.transpose(a, b) })
            }
        case "permute":
            return { interpreter, arguments throws(PyError) in
                let dims = try interpreter.shapeArguments(arguments.positional, name)
                return .tensor(try engine { () throws(TensorError) in try box.tensor.permute(dims) })
            }
        case "flatten":
            return { interpreter, arguments throws(PyError) in
                let values = try arguments.bind(name, ["start_dim", "end_dim"])
                let start =
                    try values[0].map { (value) throws(PyError) in try interpreter.intArgument(value, "start_dim") }
                    ?? 0
                let end =
                    try values[1].map { (value) throws(PyError) in try interpreter.intArgument(value, "end_dim") } ?? -1
                return .tensor(
                    try engine { () throws(TensorError) in try box.tensor.flatten(startDim: start, endDim: end) })
            }
        case "squeeze":
            return { interpreter, arguments throws(PyError) in
                let values = try arguments.bind(name, ["dim"])
                guard let dim = values[0].orNone else { return .tensor(box.tensor.squeeze()) }
                let axis = try interpreter.intArgument(dim, "dim")
                return .tensor(try engine { () throws(TensorError) in try box.tensor.squeeze(dim: axis) })
            }
        case "unsqueeze":
            return { interpreter, arguments throws(PyError) in
                let values = try arguments.bind(name, ["dim"], required: 1)
                let axis = try interpreter.intArgument(values[0] ?? .none, "dim")
                return .tensor(try engine { () throws(TensorError) in try box.tensor.unsqueeze(axis) })
            }
        case "expand":
            return { interpreter, arguments throws(PyError) in
                let shape = try interpreter.shapeArguments(arguments.positional, name)
                return .tensor(try engine { () throws(TensorError) in try box.tensor.expand(shape) })
            }
        case "flip":
            return { interpreter, arguments throws(PyError) in
                let dims = try interpreter.shapeArguments(arguments.positional, name)
                return .tensor(try engine { () throws(TensorError) in try box.tensor.flip(dims) })
            }
        case "reshape_as", "view_as", "expand_as":
            return { interpreter, arguments throws(PyError) in
                try arguments.expectPositional(name, 1)
                let other = try interpreter.tensorArgument(arguments.positional[0], "other")
                return .tensor(
                    try engine { () throws(TensorError) in
                        name == "expand_as" ? try box.tensor.expandAs(other) : try box.tensor.reshapeAs(other)
                    })
            }
        default:
            return nil
        }
    }

    /// `torch.allclose(a, b, rtol=1e-05, atol=1e-08)`.
    func allclose(_ positional: [Value], _ keywords: [(name: String, value: Value)]) throws(PyError) -> Value {
        let values = try Arguments(positional, keywords: keywords).bind(
            "allclose", ["input", "other", "rtol", "atol", "equal_nan"], required: 2)
        let a = try tensorArgument(values[0] ?? .none, "input")
        let b = try tensorArgument(values[1] ?? .none, "other")
        let rtol = try values[2].map { (value) throws(PyError) in try floatArgument(value, "rtol") } ?? 1e-5
        let atol = try values[3].map { (value) throws(PyError) in try floatArgument(value, "atol") } ?? 1e-8
        let equalNan = try values[4].map { (value) throws(PyError) in try truthy(value) } ?? false
        return .bool(
            try engine { () throws(TensorError) in try a.allclose(b, rtol: rtol, atol: atol, equalNan: equalNan) })
    }
}

/// `torch.return_types.max(values=…, indices=…)`: a named pair that unpacks like a tuple.
final class ReturnTypesObject: PyObject {
    let name: String
    let values: TensorBox
    let indices: Tensor
    init(name: String, values: TensorBox, indices: Tensor) {
        self.name = name
        self.values = values
        self.indices = indices
    }
    override var typeName: String { "torch.return_types.\(name)" }
    override func attribute(_ attribute: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch attribute {
        case "values": .tensor(values)
        case "indices": .tensor(indices)
        case "__getitem__":
            .builtin(
                BuiltinFunction("__getitem__") { [values, indices] interpreter, arguments throws(PyError) in
                    let position = try interpreter.normalizedIndex(arguments.positional.first ?? .none, 2, "tuple")
                    return position == 0 ? .tensor(values) : .tensor(indices)
                })
        default: nil
        }
    }
    override func makeIterator(_ interpreter: Interpreter) throws(PyError) -> ValueIterator? {
        ValueIterator(.array([.tensor(values), .tensor(indices)]))
    }
    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        "torch.return_types.\(name)(\nvalues=\(try interpreter.tensorRepr(values)),\nindices=\(TensorFormatter.repr(indices)))"
    }
}
