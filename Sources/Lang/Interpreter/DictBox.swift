/// A Python dict (or set, with `none` values): insertion-ordered, keyed by hashable values.
///
/// Its estimated size is charged to its session's ``MemoryBudget`` while it lives, as a
/// ``ListBox``'s is: ``MemoryBudget/containerBytes``, plus for every entry
/// ``MemoryBudget/entryBytes`` and the payloads of its key and value. A growth that does not
/// fit is refused with `MemoryError`, leaving the dict as it was.
final class DictBox {
    private(set) var entries: [(key: Value, value: Value)] = []
    private var index: [HashKey: Int] = [:]
    private let budget: MemoryBudget
    /// Whether it is a set (only for messages).
    private let isSet: Bool
    /// The bytes charged to `budget` for this dict, given back when it dies.
    private var chargedBytes = MemoryBudget.containerBytes

    /// An empty dict (or set), charged to `budget`. Its own few bytes are charged without a
    /// check; its entries are checked as they come.
    init(budget: MemoryBudget, isSet: Bool = false) {
        self.budget = budget
        self.isSet = isSet
        budget.add(chargedBytes)
    }

    deinit {
        budget.release(chargedBytes)
    }

    var count: Int { entries.count }

    func get(_ key: HashKey) -> Value? {
        guard let position = index[key] else { return nil }
        return entries[position].value
    }

    /// `dict[key] = value`; for a set, adding `key`.
    func set(_ key: Value, _ hash: HashKey, _ value: Value) throws(PyError) {
        if let position = index[hash] {
            try adjust(
                by: MemoryBudget.payloadBytes(of: value) - MemoryBudget.payloadBytes(of: entries[position].value),
                for: .growing(kind, to: entries.count))
            entries[position].value = value
        } else {
            try adjust(by: DictBox.entryBytes(key, value), for: .growing(kind, to: entries.count + 1))
            index[hash] = entries.count
            entries.append((key, value))
        }
    }

    @discardableResult
    func remove(_ hash: HashKey) -> Value? {
        guard let position = index[hash] else { return nil }
        let removed = entries.remove(at: position)
        index.removeValue(forKey: hash)
        for (offset, entry) in entries.enumerated().dropFirst(position) {
            if let key = try? HashKey(entry.key) { index[key] = offset }
        }
        release(DictBox.entryBytes(removed.key, removed.value))
        return removed.value
    }

    func removeAll() {
        release(chargedBytes - MemoryBudget.containerBytes)
        entries.removeAll()
        index.removeAll()
    }

    /// A copy charged to the same budget; `MemoryError` when it does not fit.
    func copy() throws(PyError) -> DictBox {
        let other = DictBox(budget: budget, isSet: isSet)
        try other.adjust(by: chargedBytes - MemoryBudget.containerBytes, for: .new(kind, count: entries.count))
        other.entries = entries
        other.index = index
        return other
    }

    private static func entryBytes(_ key: Value, _ value: Value) -> Int {
        MemoryBudget.entryBytes + MemoryBudget.payloadBytes(of: key) + MemoryBudget.payloadBytes(of: value)
    }

    /// What it is, for messages.
    private var kind: MemoryRequest.Container { isSet ? .set : .dict }

    /// Charges (or gives back) the difference a change makes.
    private func adjust(by bytes: Int, for request: MemoryRequest) throws(PyError) {
        guard bytes > 0 else {
            release(-bytes)
            return
        }
        try budget.reserve(bytes, for: request)
        chargedBytes += bytes
    }

    private func release(_ bytes: Int) {
        budget.release(bytes)
        chargedBytes -= bytes
    }
}

/// The hashable identity of a dict key, following Python's rule that equal numbers are the
/// same key (`1`, `1.0` and `True`), and that strings are the same key only when their code
/// points are (``CodePointKey``).
enum HashKey: Hashable {
    case none
    case int(Int)
    case float(Double)
    case str(CodePointKey)
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
        case .str(let text): self = .str(CodePointKey(text))
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
        case .dtype(let dtype): self = .str(CodePointKey("torch." + dtype.rawValue))
        case .range(let start, let stop, let step):
            self = .tuple([.str(CodePointKey("range")), .int(start), .int(stop), .int(step)])
        case .list, .dict, .set, .slice, .ellipsis:
            throw PyError(.typeError, "unhashable type: '\(typeName(of: value))'")
        }
    }
}

/// A string as a dict key: equal and hashed by its code points (its UTF-8 bytes), where Swift's
/// `String` would make `"e\u{301}"` and `"\u{e9}"` one key.
struct CodePointKey: Hashable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: CodePointKey, rhs: CodePointKey) -> Bool {
        lhs.text.hasSameCodePoints(as: rhs.text)
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(text.utf8.count)
    }
}
