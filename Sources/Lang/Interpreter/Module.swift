import Tensors

/// A module object (`torch`, `torch.nn`, `d2l`): a name and its attributes.
final class Module {
    let name: String
    var attributes: [String: Value] {
        didSet { recent = [] }
    }
    /// The attributes looked up last, newest first (at most ``recentLimit``): a loop calls the
    /// same few (`d2l.reduce_sum`) on every iteration, and an attribute name in the code is the
    /// same string each time, which compares without hashing. Emptied by any change. Not checked
    /// for exclusive access at run time: each access is one read or one mutation that calls out
    /// to nothing, on the session's evaluator thread.
    @exclusivity(unchecked) private var recent: [(name: String, value: Value)] = []
    private static let recentLimit = 4

    init(_ name: String, _ attributes: [String: Value] = [:]) {
        self.name = name
        self.attributes = attributes
    }

    /// The attribute `name`, `nil` when the module has none.
    func attribute(_ name: String) -> Value? {
        for entry in recent where entry.name == name { return entry.value }
        guard let value = attributes[name] else { return nil }
        if recent.count == Module.recentLimit { recent.removeLast() }
        recent.insert((name, value), at: 0)
        return value
    }
}
