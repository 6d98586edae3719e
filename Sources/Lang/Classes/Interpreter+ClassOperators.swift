/// Cold paths of the operators, kept out of line (`@inline(never)`) so that the hot arithmetic in
/// `binary` and `compare` keeps its size and frame.
extension Interpreter {
    /// The dunder names of the binary operators (`__add__`; the reflected one is `__radd__`).
    private static let operatorMethods: [BinaryOperator: String] = [
        .add: "add", .subtract: "sub", .multiply: "mul", .divide: "truediv", .floorDivide: "floordiv",
        .modulo: "mod", .power: "pow", .matmul: "matmul", .bitAnd: "and", .bitOr: "or", .bitXor: "xor",
        .shiftLeft: "lshift", .shiftRight: "rshift",
    ]

    /// `a op b` where an operand is an instance of a user class: `a.__op__(b)`, else
    /// `b.__rop__(a)`; `nil` when neither defines it.
    @inline(never)
    func instanceBinary(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value) throws(PyError) -> Value? {
        guard let name = Interpreter.operatorMethods[op] else { return nil }
        if let result = try callDunder(lhs, "__\(name)__", rhs) { return result }
        return try callDunder(rhs, "__r\(name)__", lhs)
    }

    /// The TypeError for operands an operator does not take, in CPython's words (a sequence plus
    /// something else: `can only concatenate str (not "list") to str`).
    @inline(never)
    func unsupportedOperands(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value) -> PyError {
        switch (op, lhs) {
        case (.add, .str), (.add, .list), (.add, .tuple):
            let kind = typeName(of: lhs)
            return PyError.type("can only concatenate \(kind) (not \"\(typeName(of: rhs))\") to \(kind)")
        default:
            return PyError.type(
                "unsupported operand type(s) for \(op.rawValue): '\(typeName(of: lhs))' and '\(typeName(of: rhs))'")
        }
    }

    /// `-a`, `+a`, `~a` for an instance: `__neg__`, `__pos__`, `__invert__`.
    @inline(never)
    func instanceUnary(_ op: UnaryOperator, _ operand: Value) throws(PyError) -> Value? {
        guard case .object(let instance as Instance) = operand else { return nil }
        let name =
            switch op {
            case .negate: "__neg__"
            case .plus: "__pos__"
            case .invert: "__invert__"
            }
        guard let method = instance.cls.lookup(name) else { return nil }
        return try call(try bindClassAttribute(method, to: operand), Arguments())
    }

    /// `a == b` when an operand defines `__eq__` (the left one first); `nil` otherwise.
    @inline(never)
    func instanceEqual(_ lhs: Value, _ rhs: Value) throws(PyError) -> Bool? {
        if let result = try callDunder(lhs, "__eq__", rhs) { return try truthy(result) }
        if let result = try callDunder(rhs, "__eq__", lhs) { return try truthy(result) }
        return nil
    }

    /// `a < b` and friends for instances: `a.__lt__(b)`, else the mirrored `b.__gt__(a)`.
    @inline(never)
    func instanceOrdering(_ op: CompareOperator, _ lhs: Value, _ rhs: Value) throws(PyError) -> Value? {
        let (name, mirrored): (String, String)
        switch op {
        case .less: (name, mirrored) = ("__lt__", "__gt__")
        case .lessEqual: (name, mirrored) = ("__le__", "__ge__")
        case .greater: (name, mirrored) = ("__gt__", "__lt__")
        case .greaterEqual: (name, mirrored) = ("__ge__", "__le__")
        default: return nil
        }
        if let result = try callDunder(lhs, name, rhs) { return result }
        return try callDunder(rhs, mirrored, lhs)
    }

    private func callDunder(_ receiver: Value, _ name: String, _ argument: Value) throws(PyError) -> Value? {
        guard case .object(let instance as Instance) = receiver, let method = instance.cls.lookup(name) else {
            return nil
        }
        return try call(try bindClassAttribute(method, to: receiver), Arguments([argument]))
    }
}
