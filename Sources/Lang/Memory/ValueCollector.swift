/// Values gathered into a new array (a comprehension's results, `list(iterable)`, the rows of
/// `zip`), checked against the memory budget as they come, before any list holds them.
struct ValueCollector {
    /// The values so far.
    private(set) var items: [Value] = []
    /// Their estimated bytes, as a list holding them would be charged.
    private var bytes = MemoryBudget.containerBytes
    private let budget: MemoryBudget
    /// What the values become (for the message when they do not fit).
    private let container: MemoryRequest.Container

    init(budget: MemoryBudget, for container: MemoryRequest.Container = .list) {
        self.budget = budget
        self.container = container
    }

    /// Adds a value; `MemoryError` when the values would no longer fit.
    @inline(__always)
    mutating func append(_ value: Value) throws(PyError) {
        bytes += MemoryBudget.itemBytes(of: value)
        try budget.check(bytes, for: .new(container, count: items.count + 1))
        items.append(value)
    }
}
