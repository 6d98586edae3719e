/// The backward pass: walks the graph from a result back to the leaves, summing the
/// gradients that reach each node before running it, and delivering the totals to the leaves'
/// `.grad`.
public enum Autograd {
    /// Computes the gradient of `root` with respect to every leaf that requires grad.
    ///
    /// - Parameters:
    ///   - root: the value to differentiate (`l.sum()` in `l.sum().backward()`).
    ///   - gradient: the gradient of some scalar with respect to `root`; may be omitted only
    ///     when `root` has one element (it is then 1, as in PyTorch).
    ///   - retainGraph: keep the saved values so the graph can be walked again.
    /// - Throws: PyTorch's errors for a root that does not require grad, a non-scalar root
    ///   without a gradient, a gradient of the wrong shape, a second walk of a freed graph, or a
    ///   saved value changed in place.
    public static func backward(
        _ root: TrackedTensor, gradient: Tensor? = nil, retainGraph: Bool = false
    ) throws(TensorError) {
        guard let rootNode = root.node else {
            throw TensorError(.runtime, "element 0 of tensors does not require grad and does not have a grad_fn")
        }
        let seed: Tensor
        if let gradient {
            guard gradient.shape == root.shape || gradient.count == root.tensor.count && gradient.count == 1 else {
                throw .shape(
                    "Mismatch in shape: grad_output[0] has a shape of torch.Size(\(formatSizeList(gradient.shape))) and "
                        + "output[0] has a shape of torch.Size(\(formatSizeList(root.shape))).")
            }
            seed = try gradient.to(.float32).reshape(root.shape)
        } else {
            guard root.tensor.count == 1 else {
                throw TensorError(
                    .runtime,
                    "grad can be implicitly created only for scalar outputs (backward() on a tensor of shape "
                        + "\(formatSizeList(root.shape)) needs a gradient argument of the same shape, e.g. "
                        + "y.backward(torch.ones_like(y)), or reduce it first with y.sum().backward())")
            }
            seed = try Tensor.ones(root.shape)
        }
        let order = topologicalOrder(from: rootNode)
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(rootNode): seed]
        defer {
            if !retainGraph { order.forEach { $0.release() } }
        }
        var fusion = BackwardFusion(order)
        for node in order {
            guard let gradient = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
            let inputGradients = try fusion.apply(node, gradient)
            for (input, inputGradient) in zip(node.inputs, inputGradients) {
                guard let input, let inputGradient else { continue }
                let key = ObjectIdentifier(input)
                if let existing = pending[key] {
                    pending[key] = try existing + inputGradient
                } else {
                    pending[key] = inputGradient
                }
            }
        }
    }

    /// The nodes reachable from `root`, each before every node it feeds (reverse post-order of
    /// a depth-first walk), computed without recursion so deep graphs cannot overflow the stack.
    static func topologicalOrder(from root: GradNode) -> [GradNode] {
        var visited: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
        var postOrder: [GradNode] = []
        var stack: [(node: GradNode, nextInput: Int)] = [(root, 0)]
        while let top = stack.last {
            if top.nextInput < top.node.inputs.count {
                stack[stack.count - 1].nextInput += 1
                if let input = top.node.inputs[top.nextInput], visited.insert(ObjectIdentifier(input)).inserted {
                    stack.append((input, 0))
                }
            } else {
                postOrder.append(top.node)
                stack.removeLast()
            }
        }
        return postOrder.reversed()
    }
}

/// A shape as PyTorch lists it inside `torch.Size(...)`: `[2, 3]`.
func formatSizeList(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}
