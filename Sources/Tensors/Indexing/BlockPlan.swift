/// Which block a subscript selects from a tensor of rank 1 to 4: per dimension the first
/// position, how many positions, and whether the dimension is kept (a slice) or dropped (an int).
///
/// Held inline (no heap allocation), because the book's loops plan one subscript per iteration; the
/// interpreter fills one straight from its values (`X[i:i + h, j:j + w]`) and `Tensor.block(_:)` copies it.
public struct BlockPlan: Sendable {
    /// The most dimensions a plan holds.
    public static let capacity = 4

    /// The number of dimensions planned so far.
    public private(set) var count = 0
    private var firsts = IntQuad()
    private var counts = IntQuad()
    private var keptMask: UInt8 = 0

    /// An empty plan.
    public init() {}

    /// Appends the entry of the next dimension; the caller keeps `count` below ``capacity``.
    public mutating func append(_ entry: (first: Int, count: Int, keeps: Bool)) {
        precondition(count < BlockPlan.capacity, "BlockPlan holds at most four dimensions")
        firsts[count] = entry.first
        counts[count] = entry.count
        if entry.keeps { keptMask |= 1 << UInt8(count) }
        count += 1
    }

    /// The first selected position along `dimension`.
    public func first(_ dimension: Int) -> Int { firsts[dimension] }
    /// How many positions are selected along `dimension`.
    public func extent(_ dimension: Int) -> Int { counts[dimension] }
    /// Whether `dimension` stays in the result (a slice) or is dropped (an int).
    public func keeps(_ dimension: Int) -> Bool { keptMask & (1 << UInt8(dimension)) != 0 }

    /// The number of selected elements.
    public var elementCount: Int {
        var total = 1
        for dimension in 0..<count { total *= counts[dimension] }
        return total
    }
}
