import Foundation

extension Interpreter {
    /// The builtin types, callable as constructors: `int("3")`, `list(range(3))`.
    func makeBuiltinTypes() -> [String: TypeObject] {
        var types: [String: TypeObject] = [:]
        types["int"] = TypeObject("int") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("int", ["x", "base"])
            guard let value = values[0] else { return .int(0) }
            return try interpreter.toInt(value, base: values[1].orNone)
        }
        types["float"] = TypeObject("float") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("float", ["x"])
            guard let value = values[0] else { return .float(0) }
            return try interpreter.toFloat(value)
        }
        types["str"] = TypeObject("str") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("str", ["object"])
            return .str(try values[0].map { (value) throws(PyError) in try interpreter.str(value) } ?? "")
        }
        types["bool"] = TypeObject("bool") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("bool", ["x"])
            return .bool(try values[0].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? false)
        }
        types["list"] = TypeObject("list") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("list", ["iterable"])
            let items = try values[0].map { (value) throws(PyError) in try interpreter.iterateAll(value) } ?? []
            return .list(try ListBox(items, budget: interpreter.memory))
        }
        types["tuple"] = TypeObject("tuple") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("tuple", ["iterable"])
            return .tuple(
                try values[0].map { (value) throws(PyError) in try interpreter.iterateAll(value, for: .tuple) } ?? [])
        }
        types["set"] = TypeObject("set") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("set", ["iterable"])
            let box = DictBox(budget: interpreter.memory, isSet: true)
            for item in try values[0].map({ (value) throws(PyError) in try interpreter.iterateAll(value) }) ?? [] {
                try box.set(item, try HashKey(item), .none)
            }
            return .set(box)
        }
        types["dict"] = TypeObject("dict") { interpreter, arguments throws(PyError) in
            let box = DictBox(budget: interpreter.memory)
            if let source = arguments.positional.first {
                if case .dict(let other) = source {
                    let copy = try other.copy()
                    for (key, value) in arguments.keywords { try copy.set(.str(key), .str(CodePointKey(key)), value) }
                    return .dict(copy)
                }
                for pair in try interpreter.iterateAll(source) {
                    let items = try interpreter.iterateAll(pair)
                    guard items.count == 2 else {
                        throw PyError.value(
                            "dictionary update sequence element has length \(items.count); 2 is required")
                    }
                    try box.set(items[0], try HashKey(items[0]), items[1])
                }
            }
            for (key, value) in arguments.keywords { try box.set(.str(key), .str(CodePointKey(key)), value) }
            return .dict(box)
        }
        types["range"] = TypeObject("range") { interpreter, arguments throws(PyError) in
            guard arguments.keywords.isEmpty else { throw PyError.type("range() takes no keyword arguments") }
            var numbers: [Int] = []
            for value in arguments.positional {
                numbers.append(try interpreter.intArgument(value, "range() argument"))
            }
            switch numbers.count {
            case 1: return .range(start: 0, stop: numbers[0], step: 1)
            case 2: return .range(start: numbers[0], stop: numbers[1], step: 1)
            case 3:
                guard numbers[2] != 0 else { throw PyError.value("range() arg 3 must not be zero") }
                return .range(start: numbers[0], stop: numbers[1], step: numbers[2])
            default:
                throw PyError.type("range expected at most 3 arguments, got \(numbers.count)")
            }
        }
        types["type"] = TypeObject("type") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("type", 1)
            if case .object(let instance as Instance) = arguments.positional[0] { return .object(instance.cls) }
            if case .object(let layer as Layer) = arguments.positional[0], let type = interpreter.layerType(of: layer) {
                return .object(type)
            }
            return .type(interpreter.typeObject(of: arguments.positional[0]))
        }
        types["object"] = TypeObject("object")
        types["slice"] = TypeObject("slice") { _, arguments throws(PyError) in
            let parts = arguments.positional
            switch parts.count {
            case 1: return .slice(SliceBox(.none, parts[0], .none))
            case 2: return .slice(SliceBox(parts[0], parts[1], .none))
            case 3: return .slice(SliceBox(parts[0], parts[1], parts[2]))
            default: throw PyError.type("slice expected 1 to 3 arguments")
            }
        }
        typeObjects = types
        return types
    }

    /// The type object of a value (what `type(x)` returns).
    func typeObject(of value: Value) -> TypeObject {
        let name = typeName(of: value)
        if let known = typeObjects[name] { return known }
        let qualified: String
        switch value {
        case .tensor: qualified = "torch.Tensor"
        case .size: qualified = "torch.Size"
        case .dtype: qualified = "torch.dtype"
        case .object(let object as LayerObject & PyObject): qualified = "torch.nn.modules." + object.typeName
        default: qualified = name
        }
        let type = TypeObject(qualified)
        typeObjects[name] = type
        return type
    }

    func toInt(_ value: Value, base: Value? = nil) throws(PyError) -> Value {
        switch value {
        case .int: return value
        case .bool(let flag): return .int(flag ? 1 : 0)
        case .float(let number):
            return .int(try integer(number, rounded: .towardZero))
        case .str(let text):
            let radix = try base.map { (value) throws(PyError) in try intArgument(value, "base") } ?? 10
            let cleaned = numeralText(text).replacing("_", with: "")
            guard (2...36).contains(radix), let number = Int(cleaned, radix: radix) else {
                throw PyError.value("invalid literal for int() with base \(radix): \(pythonStringRepr(text))")
            }
            return .int(number)
        case .tensor(let box):
            return try toInt(try scalarOfTensor(box))
        default:
            throw PyError.type(
                "int() argument must be a string, a bytes-like object or a real number, not '\(typeName(of: value))'")
        }
    }

    /// `number` rounded by `rule` to an int, as `int()` and `round()` make one: a `ValueError` for NaN, an
    /// `OverflowError` for an infinity or a number beyond 64 bits.
    func integer(_ number: Double, rounded rule: FloatingPointRoundingRule) throws(PyError) -> Int {
        guard number.isFinite else {
            throw PyError(
                number.isNaN ? .valueError : .overflowError,
                "cannot convert float \(pythonFloatRepr(number)) to integer")
        }
        guard let result = Int(exactly: number.rounded(rule)) else { throw PyError.overflow() }
        return result
    }

    /// The one element of a tensor that `int()` or `float()` converts, as a Python number.
    private func scalarOfTensor(_ box: TensorBox) throws(PyError) -> Value {
        guard box.tensor.count == 1 else {
            throw PyError.runtime("a Tensor with \(box.tensor.count) elements cannot be converted to Scalar")
        }
        return try tensorItem(box.tensor)
    }

    func toFloat(_ value: Value) throws(PyError) -> Value {
        switch value {
        case .float: return value
        case .int(let number): return .float(Double(number))
        case .bool(let flag): return .float(flag ? 1 : 0)
        case .str(let text):
            let cleaned = numeralText(text).lowercased()
            switch cleaned {
            case "inf", "+inf", "infinity": return .float(.infinity)
            case "-inf", "-infinity": return .float(-.infinity)
            case "nan", "+nan", "-nan": return .float(.nan)
            default:
                guard let number = Double(cleaned.replacing("_", with: "")) else {
                    throw PyError.value("could not convert string to float: \(pythonStringRepr(text))")
                }
                return .float(number)
            }
        case .tensor(let box):
            return try toFloat(try scalarOfTensor(box))
        default:
            throw PyError.type("float() argument must be a string or a real number, not '\(typeName(of: value))'")
        }
    }
}

/// The text `int()` and `float()` parse, as Python reads it: whitespace (Python's, `\n` and
/// `\u00a0` too) stripped from both ends, and a decimal digit of any script read as its ASCII digit.
private func numeralText(_ text: String) -> String {
    var scalars = Substring(text).unicodeScalars.drop(while: \.isPythonSpace)
    while let last = scalars.last, last.isPythonSpace { scalars = scalars.dropLast() }
    var result = String.UnicodeScalarView()
    for scalar in scalars {
        if !scalar.isASCII, scalar.properties.numericType == .decimal, let digit = scalar.properties.numericValue {
            result.append(Unicode.Scalar(UInt8(48 + Int(digit))))
        } else {
            result.append(scalar)
        }
    }
    return String(result)
}
