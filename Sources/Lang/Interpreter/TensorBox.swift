import Tensors

/// A tensor with identity: assignments through an index (`Y[i, j] = v`) mutate the shared box.
///
/// The box is also where autograd state lives, because in PyTorch `requires_grad`, `.grad`,
/// `grad_fn` and being an `nn.Parameter` belong to the tensor object, not to its values.
/// `.data` and `.detach()` return boxes that alias another box's elements (PyTorch shares the
/// storage), so `w.data[:] -= lr * w.grad` updates `w` without being recorded.
final class TensorBox {
    /// Not checked for exclusive access at run time (read by every tensor operation): in-place
    /// updates run engine code, which never sees boxes, so no access can overlap another.
    @exclusivity(unchecked) private var ownTensor: Tensor
    /// The box whose elements this one shows (`.data`, `.detach()`), `nil` for an ordinary tensor.
    let base: TensorBox?
    /// The ordinary box at the end of the `base` chain, which holds the elements (`w.data.data`
    /// shows `w`'s); `nil` for an ordinary tensor. Reading through it directly keeps the accessor
    /// below non-recursive, so the compiler can inline it into every tensor operation.
    private let root: TensorBox?
    /// Whether in-place changes count against the base's version (`detach()` yes, `.data` no).
    let sharesVersion: Bool

    /// The elements; for an alias, the base's elements. A plain getter rather than a read
    /// coroutine: inlined, it lets a caller that needs one field (`box.tensor.shape`) load just
    /// that field.
    var tensor: Tensor {
        get {
            if let root { return root.ownTensor }
            return ownTensor
        }
        _modify {
            if let root { yield &root.ownTensor } else { yield &ownTensor }
        }
    }
    /// Whether gradients flow into this tensor: set on leaves by `requires_grad`, and on every
    /// result of a recorded operation.
    var requiresGrad = false
    /// Whether this tensor was made by `nn.Parameter`; modules register only parameters.
    var isParameter = false
    /// The accumulated gradient (`.grad`), `None` until a backward pass reaches this tensor.
    var grad: TensorBox?
    /// The operation that produced this tensor (`.grad_fn`); `nil` for leaves.
    var gradFn: GradNode?
    /// Counts in-place changes once an operation has saved this tensor for its backward pass.
    var ownVersion: VersionCounter?
    /// Whether a recorded graph may send gradients here (an accumulator was made for this box):
    /// such a box is never reused for another result.
    var hasGradientSink = false

    init(_ tensor: Tensor) {
        ownTensor = tensor
        base = nil
        root = nil
        sharesVersion = false
    }

    /// The result of an operation: requires grad exactly when the operation was recorded.
    init(_ tracked: TrackedTensor) {
        ownTensor = tracked.tensor
        base = nil
        root = nil
        sharesVersion = false
        gradFn = tracked.node
        requiresGrad = tracked.node != nil
    }

    /// A box showing `base`'s elements without its autograd history.
    init(aliasing base: TensorBox, sharingVersion: Bool) {
        ownTensor = Tensor(scalar: 0)
        self.base = base
        root = base.root ?? base
        self.sharesVersion = sharingVersion
    }
}
