extension MemoryBudget {
    /// One slot of a list or tuple: a value.
    static let slotBytes = MemoryLayout<Value>.stride
    /// A list, dict or set object itself, with the headers of its arrays.
    static let containerBytes = 96
    /// One entry of a dict or set: its key and value slots and its place in the hash index.
    static let entryBytes = 2 * MemoryLayout<Value>.stride + 48
    /// The longest string that lives inside its value, taking no memory of its own.
    private static let inlineStringBytes = 15
    /// The header of a string's or an array's own storage.
    private static let storageHeaderBytes = 32
    /// The longest tuple whose strings are counted with it (a record such as `(name, text)`);
    /// a longer tuple counts only its slots, so that estimating it stays cheap.
    private static let shortTupleCount = 8

    /// What holding `value` in a list costs: its slot and its ``payloadBytes(of:)``.
    @inline(__always)
    static func itemBytes(of value: Value) -> Int {
        slotBytes + payloadBytes(of: value)
    }

    /// What a value keeps outside its slot that nothing else charges: a string's characters, a
    /// tuple's slots (with the strings of a short tuple), a size's numbers. A list, dict or set
    /// charges itself; a tensor counts against the engine's element cap instead.
    @inline(__always)
    static func payloadBytes(of value: Value) -> Int {
        switch value {
        case .str(let text): return stringBytes(text)
        case .tuple(let items): return tupleBytes(items)
        case .size(let sizes): return storageHeaderBytes + sizes.count * MemoryLayout<Int>.stride
        default: return 0
        }
    }

    /// The storage of a string: none for a short one, its UTF-8 bytes and a header otherwise.
    @inline(__always)
    static func stringBytes(_ text: String) -> Int {
        let count = text.utf8.count
        return count > inlineStringBytes ? count + storageHeaderBytes : 0
    }

    /// The storage of a tuple's items.
    static func tupleBytes(_ items: [Value]) -> Int {
        var bytes = storageHeaderBytes + items.count * slotBytes
        if items.count <= shortTupleCount {
            for case .str(let text) in items { bytes += stringBytes(text) }
        }
        return bytes
    }

    /// A list holding `items`.
    static func listBytes(_ items: [Value]) -> Int {
        var bytes = containerBytes
        for item in items { bytes += itemBytes(of: item) }
        return bytes
    }

    /// `count` copies of something of `bytes`, or `nil` when the product overflows.
    static func repeated(_ bytes: Int, _ count: Int) -> Int? {
        let (total, overflow) = bytes.multipliedReportingOverflow(by: count)
        return overflow ? nil : total
    }
}
