/// A Python dict (or set, with `none` values): insertion-ordered, keyed by hashable values.
final class DictBox {
    private(set) var entries: [(key: Value, value: Value)] = []
    private var index: [HashKey: Int] = [:]

    init() {}

    var count: Int { entries.count }

    func get(_ key: HashKey) -> Value? {
        guard let position = index[key] else { return nil }
        return entries[position].value
    }

    func set(_ key: Value, _ hash: HashKey, _ value: Value) {
        if let position = index[hash] {
            entries[position].value = value
        } else {
            index[hash] = entries.count
            entries.append((key, value))
        }
    }

    @discardableResult
    func remove(_ hash: HashKey) -> Value? {
        guard let position = index[hash] else { return nil }
        let removed = entries.remove(at: position).value
        index.removeValue(forKey: hash)
        for (offset, entry) in entries.enumerated().dropFirst(position) {
            if let key = try? HashKey(entry.key) { index[key] = offset }
        }
        return removed
    }

    func removeAll() {
        entries.removeAll()
        index.removeAll()
    }

    func copy() -> DictBox {
        let other = DictBox()
        other.entries = entries
        other.index = index
        return other
    }
}

/// The hashable identity of a dict key, following Python's rule that equal numbers are the
/// same key (`1`, `1.0` and `True`).
enum HashKey: Hashable {
    case none
    case int(Int)
    case float(Double)
    case str(String)
    case tuple([HashKey])
    case object(ObjectIdentifier)

    init(_ value: Value) throws(PyError) {
        switch value {
        case .none: self = .none
        case .bool(let flag): self = .int(flag ? 1 : 0)
        case .int(let number): self = .int(number)
        case .float(let number):
            if number.rounded() == number, let exact = Int(exactly: number) {
                self = .int(exact)
            } else {
                self = .float(number)
            }
        case .str(let text): self = .str(text)
        case .tuple(let items):
            var keys: [HashKey] = []
            for item in items { keys.append(try HashKey(item)) }
            self = .tuple(keys)
        case .size(let sizes): self = .tuple(sizes.map { .int($0) })
        case .function(let function): self = .object(ObjectIdentifier(function))
        case .builtin(let function): self = .object(ObjectIdentifier(function))
        case .type(let type): self = .object(ObjectIdentifier(type))
        case .module(let module): self = .object(ObjectIdentifier(module))
        case .object(let object): self = .object(ObjectIdentifier(object))
        case .tensor(let box): self = .object(ObjectIdentifier(box))
        case .dtype(let dtype): self = .str("torch." + dtype.rawValue)
        case .range(let start, let stop, let step): self = .tuple([.str("range"), .int(start), .int(stop), .int(step)])
        case .list, .dict, .set, .slice, .ellipsis:
            throw PyError("TypeError", "unhashable type: '\(typeName(of: value))'")
        }
    }
}
