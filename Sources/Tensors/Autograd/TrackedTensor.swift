/// A tensor together with its place in the autograd graph: the operand and result type of every
/// differentiable operation.
///
/// `node` is the `grad_fn` that produced the tensor, or the accumulator of a leaf that requires
/// grad; `nil` means "no gradient flows here" (a constant, or anything computed under
/// `no_grad`). `version` is the counter of the tensor object, when it has one, so nodes that
/// save the tensor can later detect an in-place change.
///
/// ```swift
/// let w = TrackedTensor(weightValues, node: GradNode(accumulatingInto: weightBox))
/// let y = try TrackedTensor.binary(.mul, w, TrackedTensor(x))   // y.node is MulBackward0
/// try Autograd.backward(try y.sum())
/// ```
public struct TrackedTensor {
    /// The values.
    public var tensor: Tensor
    /// The node gradients flow into; `nil` when the value does not require grad.
    public var node: GradNode?
    /// The in-place counter of the tensor object the values came from.
    public var version: VersionCounter?

    /// Wraps values; with no node they are a constant for autograd.
    public init(_ tensor: Tensor, node: GradNode? = nil, version: VersionCounter? = nil) {
        self.tensor = tensor
        self.node = node
        self.version = version
    }

    /// Whether a gradient flows into this value.
    public var requiresGrad: Bool { node != nil }

    /// The shape of the values.
    public var shape: [Int] { tensor.shape }

    /// Records `result` as the output of an operation on `inputs`.
    ///
    /// When no input requires grad, nothing is recorded and the result is a constant. `saving`
    /// lists the inputs whose values the backward function reads, so an in-place change of one
    /// of them is reported when the backward pass runs.
    public static func record(
        _ name: String, _ result: Tensor, inputs: [TrackedTensor], saving: [TrackedTensor] = [],
        backward: @escaping GradNode.Backward
    ) -> TrackedTensor {
        guard inputs.contains(where: { $0.node != nil }) else { return TrackedTensor(result) }
        let saved = saving.compactMap { input -> SavedVersion? in
            guard let counter = input.version else { return nil }
            return SavedVersion(
                counter: counter, expected: counter.value, shape: input.shape,
                producer: input.node.flatMap { $0.isAccumulator ? nil : $0.name })
        }
        let node = GradNode(
            name: name, inputs: inputs.map(\.node), outputShape: result.shape, saved: saved, backward: backward)
        return TrackedTensor(result, node: node)
    }
}
