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
}
