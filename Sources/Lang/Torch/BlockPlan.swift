/// Which block a subscript selects from a tensor of rank 1 to 4: per dimension the first
/// position, how many positions, and whether the dimension is kept (a slice) or dropped (an int).
///
/// Held inline (no heap allocation), because the book's loops plan one subscript per iteration.
struct BlockPlan {
    /// The most dimensions a plan holds.
    static let capacity = 4

    /// The number of dimensions planned so far.
    private(set) var count = 0
    private var firsts = IntQuad()
    private var counts = IntQuad()
    private var keptMask: UInt8 = 0

    init() {}

    /// Appends the entry of the next dimension; the caller keeps `count` below ``capacity``.
    mutating func append(_ entry: (first: Int, count: Int, keeps: Bool)) {
        precondition(count < BlockPlan.capacity, "BlockPlan holds at most four dimensions")
        firsts[count] = entry.first
        counts[count] = entry.count
        if entry.keeps { keptMask |= 1 << UInt8(count) }
        count += 1
    }

    /// The first selected position along `dimension`.
    func first(_ dimension: Int) -> Int { firsts[dimension] }
    /// How many positions are selected along `dimension`.
    func extent(_ dimension: Int) -> Int { counts[dimension] }
    /// Whether `dimension` stays in the result (a slice) or is dropped (an int).
    func keeps(_ dimension: Int) -> Bool { keptMask & (1 << UInt8(dimension)) != 0 }

    /// The number of selected elements.
    var elementCount: Int {
        var total = 1
        for dimension in 0..<count { total *= counts[dimension] }
        return total
    }
}
