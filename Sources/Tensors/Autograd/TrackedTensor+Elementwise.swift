import Foundation

extension TrackedTensor {
    /// A differentiable binary operation with broadcasting (`a + b`, `a * b`, `a ** b`, …);
    /// gradients are summed back to each operand's shape. Integer-valued operations
    /// (floor division, bitwise) pass no gradient.
    public static func binary(
        _ operation: BinaryOperation, _ a: TrackedTensor, _ b: TrackedTensor
    ) throws(TensorError) -> TrackedTensor {
        let result = try Tensor.binary(operation, a.tensor, b.tensor)
        guard a.requiresGrad || b.requiresGrad, result.dtype == .float32 else { return TrackedTensor(result) }
        let x = a.tensor
        let y = b.tensor
        let backward: GradNode.Backward
        switch operation {
        case .add:
            backward = { g, needs throws(TensorError) in
                [needs[0] ? try .gradient(g, for: x) : nil, needs[1] ? try .gradient(g, for: y) : nil]
            }
        case .sub:
            backward = { g, needs throws(TensorError) in
                [needs[0] ? try .gradient(g, for: x) : nil, needs[1] ? try .gradient(try g.neg(), for: y) : nil]
            }
        case .mul:
            backward = { g, needs throws(TensorError) in
                [needs[0] ? try .gradient(try g * y, for: x) : nil, needs[1] ? try .gradient(try g * x, for: y) : nil]
            }
        case .div:
            backward = { g, needs throws(TensorError) in
                [
                    needs[0] ? try .gradient(try g / y, for: x) : nil,
                    needs[1] ? try .gradient(try (try g.neg() * result) / y, for: y) : nil,
                ]
            }
        case .pow:
            backward = { g, needs throws(TensorError) in
                var gradients: [Tensor?] = [nil, nil]
                if needs[0] {
                    // d/dx x^y = y · x^(y − 1), taken as 0 where y == 0 (as PyTorch does).
                    let slope = try Tensor.binary(.pow, x, try y - Tensor.scalar(.int(1))) * y
                    let masked = try Tensor.where(try y.eq(.int(0)), Tensor.scalar(.float(0)), slope)
                    gradients[0] = try .gradient(try g * masked, for: x)
                }
                if needs[1] {
                    // d/dy x^y = x^y · log x, taken as 0 where x == 0 and y ≥ 0.
                    let slope = try result * x.to(.float32).log()
                    let zeroBase = try x.eq(.int(0)).logicalAnd(try y.ge(.int(0)))
                    let masked = try Tensor.where(zeroBase, Tensor.scalar(.float(0)), slope)
                    gradients[1] = try .gradient(try g * masked, for: y)
                }
                return gradients
            }
        case .maximum, .minimum:
            backward = { g, needs throws(TensorError) in
                // The larger (smaller) operand gets the gradient; ties split it evenly.
                let wins = try Tensor.compare(operation == .maximum ? .gt : .lt, x, y)
                let ties = try x.eq(y)
                let zero = Tensor.scalar(.float(0))
                let half = try g * Tensor.scalar(.float(0.5))
                let mine = try Tensor.where(ties, half, try Tensor.where(wins, g, zero))
                let theirs = try Tensor.where(ties, half, try Tensor.where(wins, zero, g))
                return [
                    needs[0] ? try .gradient(mine, for: x) : nil, needs[1] ? try .gradient(theirs, for: y) : nil,
                ]
            }
        case .remainder:
            backward = { g, needs throws(TensorError) in
                [
                    needs[0] ? try .gradient(g, for: x) : nil,
                    needs[1] ? try .gradient(try g.neg() * Tensor.binary(.floorDivide, x, y), for: y) : nil,
                ]
            }
        case .floorDivide, .bitwiseAnd, .bitwiseOr, .bitwiseXor:
            backward = { g, needs throws(TensorError) in
                [
                    needs[0] ? try Tensor.zerosLike(x, dtype: .float32) : nil,
                    needs[1] ? try Tensor.zerosLike(y, dtype: .float32) : nil,
                ]
            }
        }
        return record(
            Self.nodeName(operation), result, inputs: [a, b], saving: operation.savesOperands ? [a, b] : [],
            backward: backward)
    }

    static func nodeName(_ operation: BinaryOperation) -> String {
        switch operation {
        case .add: "AddBackward0"
        case .sub: "SubBackward0"
        case .mul: "MulBackward0"
        case .div: "DivBackward0"
        case .pow: "PowBackward1"
        case .maximum: "MaximumBackward0"
        case .minimum: "MinimumBackward0"
        case .remainder: "RemainderBackward1"
        case .floorDivide: "FloorDivideBackward0"
        case .bitwiseAnd, .bitwiseOr, .bitwiseXor: "BitwiseBackward0"
        }
    }

    /// A differentiable elementwise function (`exp`, `sigmoid`, …).
    public func apply(_ function: UnaryFunction) throws(TensorError) -> TrackedTensor {
        let result = try tensor.apply(function)
        guard requiresGrad, result.dtype == .float32 else { return TrackedTensor(result) }
        let x = try tensor.to(.float32)
        let derivative: (Tensor) throws(TensorError) -> Tensor
        switch function {
        case .exp: derivative = { g throws(TensorError) in try g * result }
        case .log: derivative = { g throws(TensorError) in try g / x }
        case .log2: derivative = { g throws(TensorError) in try g / (try x * Tensor.scalar(.float(M_LN2))) }
        case .log10: derivative = { g throws(TensorError) in try g / (try x * Tensor.scalar(.float(M_LN10))) }
        case .sqrt: derivative = { g throws(TensorError) in try .zipElements(g, result) { $0 / (2 * $1) } }
        case .rsqrt: derivative = { g throws(TensorError) in try .zipElements(g, result) { -0.5 * $0 * $1 * $1 * $1 } }
        case .sigmoid: return recordedSigmoid(result)
        case .tanh: derivative = { g throws(TensorError) in try .zipElements(g, result) { $0 * (1 - $1 * $1) } }
        case .sin: derivative = { g throws(TensorError) in try .zipElements(g, x) { $0 * Foundation.cos($1) } }
        case .cos: derivative = { g throws(TensorError) in try .zipElements(g, x) { -$0 * Foundation.sin($1) } }
        }
        let name = "\(function.rawValue.prefix(1).uppercased())\(function.rawValue.dropFirst())Backward0"
        return Self.record(name, result, inputs: [self], saving: [self]) { g, _ throws(TensorError) in
            [try derivative(g)]
        }
    }

    /// `result`, the sigmoid of this tensor, with the node that `apply(.sigmoid)` records for it.
    func recordedSigmoid(_ result: Tensor) -> TrackedTensor {
        let tracked = Self.record("SigmoidBackward0", result, inputs: [self], saving: [self]) {
            g, _ throws(TensorError) in
            [try Tensor.sigmoidGradient(g, output: result)]
        }
        tracked.node?.pointwise = .sigmoid(output: result)
        return tracked
    }

    /// `-x`.
    public func neg() throws(TensorError) -> TrackedTensor {
        let result = try tensor.neg()
        return Self.record("NegBackward0", result, inputs: [self]) { g, _ throws(TensorError) in [try g.neg()] }
    }

    /// `x.relu()`: the gradient passes where the input is positive.
    public func relu() throws(TensorError) -> TrackedTensor {
        let result = try tensor.relu()
        return Self.record("ReluBackward0", result, inputs: [self], saving: [self]) { g, _ throws(TensorError) in
            [try .zipElements(g, result) { $1 > 0 ? $0 : 0 }]
        }
    }

    /// `x.abs()`: the gradient times the sign of the input (0 at 0).
    public func abs() throws(TensorError) -> TrackedTensor {
        let x = tensor
        return Self.record("AbsBackward0", try tensor.abs(), inputs: [self], saving: [self]) {
            g, _ throws(TensorError) in
            [try .zipElements(g, x.to(.float32)) { $1 > 0 ? $0 : $1 < 0 ? -$0 : 0 }]
        }
    }

    /// A piecewise-constant function (`floor`, `ceil`, `round`, `trunc`, `sign`): gradient zero.
    public func piecewiseConstant(
        _ name: String, _ body: (Tensor) throws(TensorError) -> Tensor
    ) throws(TensorError) -> TrackedTensor {
        let shape = tensor.shape
        return Self.record(name, try body(tensor), inputs: [self]) { _, _ throws(TensorError) in
            [try Tensor.zeros(shape)]
        }
    }

    /// `x.clamp(min, max)`: the gradient passes where the input lies within the bounds.
    public func clamp(min lower: Scalar?, max upper: Scalar?) throws(TensorError) -> TrackedTensor {
        let x = try tensor.to(.float32)
        let result = try tensor.clamp(min: lower, max: upper)
        let low = lower.map { $0.floatValue } ?? -.infinity
        let high = upper.map { $0.floatValue } ?? .infinity
        return Self.record("ClampBackward1", result, inputs: [self], saving: [self]) { g, _ throws(TensorError) in
            [try .zipElements(g, x) { $1 >= low && $1 <= high ? $0 : 0 }]
        }
    }

    /// `torch.where(condition, a, b)`: each branch gets the gradient where it was chosen.
    public static func `where`(
        _ condition: Tensor, _ a: TrackedTensor, _ b: TrackedTensor
    ) throws(TensorError) -> TrackedTensor {
        let result = try Tensor.where(condition, a.tensor, b.tensor)
        let x = a.tensor
        let y = b.tensor
        return record("WhereBackward0", result, inputs: [a, b]) { g, needs throws(TensorError) in
            let zero = Tensor.scalar(.float(0))
            return [
                needs[0] ? try .gradient(try Tensor.where(condition, g, zero), for: x) : nil,
                needs[1] ? try .gradient(try Tensor.where(condition, zero, g), for: y) : nil,
            ]
        }
    }

    /// A conversion to another element type: the gradient flows back only between float tensors.
    public func to(_ dtype: DType) throws(TensorError) -> TrackedTensor {
        let result = try tensor.to(dtype)
        guard dtype == .float32 else { return TrackedTensor(result) }
        return Self.record("ToCopyBackward0", result, inputs: [self]) { g, _ in [g] }
    }
}

extension BinaryOperation {
    /// Whether the backward formula reads the operands (so changing one in place breaks it).
    var savesOperands: Bool {
        switch self {
        case .add, .sub, .floorDivide, .bitwiseAnd, .bitwiseOr, .bitwiseXor: false
        default: true
        }
    }
}
