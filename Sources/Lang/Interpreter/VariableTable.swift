/// The variables of one scope: a short array searched linearly while small (function locals are
/// usually a handful, and comparing short strings is cheaper than hashing them), a dictionary
/// once it grows (module globals).
struct VariableTable {
    /// One variable; `key` packs a short name into a word (see ``key(_:)``).
    private struct Entry {
        let key: UInt64
        let name: String
        var value: Value
    }

    /// All variables in one array, so that a new scope costs one allocation, not three.
    private var entries: [Entry] = []
    private var index: [String: Int]?
    /// Above this many variables the table switches to hashing.
    private static let linearLimit = 12

    init() {}

    private func position(of name: String) -> Int? {
        if let index { return index[name] }
        return position(of: name, key: VariableTable.key(name))
    }

    @inline(__always)
    private func position(of name: String, key: UInt64) -> Int? {
        if let index { return index[name] }
        if key != 0 {
            for offset in entries.indices.reversed() where entries[offset].key == key { return offset }
            return nil
        }
        for offset in entries.indices where entries[offset].name == name { return offset }
        return nil
    }

    /// A name of up to seven UTF-8 bytes packed with its length into one word, so that the
    /// linear search compares integers; 0 for longer names (compared as strings).
    static func key(_ name: String) -> UInt64 {
        var name = name
        return name.withUTF8 { bytes -> UInt64 in
            guard bytes.count <= 7 else { return 0 }
            var key = UInt64(bytes.count) << 56
            for offset in 0..<bytes.count { key |= UInt64(bytes[offset]) << (UInt64(offset) &* 8) }
            return key
        }
    }

    /// The names of all variables, in the order they were first assigned.
    var names: [String] { entries.map(\.name) }

    /// The value of `name`, whose ``key(_:)`` the caller already knows.
    @inline(__always)
    func value(of name: String, key: UInt64) -> Value? {
        guard let offset = position(of: name, key: key) else { return nil }
        return entries[offset].value
    }

    /// The value of the variable whose packed ``key(_:)`` is `key` (nonzero: the name has at
    /// most seven bytes, so the key identifies it), searched only while the table is a short
    /// array; `nil` when absent or when the table hashes (the caller then takes the general path).
    @inline(__always)
    func shortTableValue(forKey key: UInt64) -> Value? {
        guard index == nil else { return nil }
        // Newest first: a loop's variables (`i`, `j`), read most often, are bound last.
        for offset in entries.indices.reversed() where entries[offset].key == key { return entries[offset].value }
        return nil
    }

    /// Sets `name`, whose ``key(_:)`` the caller already knows (a loop variable on every
    /// iteration), without packing the name again.
    @inline(__always)
    mutating func set(_ name: String, key: UInt64, _ value: Value) {
        if let offset = position(of: name, key: key) {
            entries[offset].value = value
        } else {
            self[name] = value
        }
    }

    subscript(name: String) -> Value? {
        get {
            guard let offset = position(of: name) else { return nil }
            return entries[offset].value
        }
        set {
            if let offset = position(of: name) {
                if let newValue {
                    entries[offset].value = newValue
                } else {
                    _ = removeValue(forKey: name)
                }
                return
            }
            guard let newValue else { return }
            // Most scopes are function locals: one allocation sized for a typical handful.
            if entries.capacity == 0 { entries.reserveCapacity(8) }
            entries.append(Entry(key: VariableTable.key(name), name: name, value: newValue))
            if index != nil {
                index?[name] = entries.count - 1
            } else if entries.count > VariableTable.linearLimit {
                index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.name, $0) })
            }
        }
    }

    /// Every variable in definition order (a class body's namespace becomes the class's).
    var allVariables: [(name: String, value: Value)] { entries.map { ($0.name, $0.value) } }

    /// Removes a variable, returning its value if it existed.
    mutating func removeValue(forKey name: String) -> Value? {
        guard let offset = position(of: name) else { return nil }
        let removed = entries.remove(at: offset).value
        if index != nil {
            index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.name, $0) })
        }
        return removed
    }
}
