import Tensors

extension PyError {
    /// The Python exception a tensor error becomes: shape mismatches and limits are
    /// `RuntimeError` (as in PyTorch), bad indices `IndexError`, bad values `ValueError`,
    /// wrong element types `TypeError`, storage past the memory limit `MemoryError`.
    init(_ error: TensorError) {
        switch error.kind {
        case .shape, .limit, .runtime: self.init(.runtimeError, error.message)
        case .index: self.init(.indexError, error.message)
        case .value: self.init(.valueError, error.message)
        case .type: self.init(.typeError, error.message)
        case .memory: self.init(.memoryError, error.message)
        }
    }
}

/// Runs an engine call, turning its `TensorError` into the matching Python exception.
@inline(__always)
func engine<T>(_ body: () throws(TensorError) -> T) throws(PyError) -> T {
    do {
        return try body()
    } catch {
        throw PyError(error)
    }
}

extension Value {
    /// Wraps a tensor as a new Python tensor object.
    static func tensor(_ tensor: Tensor) -> Value { .tensor(TensorBox(tensor)) }

    /// A Python number from an engine scalar.
    init(_ scalar: Scalar) {
        switch scalar {
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int(Int(number))
        case .float(let number): self = .float(number)
        }
    }
}

extension Interpreter {
    /// An engine scalar from a Python number (or a one-element tensor).
    func scalar(_ value: Value, _ what: String = "value") throws(PyError) -> Scalar {
        switch value {
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(Int64(number))
        case .float(let number): return .float(number)
        case .tensor(let box) where box.tensor.count == 1:
            return try engine { () throws(TensorError) in try box.tensor.item() }
        default: throw PyError.type("\(what) must be a number, not '\(typeName(of: value))'")
        }
    }

    /// A tensor operand: tensors as they are, Python numbers as 0-d tensors.
    func tensorOperand(_ value: Value) throws(PyError) -> Tensor? {
        switch value {
        case .tensor(let box): return box.tensor
        case .bool(let flag): return .scalar(.bool(flag))
        case .int(let number): return .scalar(.int(Int64(number)))
        case .float(let number): return .scalar(.float(number))
        default: return nil
        }
    }

    /// A tensor argument, converting nested lists of numbers like `torch.tensor` does.
    func tensorArgument(_ value: Value, _ what: String) throws(PyError) -> Tensor {
        if case .tensor(let box) = value { return box.tensor }
        switch value {
        case .list, .tuple, .int, .float, .bool:
            let nested = try nestedValue(value)
            return try engine { () throws(TensorError) in try Tensor(nested) }
        default:
            throw PyError.type("\(what) must be Tensor, not \(typeName(of: value))")
        }
    }

    /// Nested Python lists/tuples of numbers (or tensors) as the engine's nested value.
    func nestedValue(_ value: Value, depth: Int = 0) throws(PyError) -> NestedValue {
        guard depth <= Tensor.maxNestingDepth else {
            throw PyError.runtime("a nested list deeper than \(Tensor.maxNestingDepth) levels cannot become a tensor")
        }
        switch value {
        case .bool, .int, .float: return .scalar(try scalar(value))
        case .list(let box): return try nestedList(box.items, depth)
        case .tuple(let items): return try nestedList(items, depth)
        case .size(let sizes): return .list(sizes.map { .scalar(.int(Int64($0))) })
        case .tensor(let box): return box.tensor.tolist()
        default:
            throw PyError.type("could not convert an element of type '\(typeName(of: value))' to a tensor element")
        }
    }

    private func nestedList(_ items: [Value], _ depth: Int) throws(PyError) -> NestedValue {
        var nested: [NestedValue] = []
        nested.reserveCapacity(items.count)
        for item in items { nested.append(try nestedValue(item, depth: depth + 1)) }
        return .list(nested)
    }

    /// Python lists (or a number) from the engine's nested value, as `tolist()` returns.
    func pythonValue(_ nested: NestedValue) throws(PyError) -> Value {
        switch nested {
        case .scalar(let scalar): return Value(scalar)
        case .list(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try pythonValue(item)) }
            return .list(try ListBox(values, budget: memory))
        }
    }

    /// A shape given either as separate ints (`zeros(2, 3)`) or one sequence (`zeros((2, 3))`).
    func shapeArguments(_ values: [Value], _ function: String) throws(PyError) -> [Int] {
        if values.count == 1 {
            switch values[0] {
            case .tuple, .list, .size: return try intList(values[0], "\(function)(): size")
            default: break
            }
        }
        var shape: [Int] = []
        for value in values { shape.append(try intArgument(value, "\(function)(): size")) }
        return shape
    }

    /// A list of ints from a tuple, list or `torch.Size` (or a single int).
    func intList(_ value: Value, _ what: String) throws(PyError) -> [Int] {
        switch value {
        case .size(let sizes): return sizes
        case .int, .bool: return [try intArgument(value, what)]
        default:
            var result: [Int] = []
            for item in try iterateAll(value) { result.append(try intArgument(item, what)) }
            return result
        }
    }

    /// A dtype argument (`torch.float32`, …) or nil.
    func dtypeArgument(_ value: Value?) throws(PyError) -> DType? {
        guard let value = value.orNone else { return nil }
        if case .dtype(let dtype) = value { return dtype }
        if case .type(let type) = value {
            switch type.name {
            case "float": return .float32
            case "int": return .int64
            case "bool": return .bool
            default: break
            }
        }
        throw PyError.type("dtype must be torch.dtype, not \(typeName(of: value))")
    }

    /// Subscript components for the engine: ints, slices, `None`, `...`, masks and index tensors.
    func tensorIndices(_ index: Value) throws(PyError) -> [TensorIndex] {
        if case .tuple(let items) = index {
            var indices: [TensorIndex] = []
            indices.reserveCapacity(items.count)
            for item in items { indices.append(try tensorIndex(item)) }
            return indices
        }
        return [try tensorIndex(index)]
    }

    private func tensorIndex(_ value: Value) throws(PyError) -> TensorIndex {
        switch value {
        case .int(let number): return .int(number)
        case .bool(let flag): return .tensor(.scalar(.bool(flag)))
        case .none: return .newAxis
        case .ellipsis: return .ellipsis
        case .slice(let slice):
            func bound(_ part: Value) throws(PyError) -> Int? {
                if case .none = part { return nil }
                return try intArgument(part, "slice indices")
            }
            let step = try bound(slice.step)
            if let step, step < 0 { throw PyError.value("step must be greater than zero") }
            return .slice(start: try bound(slice.start), stop: try bound(slice.stop), step: step)
        case .tensor(let box):
            if box.tensor.rank == 0 && [.int64, .int32].contains(box.tensor.dtype), let number = box.tensor.scalarInt {
                return .int(number)
            }
            return .tensor(box.tensor)
        case .list, .size:
            return .tensor(try tensorArgument(value, "index"))
        default:
            throw PyError.index(
                "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(typeName(of: value)))"
            )
        }
    }
}

extension Tensor {
    /// The single element as an integer, if the tensor holds exactly one integral element.
    var scalarInt: Int? {
        guard count == 1, let scalar = try? item() else { return nil }
        switch scalar {
        case .int(let number): return Int(number)
        case .bool(let flag): return flag ? 1 : 0
        case .float(let number): return number.rounded() == number ? Int(exactly: number) : nil
        }
    }

    /// The single element as a double.
    var scalarDouble: Double? {
        guard count == 1, let scalar = try? item() else { return nil }
        return scalar.doubleValue
    }
}
