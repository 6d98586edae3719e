extension Interpreter {
    /// An integer argument (`bool` counts; a one-element integer tensor too, as `__index__`).
    func intArgument(_ value: Value, _ what: String) throws(PyError) -> Int {
        switch value {
        case .int(let number): return number
        case .bool(let flag): return flag ? 1 : 0
        case .tensor(let box) where box.tensor.count == 1 && box.tensor.dtype != .float32:
            if let number = box.tensor.scalarInt { return number }
        default: break
        }
        throw PyError.type("\(what) must be an integer, not '\(typeName(of: value))'")
    }

    /// A real-number argument.
    func floatArgument(_ value: Value, _ what: String) throws(PyError) -> Double {
        if let number = numeric(value) { return number }
        if case .tensor(let box) = value, box.tensor.count == 1, let number = box.tensor.scalarDouble {
            return number
        }
        throw PyError.type("\(what) must be a real number, not '\(typeName(of: value))'")
    }

    /// A string argument.
    func stringArgument(_ value: Value, _ what: String) throws(PyError) -> String {
        if case .str(let text) = value { return text }
        throw PyError.type("\(what) must be str, not \(typeName(of: value))")
    }
}
