import Tensors

extension TensorBox: GradientSink {
    /// Adds a gradient to `.grad` in place, so a `.grad` object already handed out (and, say,
    /// zeroed with `.grad.zero_()`) sees the new total, as in PyTorch.
    func accumulateGradient(_ gradient: Tensor) throws(TensorError) {
        let values = gradient.shape == tensor.shape ? gradient : try gradient.summed(toShape: tensor.shape)
        if let grad, grad.tensor.shape == values.shape {
            try grad.tensor.applyInPlace(.add, values)
        } else {
            grad = TensorBox(values)
        }
    }

    /// Whether this box may take an operation's result in place of a new box, once the caller
    /// knows it holds the only reference: a plain tensor with no alias, no autograd state and no
    /// version counter, so nothing (not a saved tensor, a `.data` view or a graph) can see it.
    var isReusableForResult: Bool {
        base == nil && !requiresGrad && gradFn == nil && grad == nil && ownVersion == nil && !isParameter
            && !hasGradientSink
    }

    /// Whether this tensor is a leaf of the graph (`is_leaf`): made by the user, not by a
    /// recorded operation.
    var isLeaf: Bool { gradFn?.isAccumulator ?? true }

    /// The counter in-place changes bump: the base's for a `detach()` alias, this box's otherwise.
    var versionCounter: VersionCounter {
        if sharesVersion, let base { return base.versionCounter }
        if let ownVersion { return ownVersion }
        let counter = VersionCounter()
        ownVersion = counter
        return counter
    }

    /// Records an in-place change (PyTorch's `_version`, which a saved tensor checks).
    func noteInPlaceChange() {
        versionCounter.bump()
    }

    /// The tensor as an operand of a recorded operation: its node is its `grad_fn`, or a fresh
    /// accumulator when it is a leaf that requires grad.
    func tracked() -> TrackedTensor {
        if gradFn == nil && requiresGrad { hasGradientSink = true }
        let node = gradFn ?? (requiresGrad ? GradNode(accumulatingInto: self) : nil)
        return TrackedTensor(tensor, node: node, version: versionCounter)
    }
}

extension Tensor {
    /// Sums a gradient to `shape` (a broadcast gradient reaching a smaller leaf).
    fileprivate func summed(toShape shape: [Int]) throws(TensorError) -> Tensor {
        try TrackedTensor.reduceGradient(self, to: shape)
    }
}
