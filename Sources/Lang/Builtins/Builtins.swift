import Foundation

extension Interpreter {
    /// The builtin namespace: functions, types and exception classes.
    func makeBuiltins() -> [String: Value] {
        var table: [String: Value] = [:]
        func define(_ name: String, _ body: @escaping BuiltinFunction.Body) {
            table[name] = .builtin(BuiltinFunction(name, body))
        }
        for (name, type) in makeBuiltinTypes() { table[name] = .type(type) }
        for (name, cls) in makeExceptionClasses() { table[name.rawValue] = .object(cls) }

        define("print") { interpreter, arguments throws(PyError) in
            let separator = try interpreter.optionalString(arguments.keyword("sep"), default: " ")
            let terminator = try interpreter.optionalString(arguments.keyword("end"), default: "\n")
            for keyword in arguments.keywords where !["sep", "end", "flush", "file"].contains(keyword.name) {
                throw PyError.type("'\(keyword.name)' is an invalid keyword argument for print()")
            }
            var parts: [String] = []
            for value in arguments.positional { parts.append(try interpreter.str(value)) }
            try interpreter.write(parts.joined(separator: separator) + terminator, to: arguments.keyword("file"))
            return .none
        }
        defineLiveOutputBuiltins(define)
        define("len") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("len", 1)
            return .int(try interpreter.length(arguments.positional[0]))
        }
        define("repr") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("repr", 1)
            return .str(try interpreter.repr(arguments.positional[0]))
        }
        define("abs") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("abs", 1)
            switch arguments.positional[0] {
            case .int(let number):
                guard number != Int.min else { throw PyError.overflow() }
                return .int(abs(number))
            case .bool(let flag): return .int(flag ? 1 : 0)
            case .float(let number): return .float(abs(number))
            case .tensor(let box): return try interpreter.tensorAbs(box)
            case let other: throw PyError.type("bad operand type for abs(): '\(typeName(of: other))'")
            }
        }
        define("round") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("round", ["number", "ndigits"], required: 1)
            return try interpreter.round(values[0] ?? .none, values[1].orNone)
        }
        define("isinstance") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("isinstance", 2)
            return .bool(try interpreter.isInstance(arguments.positional[0], arguments.positional[1]))
        }
        define("hasattr") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("hasattr", 2)
            let name = try interpreter.stringArgument(arguments.positional[1], "attribute name")
            return .bool(interpreter.hasAttribute(arguments.positional[0], name))
        }
        define("dir") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("dir", 1)
            let names = try interpreter.attributeNames(arguments.positional[0])
            return .list(try ListBox(names.sorted().map { .str($0) }, budget: interpreter.memory))
        }
        define("getattr") { interpreter, arguments throws(PyError) in
            guard (2...3).contains(arguments.positional.count) else {
                throw PyError.type("getattr expected 2 or 3 arguments, got \(arguments.positional.count)")
            }
            let name = try interpreter.stringArgument(arguments.positional[1], "attribute name")
            do throws(PyError) {
                return try interpreter.attribute(arguments.positional[0], name)
            } catch {
                if arguments.positional.count == 3 && interpreter.error(error, isA: .attributeError) {
                    return arguments.positional[2]
                }
                throw error
            }
        }
        define("setattr") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("setattr", 3)
            let name = try interpreter.attributeName(arguments.positional[1])
            try interpreter.setAttribute(arguments.positional[0], name, arguments.positional[2])
            return .none
        }
        define("delattr") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("delattr", 2)
            let name = try interpreter.attributeName(arguments.positional[1])
            try interpreter.deleteAttribute(arguments.positional[0], name)
            return .none
        }
        define("callable") { _, arguments throws(PyError) in
            try arguments.expectPositional("callable", 1)
            switch arguments.positional[0] {
            case .function, .builtin, .type: return .bool(true)
            case .object(let instance as Instance): return .bool(instance.cls.lookup("__call__") != nil)
            case .object(let object): return .bool(object is CallableObject)
            default: return .bool(false)
            }
        }
        define("id") { _, arguments throws(PyError) in
            try arguments.expectPositional("id", 1)
            return .int((try? HashKey(arguments.positional[0])).hashValue & 0x7FFF_FFFF_FFFF)
        }
        define("chr") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("chr", 1)
            let code = try interpreter.intArgument(arguments.positional[0], "chr() argument")
            guard code >= 0, let scalar = Unicode.Scalar(UInt32(clamping: code)) else {
                throw PyError.value("chr() arg not in range(0x110000)")
            }
            return .str(String(Character(scalar)))
        }
        define("ord") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("ord", 1)
            let text = try interpreter.stringArgument(arguments.positional[0], "ord() argument")
            guard let scalar = text.unicodeScalars.first, text.utf8.count == UTF8.width(scalar) else {
                throw PyError.type("ord() expected a character, but string of length \(text.codePointCount) found")
            }
            return .int(Int(scalar.value))
        }
        define("divmod") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("divmod", 2)
            let (a, b) = (arguments.positional[0], arguments.positional[1])
            return .tuple([try interpreter.binary(.floorDivide, a, b), try interpreter.binary(.modulo, a, b)])
        }
        define("pow") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("pow", 2)
            return try interpreter.binary(.power, arguments.positional[0], arguments.positional[1])
        }
        define("format") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("format", ["value", "format_spec"], required: 1)
            let spec =
                try values[1].map { (value) throws(PyError) in try interpreter.stringArgument(value, "format_spec") }
                ?? ""
            return .str(try interpreter.format(values[0] ?? .none, spec))
        }
        defineIterationBuiltins(define)
        defineClassBuiltins(define)
        defineDisplayBuiltins(define)
        installTime()
        return table
    }

    func optionalString(_ value: Value?, default fallback: String) throws(PyError) -> String {
        guard let value = value.orNone else { return fallback }
        return try stringArgument(value, "argument")
    }

    /// `len(value)`.
    func length(_ value: Value) throws(PyError) -> Int {
        switch value {
        case .str(let text): return text.codePointCount
        case .list(let box): return box.items.count
        case .tuple(let items): return items.count
        case .size(let sizes): return sizes.count
        case .dict(let box), .set(let box): return box.count
        case .range(let start, let stop, let step): return try exactRangeCount(start, stop, step)
        case .tensor(let box):
            guard let first = box.tensor.shape.first else { throw PyError.type("len() of a 0-d tensor") }
            return first
        case .object(let object):
            if let method = try object.attribute("__len__", self) {
                return try intArgument(try call(method, Arguments()), "__len__()")
            }
        default: break
        }
        throw PyError.type("object of type '\(typeName(of: value))' has no len()")
    }

    /// The attribute name argument of `setattr`/`delattr`, which must be a string.
    func attributeName(_ value: Value) throws(PyError) -> String {
        guard case .str(let name) = value else {
            throw PyError.type("attribute name must be string, not '\(typeName(of: value))'")
        }
        return name
    }

    /// The names `dir(value)` lists: a module's attributes, a class's (with its bases'), an
    /// instance's own and its class's.
    func attributeNames(_ value: Value) throws(PyError) -> Set<String> {
        switch value {
        case .module(let module):
            return Set(module.attributes.keys)
        case .object(let cls as ClassObject):
            return cls.resolutionOrder.reduce(into: Set<String>()) { names, cls in names.formUnion(cls.attributes.keys)
            }
        case .object(let instance as Instance):
            var names = try attributeNames(.object(instance.cls)).union(instance.attributes.keys)
            if let registry = instance.module {
                names.formUnion(registry.parameters.map(\.name))
                names.formUnion(registry.children.map(\.name))
            }
            return names
        default:
            throw PyError(
                .notImplementedError, "dir(): Convbook lists the attributes of modules, classes and instances only")
        }
    }

    /// `round(number, ndigits)` with Python's round-half-to-even.
    func round(_ value: Value, _ digits: Value?) throws(PyError) -> Value {
        switch value {
        case .int, .bool:
            guard let digits else { return .int(try intArgument(value, "number")) }
            let places = try intArgument(digits, "ndigits")
            guard places < 0 else { return .int(try intArgument(value, "number")) }
            let number = try intArgument(value, "number")
            let scale = pow(10, Double(-places))
            return .int(Int((Double(number) / scale).rounded(.toNearestOrEven) * scale))
        case .float(let number):
            guard let digits else { return .int(try integer(number, rounded: .toNearestOrEven)) }
            let places = try intArgument(digits, "ndigits")
            guard number.isFinite else { return value }
            if places >= 0 {
                // printf rounds the exact binary value correctly, as Python's round does.
                return .float(Double(cFormat("%.\(min(places, 340))f", number)) ?? number)
            }
            let scale = pow(10, Double(-places))
            return .float((number / scale).rounded(.toNearestOrEven) * scale)
        case .tensor(let box) where box.tensor.count == 1:
            return try round(try tensorItem(box.tensor), digits)
        default:
            throw PyError.type("type \(typeName(of: value)) doesn't define __round__ method")
        }
    }

    func isInstance(_ value: Value, _ type: Value) throws(PyError) -> Bool {
        switch type {
        case .tuple(let items):
            for item in items where try isInstance(value, item) { return true }
            return false
        case .type(let object):
            let name = typeName(of: value)
            if name == object.name { return true }
            if object.name == "int" && name == "bool" { return true }
            if object.name == "object" { return true }
            if object.name == "tuple", case .size = value { return true }
            return typeObject(of: value) === object
        case .object(let type as LayerType):
            guard case .object(let layer as Layer) = value else { return false }
            return type.isInstance(layer, self)
        case .object(let cls as ClassObject):
            return isInstance(value, of: cls)
        default:
            throw PyError.type("isinstance() arg 2 must be a type, a tuple of types, or a union")
        }
    }
}

/// Marker for objects that can be called (layers, bound methods).
protocol CallableObject: AnyObject {}

/// Marker for `nn.Module` instances.
protocol LayerObject: AnyObject {}
