import Testing

@testable import Lang

@Suite("Variable tables")
struct VariableTableTests {
    @Test("names read back what was stored, before and after the switch to hashing")
    func storeAndRemove() {
        var table = VariableTable()
        let names = (0..<30).map { $0 % 3 == 0 ? "a_rather_long_name_\($0)" : "v\($0)" }
        for (offset, name) in names.enumerated() {
            table[name] = .int(offset)
            for (check, earlier) in names.prefix(offset + 1).enumerated() {
                guard case .int(let value)? = table[earlier] else {
                    Issue.record("\(earlier) missing after storing \(name)")
                    return
                }
                #expect(value == check)
            }
        }
        #expect(table["v1 "] == nil)
        #expect(table["v"] == nil)
        #expect(table.removeValue(forKey: "v1") != nil)
        #expect(table["v1"] == nil)
        guard case .int(2)? = table["v2"] else {
            Issue.record("v2 lost after a removal")
            return
        }
        table["v2"] = nil
        #expect(table["v2"] == nil)
    }

    @Test("a value stored by key reads back by key and by name; the key path gives way once the table hashes")
    func keyedAccess() {
        var table = VariableTable()
        let short = ["i", "j", "X", "K", "d2l", "corr2d"]
        for (offset, name) in short.enumerated() {
            table.set(name, key: VariableTable.key(name), .int(offset))
        }
        table.set("a_long_name", key: VariableTable.key("a_long_name"), .int(99))
        table.set("j", key: VariableTable.key("j"), .int(7))
        for (offset, name) in short.enumerated() {
            let expected = name == "j" ? 7 : offset
            guard case .int(let byKey)? = table.shortTableValue(forKey: VariableTable.key(name)),
                case .int(let byName)? = table[name]
            else {
                Issue.record("\(name) missing")
                return
            }
            #expect(byKey == expected)
            #expect(byName == expected)
        }
        guard case .int(99)? = table["a_long_name"] else {
            Issue.record("a_long_name missing")
            return
        }
        #expect(table.shortTableValue(forKey: VariableTable.key("k")) == nil)
        #expect(table.names == short + ["a_long_name"])
        // Past the linear limit the table hashes; the key path declines and lookups use names.
        for offset in 0..<20 { table["v\(offset)"] = .int(offset) }
        #expect(table.shortTableValue(forKey: VariableTable.key("i")) == nil)
        guard case .int(0)? = table["i"], case .int(19)? = table["v19"] else {
            Issue.record("values lost after the switch to hashing")
            return
        }
    }

    @Test("keyed lookups stay right past the eighth entry and after a removal shifts the entries")
    func keyedAccessAfterRemoval() {
        var table = VariableTable()
        let names = ["a", "b", "a_long_name", "c", "d", "e", "f", "g", "h", "i", "j"]
        for (offset, name) in names.enumerated() { table[name] = .int(offset) }
        #expect(table.removeValue(forKey: "b") != nil)
        #expect(table.shortTableValue(forKey: VariableTable.key("b")) == nil)
        for (offset, name) in names.enumerated() where name != "b" {
            guard case .int(let byName)? = table[name] else {
                Issue.record("\(name) missing after a removal")
                return
            }
            #expect(byName == offset)
            if name != "a_long_name" {
                guard case .int(let byKey)? = table.shortTableValue(forKey: VariableTable.key(name)) else {
                    Issue.record("\(name) missing by key after a removal")
                    return
                }
                #expect(byKey == offset)
            }
        }
        table.set("b", key: VariableTable.key("b"), .int(42))
        guard case .int(42)? = table.shortTableValue(forKey: VariableTable.key("b")) else {
            Issue.record("b missing after storing it again")
            return
        }
    }
}
