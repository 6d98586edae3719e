extension Interpreter {
    func listMethod(_ box: ListBox, _ name: String) -> BuiltinFunction? {
        let method: BuiltinFunction.Body
        switch name {
        case "append":
            method = { _, arguments throws(PyError) in
                try arguments.expectPositional("append", 1)
                try box.append(arguments.positional[0])
                return .none
            }
        case "extend":
            method = { interpreter, arguments throws(PyError) in
                try arguments.expectPositional("extend", 1)
                try box.append(contentsOf: try interpreter.iterateAll(arguments.positional[0]))
                return .none
            }
        case "insert":
            method = { interpreter, arguments throws(PyError) in
                try arguments.expectPositional("insert", 2)
                var index = try interpreter.intArgument(arguments.positional[0], "index")
                if index < 0 { index += box.items.count }
                try box.insert(arguments.positional[1], at: max(0, min(index, box.items.count)))
                return .none
            }
        case "pop":
            method = { interpreter, arguments throws(PyError) in
                guard !box.items.isEmpty else { throw PyError.index("pop from empty list") }
                let index =
                    try arguments.positional.first.map { (value) throws(PyError) in
                        try interpreter.normalizedIndex(value, box.items.count, "pop")
                    } ?? box.items.count - 1
                return box.remove(at: index)
            }
        case "remove":
            method = { interpreter, arguments throws(PyError) in
                try arguments.expectPositional("remove", 1)
                for (index, item) in box.items.enumerated() where try interpreter.equal(item, arguments.positional[0]) {
                    box.remove(at: index)
                    return .none
                }
                throw PyError.value("list.remove(x): x not in list")
            }
        case "index", "count":
            return sequenceMethod(name, { box.items })
        case "reverse":
            method = { _, _ throws(PyError) in
                try box.replaceAll(with: box.items.reversed())
                return .none
            }
        case "clear":
            method = { _, _ in
                box.removeAll()
                return .none
            }
        case "copy":
            method = { interpreter, _ throws(PyError) in .list(try ListBox(box.items, budget: interpreter.memory)) }
        case "sort":
            method = { interpreter, arguments throws(PyError) in
                guard arguments.positional.isEmpty else { throw PyError.type("sort() takes no positional arguments") }
                try box.replaceAll(
                    with: try interpreter.sortedValues(
                        box.items, key: arguments.keyword("key").orNone, reverse: arguments.keyword("reverse")))
                return .none
            }
        default:
            return nil
        }
        return BuiltinFunction(name, method)
    }

    func tupleMethod(_ items: [Value], _ name: String) -> BuiltinFunction? {
        guard name == "index" || name == "count" else { return nil }
        return sequenceMethod(name, { items })
    }

    private func sequenceMethod(_ name: String, _ items: @escaping () -> [Value]) -> BuiltinFunction {
        BuiltinFunction(name) { interpreter, arguments throws(PyError) in
            try arguments.expectPositional(name, 1)
            let needle = arguments.positional[0]
            var count = 0
            for (index, item) in items().enumerated() where try interpreter.equal(item, needle) {
                if name == "index" { return .int(index) }
                count += 1
            }
            if name == "index" { throw PyError.value("\(try interpreter.repr(needle)) is not in list") }
            return .int(count)
        }
    }

    func dictMethod(_ box: DictBox, _ name: String) -> BuiltinFunction? {
        let method: BuiltinFunction.Body
        switch name {
        case "get":
            method = { _, arguments throws(PyError) in
                guard (1...2).contains(arguments.positional.count) else {
                    throw PyError.type("get expected 1 or 2 arguments, got \(arguments.positional.count)")
                }
                return box.get(try HashKey(arguments.positional[0]))
                    ?? (arguments.positional.count > 1 ? arguments.positional[1] : .none)
            }
        case "items":
            method = { interpreter, _ throws(PyError) in
                .list(try ListBox(box.entries.map { .tuple([$0.key, $0.value]) }, budget: interpreter.memory))
            }
        case "keys":
            method = { interpreter, _ throws(PyError) in
                .list(try ListBox(box.entries.map(\.key), budget: interpreter.memory))
            }
        case "values":
            method = { interpreter, _ throws(PyError) in
                .list(try ListBox(box.entries.map(\.value), budget: interpreter.memory))
            }
        case "update":
            method = { _, arguments throws(PyError) in
                if let other = arguments.positional.first {
                    guard case .dict(let source) = other else { throw PyError.type("update() expects a dict") }
                    for (key, value) in source.entries { try box.set(key, try HashKey(key), value) }
                }
                for (key, value) in arguments.keywords { try box.set(.str(key), .str(CodePointKey(key)), value) }
                return .none
            }
        case "pop":
            method = { interpreter, arguments throws(PyError) in
                guard let key = arguments.positional.first else {
                    throw PyError.type("pop expected at least 1 argument")
                }
                if let value = box.remove(try HashKey(key)) { return value }
                if arguments.positional.count > 1 { return arguments.positional[1] }
                throw try interpreter.keyError(key)
            }
        case "setdefault":
            method = { _, arguments throws(PyError) in
                try arguments.expectPositional("setdefault", 2)
                let hash = try HashKey(arguments.positional[0])
                if let value = box.get(hash) { return value }
                try box.set(arguments.positional[0], hash, arguments.positional[1])
                return arguments.positional[1]
            }
        case "copy":
            method = { _, _ throws(PyError) in .dict(try box.copy()) }
        case "clear":
            method = { _, _ in
                box.removeAll()
                return .none
            }
        default:
            return nil
        }
        return BuiltinFunction(name, method)
    }

    /// Stable sort with Python's ordering, an optional key function and `reverse`.
    func sortedValues(_ items: [Value], key: Value?, reverse: Value?) throws(PyError) -> [Value] {
        var keyed: [(key: Value, value: Value)] = []
        for item in items {
            keyed.append(
                (try key.map { (function) throws(PyError) in try call(function, Arguments([item])) } ?? item, item))
        }
        let descending = try reverse.map { (value) throws(PyError) in try truthy(value) } ?? false
        var failure: PyError?
        // Merge sort keeps equal elements in order and lets comparison errors surface.
        func less(_ a: Value, _ b: Value) -> Bool {
            do {
                return try ordering(a, b, .less) < 0
            } catch {
                failure = error
                return false
            }
        }
        let sorted = mergeSort(keyed) { descending ? less($1.key, $0.key) : less($0.key, $1.key) }
        if let failure { throw failure }
        return sorted.map(\.value)
    }
}

/// A stable merge sort (Swift's `sort` is not guaranteed stable for all inputs).
func mergeSort<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
    guard items.count > 1 else { return items }
    let middle = items.count / 2
    let left = mergeSort(Array(items[..<middle]), by: less)
    let right = mergeSort(Array(items[middle...]), by: less)
    var result: [T] = []
    result.reserveCapacity(items.count)
    var i = 0
    var j = 0
    while i < left.count && j < right.count {
        if less(right[j], left[i]) {
            result.append(right[j])
            j += 1
        } else {
            result.append(left[i])
            i += 1
        }
    }
    result += left[i...]
    result += right[j...]
    return result
}
