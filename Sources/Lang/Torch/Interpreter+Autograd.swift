import Tensors

extension Interpreter {
    /// Whether an operation on `value` must be recorded: grad mode is on and it requires grad.
    @inline(__always)
    func tracks(_ value: Value) -> Bool {
        guard gradEnabled, case .tensor(let box) = value else { return false }
        return box.requiresGrad
    }

    /// Whether an operation on `box` must be recorded.
    @inline(__always)
    func tracks(_ box: TensorBox) -> Bool { gradEnabled && box.requiresGrad }

    /// A tensor as an operand of a possibly recorded operation.
    func tracked(_ box: TensorBox) -> TrackedTensor {
        gradEnabled && box.requiresGrad ? box.tracked() : TrackedTensor(box.tensor)
    }

    /// An argument as a tracked operand; lists and numbers become constants.
    func trackedArgument(_ value: Value, _ what: String) throws(PyError) -> TrackedTensor {
        if case .tensor(let box) = value { return tracked(box) }
        return TrackedTensor(try tensorArgument(value, what))
    }

    /// An operand of an arithmetic operator as a tracked tensor; `nil` for non-numbers.
    func trackedOperand(_ value: Value) throws(PyError) -> TrackedTensor? {
        if case .tensor(let box) = value { return tracked(box) }
        return try tensorOperand(value).map { TrackedTensor($0) }
    }

    /// The Python tensor for an operation's result (with its `grad_fn` when recorded).
    func result(_ tracked: TrackedTensor) -> Value {
        .tensor(TensorBox(tracked))
    }

    /// Checks that `box` may be changed in place and records the change: PyTorch refuses to
    /// change a leaf that requires grad while grad mode is on (the change could not be
    /// differentiated); `torch.no_grad()` or `.data` are the ways around it.
    func willModify(_ box: TensorBox) throws(PyError) {
        if gradEnabled, box.requiresGrad, box.isLeaf {
            throw PyError.runtime(
                "a leaf Variable that requires grad is being used in an in-place operation. (Update parameters "
                    + "inside `with torch.no_grad():` or through `.data`, e.g. `w.data[:] -= lr * w.grad`.)")
        }
        box.noteInPlaceChange()
    }

    /// A new leaf tensor, requiring grad when the `requires_grad=` argument says so.
    func leaf(_ tensor: Tensor, requiresGrad flag: Value?) throws(PyError) -> Value {
        let box = TensorBox(tensor)
        if let flag = flag.orNone, try truthy(flag) { try setRequiresGrad(box, true) }
        return .tensor(box)
    }

    /// `tensor.backward(gradient=None, retain_graph=None, create_graph=False)`.
    func backward(_ box: TensorBox, _ arguments: Arguments) throws(PyError) -> Value {
        let values = try arguments.bind("backward", ["gradient", "retain_graph", "create_graph", "inputs"])
        let gradient = try values[0].orNone.map { (value) throws(PyError) in try tensorArgument(value, "gradient") }
        let retain = try values[1].orNone.map { (value) throws(PyError) in try truthy(value) } ?? false
        guard box.requiresGrad else {
            throw PyError.runtime(
                "element 0 of tensors does not require grad and does not have a grad_fn (nothing that went into this "
                    + "tensor has requires_grad=True, or it was computed under torch.no_grad())")
        }
        let root = box.tracked()
        try engine { () throws(TensorError) in
            try Autograd.backward(root, gradient: gradient, retainGraph: retain)
        }
        return .none
    }

    /// The text after the values in a tensor's repr: `requires_grad=True` on leaves that require
    /// grad, `grad_fn=<MulBackward0>` on recorded results.
    func autogradSuffixes(_ box: TensorBox) -> [String] {
        if let node = box.gradFn, !node.isAccumulator { return ["grad_fn=<\(node.name)>"] }
        return box.requiresGrad ? ["requires_grad=True"] : []
    }
}

/// `torch.no_grad()`, `torch.enable_grad()` and `torch.set_grad_enabled(mode)`: context managers
/// that switch recording off (or on) for their block and restore the previous mode after it.
final class GradModeContext: PyObject {
    let enabled: Bool
    let name: String
    private var saved: [Bool] = []

    /// The mode to restore on exit when the mode was already switched before `__enter__`
    /// (`set_grad_enabled` switches on the call).
    private let previous: Bool?

    init(enabled: Bool, name: String, previous: Bool? = nil) {
        self.enabled = enabled
        self.name = name
        self.previous = previous
    }

    override var typeName: String { name }

    override func attribute(_ attribute: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch attribute {
        case "__enter__":
            return .builtin(
                BuiltinFunction(attribute) { [self] interpreter, _ in
                    saved.append(previous ?? interpreter.gradEnabled)
                    interpreter.gradEnabled = enabled
                    return .none
                })
        case "__exit__":
            return .builtin(
                BuiltinFunction(attribute) { [self] interpreter, _ in
                    interpreter.gradEnabled = saved.popLast() ?? true
                    return .bool(false)
                })
        default:
            return nil
        }
    }
}
