import Tensors

extension Interpreter {
    func tensorTruth(_ tensor: Tensor) throws(PyError) -> Bool {
        guard tensor.count == 1 else {
            throw PyError.runtime(
                tensor.count == 0
                    ? "Boolean value of Tensor with no values is ambiguous"
                    : "Boolean value of Tensor with more than one value is ambiguous")
        }
        return try engine { () throws(TensorError) in try tensor.item() }.boolValue
    }

    func tensorUnary(_ op: UnaryOperator, _ box: TensorBox) throws(PyError) -> Value {
        let tensor = box.tensor
        switch op {
        case .plus: return .tensor(tensor)
        case .negate:
            if tracks(box) {
                let operand = box.tracked()
                return result(try engine { () throws(TensorError) in try operand.neg() })
            }
            return .tensor(try engine { () throws(TensorError) in try tensor.neg() })
        case .invert:
            if tensor.dtype == .bool {
                return .tensor(try engine { () throws(TensorError) in try tensor.logicalNot() })
            }
            return .tensor(try engine { () throws(TensorError) in try tensor.bitwiseNot() })
        }
    }

    static let tensorOperations: [BinaryOperator: BinaryOperation] = [
        .add: .add, .subtract: .sub, .multiply: .mul, .divide: .div, .floorDivide: .floorDivide,
        .modulo: .remainder, .power: .pow, .bitAnd: .bitwiseAnd, .bitOr: .bitwiseOr, .bitXor: .bitwiseXor,
    ]

    /// The engine operation of an operator, as `tensorOperations` maps it, without hashing (hot path).
    static func tensorOperation(_ op: BinaryOperator) -> BinaryOperation? {
        switch op {
        case .add: .add
        case .subtract: .sub
        case .multiply: .mul
        case .divide: .div
        default: tensorOperations[op]
        }
    }

    /// `lhs op rhs` with at least one tensor operand. The operands are consumed: one that is a
    /// temporary no one else holds (the block in `X[i:i + h, j:j + w] * K`) may take the result
    /// in place (see ``reusingBinary(_:_:_:)``).
    func tensorBinary(_ op: BinaryOperator, _ lhs: consuming Value, _ rhs: consuming Value) throws(PyError) -> Value {
        if tracks(lhs) || tracks(rhs) { return try trackedBinary(op, lhs, rhs) }
        if op != .matmul, let operation = Interpreter.tensorOperation(op), case .tensor(let a) = lhs,
            case .tensor(let b) = rhs
        {
            // Two tensors: the engine reads both boxes' tensors in place, without first copying
            // them out as operands. The values are dropped first, so the boxes are held once.
            _ = consume lhs
            _ = consume rhs
            try checkInterrupt()
            return try reusingBinary(operation, consume a, consume b)
        }
        guard let left = try tensorOperand(lhs), let right = try tensorOperand(rhs) else {
            throw unsupportedOperands(op.rawValue, lhs, rhs)
        }
        if op == .matmul {
            guard case .tensor = lhs, case .tensor = rhs else { throw unsupportedOperands("@", lhs, rhs) }
            return .tensor(try engine { () throws(TensorError) in try left.matmul(right) })
        }
        guard let operation = Interpreter.tensorOperation(op) else {
            throw PyError.type("unsupported operand type(s) for \(op.rawValue): 'Tensor'")
        }
        try checkInterrupt()
        return .tensor(try engine { () throws(TensorError) in try Tensor.binary(operation, left, right) })
    }

    /// `a op b` for two untracked tensors: into `a`'s box when the caller passed the only
    /// reference to it and it is a plain tensor of the result's shape and type (NumPy's temporary
    /// elision), else into `b`'s under the same conditions, else into a new box. No program can
    /// tell the difference: no one else can reach a box held only here.
    private func reusingBinary(
        _ operation: BinaryOperation, _ a: consuming TensorBox, _ b: consuming TensorBox
    ) throws(PyError) -> Value {
        if isKnownUniquelyReferenced(&a), a.isReusableForResult,
            a.tensor.formBinary(operation, b.tensor, selfIsLeft: true)
        {
            return .tensor(a)
        }
        if isKnownUniquelyReferenced(&b), b.isReusableForResult,
            b.tensor.formBinary(operation, a.tensor, selfIsLeft: false)
        {
            return .tensor(b)
        }
        return .tensor(try engine { () throws(TensorError) in try Tensor.binary(operation, a.tensor, b.tensor) })
    }

    /// The `TypeError` for `lhs op rhs` when the operator does not take these operands.
    private func unsupportedOperands(_ symbol: String, _ lhs: Value, _ rhs: Value) -> PyError {
        PyError.type("unsupported operand type(s) for \(symbol): '\(typeName(of: lhs))' and '\(typeName(of: rhs))'")
    }

    /// A binary operator recorded for autograd.
    private func trackedBinary(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value) throws(PyError) -> Value {
        guard let left = try trackedOperand(lhs), let right = try trackedOperand(rhs) else {
            throw unsupportedOperands(op.rawValue, lhs, rhs)
        }
        if op == .matmul {
            guard case .tensor = lhs, case .tensor = rhs else { throw unsupportedOperands("@", lhs, rhs) }
            return result(try engine { () throws(TensorError) in try left.matmul(right) })
        }
        guard let operation = Interpreter.tensorOperation(op) else {
            throw PyError.type("unsupported operand type(s) for \(op.rawValue): 'Tensor'")
        }
        try checkInterrupt()
        return result(try engine { () throws(TensorError) in try TrackedTensor.binary(operation, left, right) })
    }

    /// `tensor op= value` updates the tensor in place (keeping its type, as PyTorch does);
    /// returns false when the operation has no in-place form.
    ///
    /// On a result of recorded operations (or with an operand that requires grad) the update is
    /// recorded too: the tensor object takes the new value and the new `grad_fn`, as PyTorch's
    /// in-place operations rebase the history.
    func tensorInPlace(_ box: TensorBox, _ op: BinaryOperator, _ value: Value) throws(PyError) -> Bool {
        guard let operation = Interpreter.tensorOperations[op], let other = try tensorOperand(value) else {
            return false
        }
        try willModify(box)
        if gradEnabled, box.requiresGrad || tracks(value) {
            let left = box.tracked()
            guard let right = try trackedOperand(value) else { return false }
            let updated = try engine { () throws(TensorError) in try TrackedTensor.binary(operation, left, right) }
            guard updated.tensor.shape == box.tensor.shape else {
                throw PyError.runtime(
                    "output with shape \(formatShape(box.tensor.shape)) doesn't match the broadcast shape \(formatShape(updated.tensor.shape))"
                )
            }
            let dtype = box.tensor.dtype
            box.tensor = try engine { () throws(TensorError) in try updated.tensor.to(dtype) }
            box.gradFn = updated.node
            box.requiresGrad = updated.node != nil
            return true
        }
        try engine { () throws(TensorError) in try box.tensor.applyInPlace(operation, other) }
        return true
    }

    static let tensorComparisons: [CompareOperator: ComparisonOperation] = [
        .equal: .eq, .notEqual: .ne, .less: .lt, .lessEqual: .le, .greater: .gt, .greaterEqual: .ge,
    ]

    func tensorCompare(_ op: CompareOperator, _ lhs: Value, _ rhs: Value) throws(PyError) -> Value {
        guard let comparison = Interpreter.tensorComparisons[op], let left = try tensorOperand(lhs),
            let right = try tensorOperand(rhs)
        else {
            if op == .equal { return .bool(false) }
            if op == .notEqual { return .bool(true) }
            throw PyError.type(
                "'\(op.rawValue)' not supported between instances of '\(typeName(of: lhs))' and '\(typeName(of: rhs))'")
        }
        return .tensor(try engine { () throws(TensorError) in try Tensor.compare(comparison, left, right) })
    }

    func tensorContains(_ tensor: Tensor, _ value: Value) throws(PyError) -> Bool {
        guard let other = try tensorOperand(value) else { return false }
        let equal = try engine { () throws(TensorError) in try Tensor.compare(.eq, tensor, other).any() }
        return try tensorTruth(equal)
    }

    func tensorGetItem(_ box: TensorBox, _ index: Value) throws(PyError) -> Value {
        let tensor = box.tensor
        if tracks(box) {
            let indices = try tensorIndices(index)
            let operand = box.tracked()
            return result(try engine { () throws(TensorError) in try operand.getItem(indices) })
        }
        if let plan = FastIndexing.plan(values: index, shape: tensor.shape), let block = tensor.block(plan) {
            return .tensor(block)
        }
        let indices = try tensorIndices(index)
        return .tensor(try engine { () throws(TensorError) in try tensor.getItem(indices) })
    }

    /// A number or a 0-d tensor as the float32 element it stores; `nil` for other values.
    func elementValue(_ value: Value) throws(PyError) -> Float? {
        switch value {
        case .tensor(let source):
            // One read of the box: a float 0-d tensor (`d2l.reduce_sum(…)`) holds the element itself.
            let tensor = source.tensor
            guard tensor.shape.isEmpty else { return nil }
            if case .float32(let values) = tensor.storage, values.count == 1 { return values[0] }
            return try engine { () throws(TensorError) in try tensor.item() }.floatValue
        case .int, .float, .bool:
            return try scalar(value).floatValue
        default:
            return nil
        }
    }

    func tensorSetItem(_ box: TensorBox, _ index: Value, _ value: Value) throws(PyError) {
        try willModify(box)
        if gradEnabled, box.requiresGrad || tracks(value) {
            let indices = try tensorIndices(index)
            let target = box.tracked()
            let source = try trackedArgument(value, "the assigned value")
            let updated = try engine { () throws(TensorError) in try target.settingItem(indices, to: source) }
            box.tensor = updated.tensor
            box.gradFn = updated.node
            box.requiresGrad = updated.node != nil
            return
        }
        if box.tensor.dtype == .float32, let offset = FastIndexing.elementOffset(values: index, shape: box.tensor.shape)
        {
            // `Y[i, j] = v` with a number or a one-element 0-d tensor: store the element directly.
            if let element = try elementValue(value), !tracks(value) {
                try engine { () throws(TensorError) in try box.tensor.withMutableFloats { $0[offset] = element } }
                return
            }
        }
        let indices = try tensorIndices(index)
        switch value {
        case .tensor(let source) where source.tensor.rank == 0:
            // `Y[i, j] = (X[...] * K).sum()`: a 0-d value takes the engine's scalar path.
            let number = try engine { () throws(TensorError) in try source.tensor.item() }
            try engine { () throws(TensorError) in try box.tensor.setItem(indices, to: number) }
        case .tensor(let source):
            let values = source.tensor
            try engine { () throws(TensorError) in try box.tensor.setItem(indices, to: values) }
        case .int, .float, .bool:
            let number = try scalar(value)
            try engine { () throws(TensorError) in try box.tensor.setItem(indices, to: number) }
        default:
            let values = try tensorArgument(value, "the assigned value")
            try engine { () throws(TensorError) in try box.tensor.setItem(indices, to: values) }
        }
    }

    /// Iterates along the first dimension, as `for row in X` does.
    func tensorIterator(_ box: TensorBox) throws(PyError) -> ValueIterator {
        let tensor = box.tensor
        guard let count = tensor.shape.first else { throw PyError.type("iteration over a 0-d tensor") }
        var index = 0
        let operand: TrackedTensor? = tracks(box) ? box.tracked() : nil
        return ValueIterator(
            .custom({ [self] () throws(PyError) in
                guard index < count else { return nil }
                defer { index += 1 }
                let position = index
                if let operand {
                    return result(try engine { () throws(TensorError) in try operand.select(dim: 0, index: position) })
                }
                return .tensor(try engine { () throws(TensorError) in try tensor.select(dim: 0, index: position) })
            }))
    }

    func tensorRepr(_ box: TensorBox) throws(PyError) -> String {
        let text = TensorFormatter.repr(box.tensor, extraSuffixes: autogradSuffixes(box))
        return box.isParameter ? "Parameter containing:\n" + text : text
    }

    func tensorItem(_ tensor: Tensor) throws(PyError) -> Value {
        Value(try engine { () throws(TensorError) in try tensor.item() })
    }

    func tensorAbs(_ box: TensorBox) throws(PyError) -> Value {
        if tracks(box) {
            let operand = box.tracked()
            return result(try engine { () throws(TensorError) in try operand.abs() })
        }
        return .tensor(try engine { () throws(TensorError) in try box.tensor.abs() })
    }

    func assignInPlace(_ box: TensorBox, _ tensor: Tensor) throws(PyError) {
        try willModify(box)
        box.tensor = tensor
    }
}
