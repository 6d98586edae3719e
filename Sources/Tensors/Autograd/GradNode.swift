/// One recorded operation of the autograd graph: PyTorch's `grad_fn`.
///
/// A node knows the nodes of its differentiable inputs (`nil` where an input does not require
/// grad) and a backward function that maps the gradient of its output to the gradients of its
/// inputs. Leaves that require grad end in an accumulator node, which adds the gradient that
/// reaches it to its ``GradientSink`` (the tensor's `.grad`).
///
/// Nodes are reference types because a graph shares them: `y = x * x` has one node for `x` used
/// twice, and the backward pass sums what flows into it before going further.
public final class GradNode {
    /// Computes input gradients from the output gradient; `needs[i]` says whether input `i`
    /// wants one (the function may return `nil` for the others).
    public typealias Backward = (_ gradient: Tensor, _ needs: [Bool]) throws(TensorError) -> [Tensor?]
    /// Describes the gradient of the node's one input with that input's own ``pointwise`` formula
    /// already applied, or returns `nil` for a formula it does not fuse.
    typealias FusedBackward = (_ gradient: Tensor, _ then: PointwiseGradient) -> SigmoidPoolingGradient?
    /// Computes input gradients (as ``Backward``) from a described output gradient, or returns `nil`
    /// when it needs the gradient written out.
    typealias DescribedBackward = (_ gradient: SigmoidPoolingGradient, _ needs: [Bool]) throws(TensorError) ->
        [Tensor?]?

    /// PyTorch's class name for the node, e.g. `MulBackward0` (shown by `.grad_fn`).
    public let name: String
    /// The nodes of the inputs, in the order the backward function returns their gradients.
    public private(set) var inputs: [GradNode?]
    /// The shape of the node's output (the gradient that flows in has it).
    let outputShape: [Int]
    private var backward: Backward?
    /// Values saved for the backward pass, with the version they had when saved.
    private let saved: [SavedVersion]
    /// Where an accumulator node delivers its gradient; weak so a tensor does not keep itself alive.
    private weak var sink: (any GradientSink)?
    /// Whether this node is a leaf's accumulator (`AccumulateGrad`).
    public let isAccumulator: Bool
    /// The node's backward as an elementwise formula, which the node feeding it its gradient may
    /// apply as it writes that gradient (``Autograd``); `nil` for most nodes.
    var pointwise: PointwiseGradient?
    /// The node's backward fused with its one input's ``pointwise`` formula; `nil` for most nodes.
    var fusedBackward: FusedBackward?
    /// The node's backward from an output gradient that is described, not written; `nil` for most
    /// nodes.
    var describedBackward: DescribedBackward?

    init(name: String, inputs: [GradNode?], outputShape: [Int], saved: [SavedVersion], backward: @escaping Backward) {
        self.name = name
        self.inputs = inputs
        self.outputShape = outputShape
        self.saved = saved
        self.backward = backward
        self.isAccumulator = false
    }

    /// The accumulator of a leaf tensor: gradients reaching it are added to `sink`.
    public init(accumulatingInto sink: any GradientSink) {
        name = "AccumulateGrad"
        inputs = []
        outputShape = []
        saved = []
        backward = nil
        isAccumulator = true
        self.sink = sink
    }

    /// Tears a long chain down iteratively: releasing a node whose inputs are released in turn
    /// would otherwise recurse once per node (`for _ in range(100_000): y = y + 1`).
    deinit {
        var pending = inputs.compactMap { $0 }
        inputs = []
        while var node = pending.popLast() {
            guard isKnownUniquelyReferenced(&node) else { continue }
            pending.append(contentsOf: node.inputs.compactMap { $0 })
            node.inputs = []
        }
    }

    /// Runs the node for the gradient of its output.
    ///
    /// With `alreadyApplied`, the node's ``pointwise`` formula was applied by the node that fed it
    /// `gradient` (a fused pass): the node checks what it would check before running, then passes
    /// `gradient` on to its input unchanged.
    func apply(_ gradient: Tensor, alreadyApplied: Bool = false) throws(TensorError) -> [Tensor?] {
        if isAccumulator {
            try sink?.accumulateGradient(gradient)
            return []
        }
        let backward = try runnableBackward()
        if alreadyApplied { return [gradient] }
        return try backward(gradient, inputs.map { $0 != nil })
    }

    /// Runs the node fused with its one input's `pointwise` formula: the gradient of that input's
    /// own input, described, or `nil` when this node does not fuse the formula.
    func apply(_ gradient: Tensor, fusing pointwise: PointwiseGradient) throws(TensorError) -> SigmoidPoolingGradient? {
        guard let fusedBackward else { return nil }
        _ = try runnableBackward()
        return fusedBackward(gradient, pointwise)
    }

    /// Runs the node for a described gradient of its output: with ``describedBackward`` where it
    /// takes the description, else on the gradient written out.
    func apply(described gradient: SigmoidPoolingGradient) throws(TensorError) -> [Tensor?] {
        let backward = try runnableBackward()
        let needs = inputs.map { $0 != nil }
        if let describedBackward, let gradients = try describedBackward(gradient, needs) { return gradients }
        return try backward(try gradient.materialized(), needs)
    }

    /// The backward function, after checking that the graph was not freed and that no saved value
    /// changed in place since it was saved.
    private func runnableBackward() throws(TensorError) -> Backward {
        guard let backward else {
            throw TensorError(
                .runtime,
                "Trying to backward through the graph a second time (or directly access saved tensors after they "
                    + "have already been freed). Saved intermediate values of the graph are freed when you call "
                    + ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through "
                    + "the graph a second time or if you need to access saved tensors after calling backward.")
        }
        for value in saved {
            try value.check(node: name)
        }
        return backward
    }

    /// Frees the saved values after a backward pass that did not ask to retain the graph.
    func release() {
        backward = nil
        pointwise = nil
        fusedBackward = nil
        describedBackward = nil
    }
}

/// Where a leaf's accumulator delivers gradients: the tensor object whose `.grad` they sum into.
public protocol GradientSink: AnyObject {
    /// Adds `gradient` (already of the leaf's shape) to the accumulated gradient.
    func accumulateGradient(_ gradient: Tensor) throws(TensorError)
}
