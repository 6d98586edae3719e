/// Counts in-place changes of a tensor object, so the backward pass can tell that a value it
/// saved has been overwritten since (PyTorch's `_version`).
///
/// Engine tensors are values, so a saved tensor never actually changes; the counter exists to
/// report the same error PyTorch reports, because code that relies on it would compute
/// something else in PyTorch.
public final class VersionCounter {
    /// How many in-place changes the tensor has seen.
    public private(set) var value = 0

    public init() {}

    /// Records one in-place change.
    public func bump() {
        value &+= 1
    }
}

/// A saved input of a node together with the version it had when the node was recorded.
struct SavedVersion {
    let counter: VersionCounter
    let expected: Int
    let shape: [Int]
    /// The node that produced the saved value (for the message), if any.
    let producer: String?

    /// - Throws: PyTorch's error when the tensor was modified in place after being saved.
    func check(node: String) throws(TensorError) {
        guard counter.value != expected else { return }
        let origin = producer.map { ", which is output 0 of \($0)," } ?? ""
        throw TensorError(
            .runtime,
            "one of the variables needed for gradient computation has been modified by an inplace operation: "
                + "[torch.FloatTensor [\(shape.map(String.init).joined(separator: ", "))]]\(origin) is at version \(counter.value); expected "
                + "version \(expected) instead. (The tensor was changed in place after \(node) saved it for the "
                + "backward pass.)")
    }
}
