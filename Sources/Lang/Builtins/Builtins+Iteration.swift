extension Interpreter {
    func defineIterationBuiltins(_ define: (String, @escaping BuiltinFunction.Body) -> Void) {
        define("zip") { interpreter, arguments throws(PyError) in
            var iterators: [ValueIterator] = []
            for value in arguments.positional { iterators.append(try interpreter.makeIterator(value)) }
            guard !iterators.isEmpty else { return .list(try ListBox([], budget: interpreter.memory)) }
            var rows = ValueCollector(budget: interpreter.memory)
            while true {
                try interpreter.checkInterrupt()
                var row: [Value] = []
                for index in iterators.indices {
                    guard let item = try iterators[index].next() else { return .iterator("zip", rows.items) }
                    row.append(item)
                }
                try rows.append(.tuple(row))
            }
        }
        define("enumerate") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("enumerate", ["iterable", "start"], required: 1)
            let start =
                try values[1].map { (value) throws(PyError) in try interpreter.intArgument(value, "start") } ?? 0
            var rows = ValueCollector(budget: interpreter.memory)
            for (offset, item) in try interpreter.iterateAll(values[0] ?? .none).enumerated() {
                let (index, overflow) = start.addingReportingOverflow(offset)
                if overflow { throw PyError.overflow() }
                try rows.append(.tuple([.int(index), item]))
            }
            return .iterator("enumerate", rows.items)
        }
        define("sum") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("sum", ["iterable", "start"], required: 1)
            var total = values[1] ?? .int(0)
            if case .str = total { throw PyError.type("sum() can't sum strings [use ''.join(seq) instead]") }
            var iterator = try interpreter.makeIterator(values[0] ?? .none)
            while let item = try iterator.next() {
                try interpreter.checkInterrupt()
                total = try interpreter.binary(.add, total, item)
            }
            return total
        }
        define("min") { interpreter, arguments throws(PyError) in try interpreter.extreme("min", arguments, sign: -1) }
        define("max") { interpreter, arguments throws(PyError) in try interpreter.extreme("max", arguments, sign: 1) }
        define("sorted") { interpreter, arguments throws(PyError) in
            guard arguments.positional.count == 1 else {
                throw PyError.type("sorted expected 1 argument, got \(arguments.positional.count)")
            }
            let items = try interpreter.iterateAll(arguments.positional[0])
            return .list(
                try ListBox(
                    try interpreter.sortedValues(
                        items, key: arguments.keyword("key").orNone, reverse: arguments.keyword("reverse")),
                    budget: interpreter.memory))
        }
        define("reversed") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("reversed", 1)
            return .iterator("reversed", try interpreter.iterateAll(arguments.positional[0]).reversed())
        }
        define("any") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("any", 1)
            var iterator = try interpreter.makeIterator(arguments.positional[0])
            while let item = try iterator.next() {
                if try interpreter.truthy(item) { return .bool(true) }
            }
            return .bool(false)
        }
        define("all") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("all", 1)
            var iterator = try interpreter.makeIterator(arguments.positional[0])
            while let item = try iterator.next() {
                if !(try interpreter.truthy(item)) { return .bool(false) }
            }
            return .bool(true)
        }
        define("map") { interpreter, arguments throws(PyError) in
            guard arguments.positional.count >= 2 else { throw PyError.type("map() must have at least two arguments.") }
            let function = arguments.positional[0]
            var iterators: [ValueIterator] = []
            for value in arguments.positional.dropFirst() { iterators.append(try interpreter.makeIterator(value)) }
            var results = ValueCollector(budget: interpreter.memory)
            while true {
                var row: [Value] = []
                for index in iterators.indices {
                    guard let item = try iterators[index].next() else { return .iterator("map", results.items) }
                    row.append(item)
                }
                try results.append(try interpreter.call(function, Arguments(row)))
            }
        }
        define("filter") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("filter", 2)
            let function = arguments.positional[0]
            var results: [Value] = []
            for item in try interpreter.iterateAll(arguments.positional[1]) {
                let keep: Value
                if case .none = function {
                    keep = item
                } else {
                    keep = try interpreter.call(function, Arguments([item]))
                }
                if try interpreter.truthy(keep) { results.append(item) }
            }
            return .iterator("filter", results)
        }
        define("iter") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("iter", 1)
            return .object(IteratorObject(try interpreter.makeIterator(arguments.positional[0])))
        }
        define("next") { _, arguments throws(PyError) in
            guard let first = arguments.positional.first, case .object(let object as IteratorObject) = first else {
                throw PyError.type("next() expects an iterator")
            }
            if let item = try object.iterator.next() { return item }
            if arguments.positional.count > 1 { return arguments.positional[1] }
            throw PyError(.stopIteration, "")
        }
    }

    /// `min`/`max` over one iterable or several arguments, with optional `key` and `default`.
    func extreme(_ name: String, _ arguments: Arguments, sign: Int) throws(PyError) -> Value {
        let items: [Value]
        if arguments.positional.count == 1 {
            items = try iterateAll(arguments.positional[0])
        } else {
            items = arguments.positional
        }
        let key = arguments.keyword("key").orNone
        guard var best = items.first else {
            if let fallback = arguments.keyword("default") { return fallback }
            throw PyError.value("\(name)() iterable argument is empty")
        }
        var bestKey = try key.map { (function) throws(PyError) in try call(function, Arguments([best])) } ?? best
        for item in items.dropFirst() {
            let itemKey = try key.map { (function) throws(PyError) in try call(function, Arguments([item])) } ?? item
            let better: Bool
            if case .tensor = itemKey {
                better = try truthy(try compare(sign > 0 ? .greater : .less, itemKey, bestKey))
            } else {
                better = try ordering(itemKey, bestKey, sign > 0 ? .greater : .less) * sign > 0
            }
            if better {
                best = item
                bestKey = itemKey
            }
        }
        return best
    }
}

/// A one-pass iterator: what `iter()`, `zip()`, `map()`, `enumerate()`, `filter()`,
/// `reversed()` and generator expressions return. (Their items are computed eagerly, but they
/// print, iterate once and refuse `len()` as Python's do.)
final class IteratorObject: PyObject {
    var iterator: ValueIterator
    let kind: String
    init(_ iterator: ValueIterator, kind: String = "iterator") {
        self.iterator = iterator
        self.kind = kind
    }
    /// Whether it stands for a Python generator (`<genexpr>`, `Module.parameters`).
    private var isGenerator: Bool { kind == "genexpr" || kind.hasPrefix("Module.") }
    override var typeName: String { isGenerator ? "generator" : kind }
    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        let address = String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 16)
        if kind == "genexpr" { return "<generator object <genexpr> at 0x\(address)>" }
        return isGenerator ? "<generator object \(kind) at 0x\(address)>" : "<\(kind) object at 0x\(address)>"
    }
    override func makeIterator(_ interpreter: Interpreter) throws(PyError) -> ValueIterator? {
        let box = self
        return ValueIterator(.custom({ () throws(PyError) in try box.iterator.next() }))
    }
}

extension Value {
    /// A one-pass iterator object over already computed items.
    static func iterator(_ kind: String, _ items: [Value]) -> Value {
        .object(IteratorObject(ValueIterator(.array(items)), kind: kind))
    }
}
