extension Arguments {
    /// Matches the arguments of a call to `function(names…)` the way Python binds parameters:
    /// positionally first, then by keyword. Returns one optional value per name.
    ///
    /// ```swift
    /// let values = try arguments.bind("sum", ["iterable", "start"], required: 1)
    /// ```
    func bind(_ function: String, _ names: [String], required: Int = 0) throws(PyError) -> [Value?] {
        guard positional.count <= names.count else {
            throw PyError.type(
                "\(function)() takes \(names.count == required ? "" : "at most ")\(names.count) "
                    + "argument\(names.count == 1 ? "" : "s") (\(positional.count) given)")
        }
        var values = [Value?](repeating: nil, count: names.count)
        for (index, value) in positional.enumerated() { values[index] = value }
        for (name, value) in keywords {
            guard let index = names.firstIndex(of: name) else {
                throw PyError.type("\(function)() got an unexpected keyword argument '\(name)'")
            }
            guard values[index] == nil else {
                throw PyError.type("\(function)() got multiple values for argument '\(name)'")
            }
            values[index] = value
        }
        for index in 0..<required where values[index] == nil {
            throw PyError.type("\(function)() missing required argument '\(names[index])' (pos \(index + 1))")
        }
        return values
    }

    /// Fails unless the call has exactly `count` positional arguments and no keywords.
    func expectPositional(_ function: String, _ count: Int) throws(PyError) {
        guard keywords.isEmpty else {
            throw PyError.type("\(function)() takes no keyword arguments")
        }
        guard positional.count == count else {
            throw PyError.type(
                "\(function)() takes exactly \(count) argument\(count == 1 ? "" : "s") (\(positional.count) given)")
        }
    }

    /// The keyword value for `name`, if given.
    func keyword(_ name: String) -> Value? {
        keywords.first { $0.name == name }?.value
    }
}

extension Optional where Wrapped == Value {
    /// Treats a missing argument and an explicit `None` alike.
    var orNone: Value? {
        guard let value = self else { return nil }
        if case .none = value { return nil }
        return value
    }
}
