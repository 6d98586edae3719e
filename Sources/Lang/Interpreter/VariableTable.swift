/// The variables of one scope: a short array searched linearly while small (function locals are
/// usually a handful, and comparing short strings is cheaper than hashing them), a dictionary
/// once it grows (module globals).
struct VariableTable {
    private var names: [String] = []
    private var keys: [UInt64] = []
    private var values: [Value] = []
    private var index: [String: Int]?
    /// Above this many variables the table switches to hashing.
    private static let linearLimit = 12

    init() {}

    private func position(of name: String) -> Int? {
        if let index { return index[name] }
        let key = VariableTable.key(name)
        if key != 0 {
            for offset in keys.indices where keys[offset] == key { return offset }
            return nil
        }
        for offset in names.indices where names[offset] == name { return offset }
        return nil
    }

    /// A name of up to seven UTF-8 bytes packed with its length into one word, so that the
    /// linear search compares integers; 0 for longer names (compared as strings).
    private static func key(_ name: String) -> UInt64 {
        var name = name
        return name.withUTF8 { bytes -> UInt64 in
            guard bytes.count <= 7 else { return 0 }
            var key = UInt64(bytes.count) << 56
            for (offset, byte) in bytes.enumerated() { key |= UInt64(byte) << (UInt64(offset) * 8) }
            return key
        }
    }

    subscript(name: String) -> Value? {
        get {
            guard let offset = position(of: name) else { return nil }
            return values[offset]
        }
        set {
            if let offset = position(of: name) {
                if let newValue {
                    values[offset] = newValue
                } else {
                    _ = removeValue(forKey: name)
                }
                return
            }
            guard let newValue else { return }
            names.append(name)
            keys.append(VariableTable.key(name))
            values.append(newValue)
            if index != nil {
                index?[name] = names.count - 1
            } else if names.count > VariableTable.linearLimit {
                index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
            }
        }
    }

    /// Removes a variable, returning its value if it existed.
    mutating func removeValue(forKey name: String) -> Value? {
        guard let offset = position(of: name) else { return nil }
        let removed = values[offset]
        names.remove(at: offset)
        keys.remove(at: offset)
        values.remove(at: offset)
        if index != nil {
            index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        }
        return removed
    }
}
