/// A Python list: a mutable, shared array of values.
///
/// Its estimated size is charged to its session's ``MemoryBudget`` while it lives. The items
/// change only through the methods below, which keep the charge equal to the list's own
/// ``MemoryBudget/containerBytes`` plus ``MemoryBudget/itemBytes(of:)`` of every item, and
/// refuse a growth that does not fit with `MemoryError`, leaving the list as it was.
final class ListBox {
    /// The items.
    private(set) var items: [Value]
    private let budget: MemoryBudget
    /// The bytes charged to `budget` for this list, given back when it dies.
    private var chargedBytes: Int

    /// A list of `items`, charged to `budget`; `MemoryError` when they do not fit.
    init(_ items: [Value], budget: MemoryBudget) throws(PyError) {
        let bytes = MemoryBudget.listBytes(items)
        try budget.reserve(bytes, for: .new(.list, count: items.count))
        self.items = items
        self.budget = budget
        chargedBytes = bytes
    }

    deinit {
        budget.release(chargedBytes)
    }

    /// `list.append(value)`.
    func append(_ value: Value) throws(PyError) {
        try adjust(by: MemoryBudget.itemBytes(of: value), count: items.count + 1)
        items.append(value)
    }

    /// `list.extend(values)`, `list += values`.
    func append(contentsOf values: [Value]) throws(PyError) {
        try adjust(by: Self.bytes(of: values[...]), count: items.count + values.count)
        items += values
    }

    /// `list.insert(index, value)`, with `index` already clamped to the list.
    func insert(_ value: Value, at index: Int) throws(PyError) {
        try adjust(by: MemoryBudget.itemBytes(of: value), count: items.count + 1)
        items.insert(value, at: index)
    }

    /// `list[index] = value`.
    func replace(at index: Int, with value: Value) throws(PyError) {
        try adjust(by: MemoryBudget.itemBytes(of: value) - MemoryBudget.itemBytes(of: items[index]), count: items.count)
        items[index] = value
    }

    /// `list[start:stop] = values`.
    func replaceSubrange(_ range: Range<Int>, with values: [Value]) throws(PyError) {
        try adjust(
            by: Self.bytes(of: values[...]) - Self.bytes(of: items[range]),
            count: items.count - range.count + values.count)
        items.replaceSubrange(range, with: values)
    }

    /// Replaces all the items: `list.sort()`, `list.reverse()`, `del list[::2]`.
    func replaceAll(with values: [Value]) throws(PyError) {
        try adjust(by: Self.bytes(of: values[...]) - Self.bytes(of: items[...]), count: values.count)
        items = values
    }

    /// `list.pop(index)`, `del list[index]`, `list.remove(value)`.
    @discardableResult
    func remove(at index: Int) -> Value {
        let value = items.remove(at: index)
        release(MemoryBudget.itemBytes(of: value))
        return value
    }

    /// `list.clear()`.
    func removeAll() {
        release(Self.bytes(of: items[...]))
        items.removeAll()
    }

    /// Charges (or gives back) the difference a change makes; `count` is the length after it.
    private func adjust(by bytes: Int, count: Int) throws(PyError) {
        guard bytes > 0 else {
            release(-bytes)
            return
        }
        try budget.reserve(bytes, for: .growing(.list, to: count))
        chargedBytes += bytes
    }

    private func release(_ bytes: Int) {
        budget.release(bytes)
        chargedBytes -= bytes
    }

    private static func bytes(of values: ArraySlice<Value>) -> Int {
        var bytes = 0
        for value in values { bytes += MemoryBudget.itemBytes(of: value) }
        return bytes
    }
}
