/// Iteration over a value: lists, tuples, ranges, strings, dicts, tensors (along dim 0) and
/// objects that provide their own iterator.
struct ValueIterator {
    enum Storage {
        case array([Value])
        case list(ListBox)
        case range(Int, Int, Int)
        case custom(() throws(PyError) -> Value?)
    }

    var storage: Storage
    var position = 0

    init(_ storage: Storage) {
        self.storage = storage
        if case .range(let start, _, _) = storage { position = start }
    }

    mutating func next() throws(PyError) -> Value? {
        switch storage {
        case .array(let items):
            guard position < items.count else { return nil }
            position += 1
            return items[position - 1]
        case .list(let box):
            guard position < box.items.count else { return nil }
            position += 1
            return box.items[position - 1]
        case .range(_, let stop, let step):
            guard step > 0 ? position < stop : position > stop else { return nil }
            let value = position
            let (next, overflow) = position.addingReportingOverflow(step)
            position = overflow ? stop : next
            return .int(value)
        case .custom(let next):
            return try next()
        }
    }
}
