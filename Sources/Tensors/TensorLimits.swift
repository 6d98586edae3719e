import Synchronization

/// Process-wide limits that keep a runaway computation from exhausting memory.
///
/// Every tensor allocation checks its element count against ``maxElements`` (overflow-safe)
/// and fails with a clear ``TensorError`` instead of trapping or swapping.
public enum TensorLimits {
    private static let elementCap = Atomic<Int>(1 << 28)

    /// The largest number of elements a single tensor may have (default 2^28 = 268,435,456, 1 GiB
    /// of float32): room for the book's largest layer, VGG's 25088 × 4096 `Linear` (102,760,448
    /// weights), with a margin.
    public static var maxElements: Int {
        get { elementCap.load(ordering: .relaxed) }
        set { elementCap.store(newValue, ordering: .relaxed) }
    }

    /// The number of elements of a new tensor of `shape` and `dtype`, checked for negative sizes,
    /// overflow and the cap, and, under an address-space cap, that its storage can be allocated
    /// (``AddressSpace``).
    ///
    /// - Throws: ``TensorError`` of kind `.value` for a negative size, `.limit` when the product
    ///   overflows or exceeds ``maxElements``, `.memory` when the storage does not fit.
    public static func elementCount(of shape: [Int], dtype: DType = .float32) throws(TensorError) -> Int {
        let count = try checkedElementCount(of: shape)
        try AddressSpace.admit(bytes: count * dtype.byteWidth, shape: shape)
        return count
    }

    /// The number of elements of `shape`, checked as ``elementCount(of:dtype:)`` does but without
    /// the allocation check: for storage that exists already.
    static func checkedElementCount(of shape: [Int]) throws(TensorError) -> Int {
        try checkRank(shape)
        var count = 1
        var overflowed = false
        for size in shape {
            guard size >= 0 else {
                throw .value("negative dimension \(size) in shape \(formatShape(shape))")
            }
            if overflowed { continue }
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            if overflow { overflowed = true } else { count = product }
        }
        if overflowed && !shape.contains(0) {
            throw TensorError(.limit, "a tensor of shape \(formatShape(shape)) is too large to represent")
        }
        if overflowed { return 0 }
        let cap = maxElements
        guard count <= cap else {
            throw TensorError(
                .limit,
                "a tensor of shape \(formatShape(shape)) would have \(count) elements; the limit is \(cap)")
        }
        return count
    }
}

extension TensorLimits {
    /// The most dimensions a tensor may have (PyTorch's own limit is 64 as well); deeper shapes
    /// would make printing and `tolist` recurse without bound.
    public static let maxRank = 64

    /// Refuses shapes with more than ``maxRank`` dimensions.
    static func checkRank(_ shape: [Int]) throws(TensorError) {
        guard shape.count <= maxRank else {
            throw TensorError(
                .limit, "a tensor may have at most \(maxRank) dimensions, but \(shape.count) were requested")
        }
    }
}

/// Formats a shape the way PyTorch prints sizes in messages: `[2, 3, 3]`.
public func formatShape(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}
