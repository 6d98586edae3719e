/// Runs the nodes of one backward pass, fusing a node with its input's ``PointwiseGradient`` where
/// nobody can tell the difference.
///
/// A node `N` whose one input `M` has a pointwise formula (a sigmoid) and feeds no other node of the
/// graph computes `M`'s input gradient itself (``GradNode/apply(_:fusing:)``). That gradient then waits
/// for `M`'s turn in the usual order, where `M` makes its usual checks (a freed graph, a saved value
/// changed in place) and passes it on unchanged: every node runs at the same point of the walk, every
/// error is raised at the same point, and the values are the same bits, since the fused kernels use
/// the unfused ones' arithmetic. Only the intermediate gradient between `N` and `M`, which no one else
/// receives, is never written.
///
/// `N` describes that gradient (``SigmoidPoolingGradient``) rather than writing it. When `M`'s input
/// `P` takes a description (``GradNode/describedBackward``, a convolution) and feeds only `M`, the
/// description waits for `P`'s turn, and `P` computes its gradients from it: for the book's LeNet the
/// first convolution's output gradient, which nothing else reads, is then never written either. Else
/// `N` writes it out at once.
struct BackwardFusion {
    /// Whether backward passes fuse (on by default; `convbook bench train --fusion off` compares).
    static let setting = FusionSwitch()
    /// Whether fused gradients are handed on described (on by default; `convbook bench train
    /// --described off` writes them out at once).
    static let describing = FusionSwitch()

    /// How many edges of the graph lead into each node with a pointwise formula or a described backward.
    private let consumers: [ObjectIdentifier: Int]
    /// Nodes whose pending gradient already went through their formula.
    private var applied: Set<ObjectIdentifier> = []
    /// The described gradients of nodes that take one, by node; their pending gradient is a stand-in.
    private var described: [ObjectIdentifier: SigmoidPoolingGradient] = [:]
    private let describes: Bool

    /// Fuses where it may in the nodes of `order`, when `enabled` (by default, the switch
    /// ``setting``).
    init(_ order: [GradNode], enabled: Bool = Self.setting.isOn) {
        describes = Self.describing.isOn
        var consumers: [ObjectIdentifier: Int] = [:]
        if enabled {
            for node in order {
                for case let input? in node.inputs where input.pointwise != nil || input.describedBackward != nil {
                    consumers[ObjectIdentifier(input), default: 0] += 1
                }
            }
        }
        self.consumers = consumers
    }

    /// The gradients of `node`'s inputs from the gradient of its output.
    mutating func apply(_ node: GradNode, _ gradient: Tensor) throws(TensorError) -> [Tensor?] {
        if let description = described.removeValue(forKey: ObjectIdentifier(node)) {
            return try node.apply(described: description)
        }
        if applied.remove(ObjectIdentifier(node)) != nil { return try node.apply(gradient, alreadyApplied: true) }
        if node.inputs.count == 1, let input = node.inputs[0], let pointwise = input.pointwise,
            consumers[ObjectIdentifier(input)] == 1,
            let fused = try node.apply(gradient, fusing: pointwise)
        {
            applied.insert(ObjectIdentifier(input))
            if describes, input.inputs.count == 1, let producer = input.inputs[0], producer.describedBackward != nil,
                consumers[ObjectIdentifier(producer)] == 1
            {
                // `input` passes this stand-in on to `producer`, which uses the description instead.
                described[ObjectIdentifier(producer)] = fused
                return [gradient]
            }
            return [try fused.materialized()]
        }
        return try node.apply(gradient)
    }
}

/// Switches the backward pass's fusion (``BackwardFusion``) off and on, for A/B benchmarks.
@_spi(Benchmark) public enum BackwardFusionSwitch {
    /// Whether backward passes fuse a pooling's gradient with the sigmoid before it.
    public static var isOn: Bool {
        get { BackwardFusion.setting.isOn }
        set { BackwardFusion.setting.set(newValue) }
    }

    /// Whether the fused gradient goes on described to a convolution that takes it.
    public static var describes: Bool {
        get { BackwardFusion.describing.isOn }
        set { BackwardFusion.describing.set(newValue) }
    }
}
