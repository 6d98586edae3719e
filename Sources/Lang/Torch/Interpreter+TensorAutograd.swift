import Tensors

extension Interpreter {
    /// The autograd methods of a tensor: `backward`, `requires_grad_`, `detach`, `retain_grad`.
    func tensorAutogradMethod(_ box: TensorBox, _ name: String) -> BuiltinFunction.Body? {
        switch name {
        case "backward":
            return { interpreter, arguments throws(PyError) in try interpreter.backward(box, arguments) }
        case "requires_grad_":
            return { interpreter, arguments throws(PyError) in
                let values = try arguments.bind(name, ["requires_grad"])
                let flag = try values[0].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? true
                try interpreter.setRequiresGrad(box, flag)
                return .tensor(box)
            }
        case "detach":
            return { _, _ in .tensor(TensorBox(aliasing: box, sharingVersion: true)) }
        case "retain_grad":
            return { _, _ in .none }
        default:
            return nil
        }
    }

    /// `x.requires_grad = flag` / `x.requires_grad_(flag)` with PyTorch's rules.
    func setRequiresGrad(_ box: TensorBox, _ flag: Bool) throws(PyError) {
        guard box.isLeaf else {
            if flag { return }
            throw PyError.runtime(
                "you can only change requires_grad flags of leaf variables. If you want to use a computed variable "
                    + "in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")
        }
        if flag, box.tensor.dtype != .float32 {
            throw PyError.runtime(
                "only Tensors of floating point dtype can require gradients (this one is \(box.tensor.dtype); "
                    + "make it with a float value such as 1.0, or call .float() first)")
        }
        box.requiresGrad = flag
    }

    /// A reduction recorded for autograd, with the arguments of ``reduce(_:_:_:)``.
    func trackedReduce(_ operand: TrackedTensor, _ name: String, _ arguments: Arguments) throws(PyError) -> Value {
        let names = name == "norm" ? ["p", "dim", "keepdim"] : ["dim", "keepdim"]
        var call = arguments
        if let axis = call.keywords.firstIndex(where: { $0.name == "axis" }) { call.keywords[axis].name = "dim" }
        let correction = try call.keyword("correction").map { (value) throws(PyError) in
            try intArgument(value, "correction")
        }
        let unbiased = try call.keyword("unbiased").map { (value) throws(PyError) in try truthy(value) }
        call.keywords.removeAll { $0.name == "dtype" || $0.name == "unbiased" || $0.name == "correction" }
        let values = try call.bind(name, names)
        let offset = name == "norm" ? 1 : 0
        let keepdim = try values[offset + 1].map { (value) throws(PyError) in try truthy(value) } ?? false
        if name == "max" || name == "min", let first = values[0], case .tensor = first {
            let other = try trackedArgument(first, "other")
            let operation: BinaryOperation = name == "max" ? .maximum : .minimum
            return result(try engine { () throws(TensorError) in try TrackedTensor.binary(operation, operand, other) })
        }
        let dims = try values[offset].orNone.map { (value) throws(PyError) in try intList(value, "dim") }
        switch name {
        case "sum":
            return result(try engine { () throws(TensorError) in try operand.sum(dims: dims, keepdim: keepdim) })
        case "mean":
            return result(try engine { () throws(TensorError) in try operand.mean(dims: dims, keepdim: keepdim) })
        case "prod":
            return result(try engine { () throws(TensorError) in try operand.prod(dims: dims, keepdim: keepdim) })
        case "std", "var":
            let bessel = correction ?? (unbiased == false ? 0 : 1)
            return result(
                try engine { () throws(TensorError) in
                    try operand.variance(dims: dims, correction: bessel, keepdim: keepdim, squareRoot: name == "std")
                })
        case "norm":
            let p = try real(values[0], "p", default: 2)
            return result(try engine { () throws(TensorError) in try operand.norm(p: p, dims: dims, keepdim: keepdim) })
        case "max", "min":
            guard let dim = dims?.first else {
                return result(try engine { () throws(TensorError) in try operand.extremum(largest: name == "max") })
            }
            let (extreme, indices) = try engine { () throws(TensorError) in
                try operand.extremum(dim: dim, keepdim: keepdim, largest: name == "max")
            }
            return .object(ReturnTypesObject(name: name, values: TensorBox(extreme), indices: indices))
        default:
            // argmax, argmin, all, any: integer or boolean results, never differentiable.
            return try reduce(TensorBox(operand.tensor), name, arguments)
        }
    }

    /// The result of a shape method on a tensor that requires grad, given the plain result.
    func trackedShapeResult(
        _ box: TensorBox, _ name: String, _ arguments: Arguments, _ output: Tensor
    ) throws(PyError) -> Value {
        let operand = box.tracked()
        switch name {
        case "t":
            return result(try engine { () throws(TensorError) in try operand.t() })
        case "transpose", "swapaxes":
            let a = try intArgument(arguments.positional[0], "dim0")
            let b = try intArgument(arguments.positional[1], "dim1")
            return result(try engine { () throws(TensorError) in try operand.transpose(a, b) })
        case "permute":
            let dims = try shapeArguments(arguments.positional, name)
            return result(try engine { () throws(TensorError) in try operand.permute(dims) })
        case "flip":
            let dims = try shapeArguments(arguments.positional, name)
            return result(try engine { () throws(TensorError) in try operand.flip(dims) })
        case "expand", "expand_as":
            return result(try engine { () throws(TensorError) in try operand.expand(output.shape) })
        default:
            // reshape, view, flatten, squeeze, unsqueeze, reshape_as, view_as: same elements, new shape.
            return result(operand.reshaped("ViewBackward0", output))
        }
    }
}

/// A tensor's `grad_fn`: prints as `<MulBackward0 object at 0x…>` and exposes `next_functions`
/// and `name()`.
final class GradFnObject: PyObject {
    let node: GradNode
    init(_ node: GradNode) { self.node = node }
    override var typeName: String { node.name }
    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "name": .builtin(BuiltinFunction(name) { [node] _, _ in .str(node.name) })
        case "next_functions":
            .tuple(node.inputs.map { input in .tuple([input.map { .object(GradFnObject($0)) } ?? .none, .int(0)]) })
        default: nil
        }
    }
}
