extension Tensor {
    /// The most elements ``formSum()`` sums in place.
    public static let maximumReusedSumCount = 256

    /// Becomes `self op other` (or `other op self` when `selfIsLeft` is false), computed into this
    /// tensor's own buffer, when both are float32 tensors of one shape and `operation` is `+`,
    /// `-`, `*` or `/`; returns false and changes nothing otherwise.
    ///
    /// The elements are exactly those of ``binary(_:_:_:)`` on the same operands. A caller whose
    /// operand is a temporary nobody else can see (`X[i:i + h, j:j + w] * K`) gets the result
    /// without allocating one; a buffer shared with another tensor is copied first, as any
    /// mutation of a value type is (and when that copy is refused at the memory limit, this
    /// returns false: ``binary(_:_:_:)`` then says so).
    public mutating func formBinary(_ operation: BinaryOperation, _ other: Tensor, selfIsLeft: Bool) -> Bool {
        guard case .float32 = storage, case .float32(let y) = other.storage, shape == other.shape else { return false }
        let done: Void?
        switch operation {
        case .add: done = try? withMutableFloats { x in Tensor.combine(&x, y) { $0 + $1 } }
        case .mul: done = try? withMutableFloats { x in Tensor.combine(&x, y) { $0 * $1 } }
        case .sub:
            if selfIsLeft {
                done = try? withMutableFloats { x in Tensor.combine(&x, y) { $0 - $1 } }
            } else {
                done = try? withMutableFloats { x in Tensor.combine(&x, y) { $1 - $0 } }
            }
        case .div:
            if selfIsLeft {
                done = try? withMutableFloats { x in Tensor.combine(&x, y) { $0 / $1 } }
            } else {
                done = try? withMutableFloats { x in Tensor.combine(&x, y) { $1 / $0 } }
            }
        default:
            return false
        }
        return done != nil
    }

    /// Becomes the 0-d sum of its elements (`torch.sum(t)`), kept in this tensor's own buffer,
    /// when it is a float32 tensor of 1 to ``maximumReusedSumCount`` elements (a larger buffer
    /// would stay allocated for one number); returns false and changes nothing otherwise. The
    /// value is exactly that of ``sum(dims:keepdim:)`` with no dimensions.
    public mutating func formSum() -> Bool {
        guard case .float32(let values) = storage, !values.isEmpty, values.count <= Tensor.maximumReusedSumCount
        else { return false }
        let total = Float(sumInDouble(values[...]))
        let done: Void? = try? withMutableFloats { x in
            // Removing elements keeps the buffer: no allocation for the one-element result.
            x.removeSubrange(1...)
            x[0] = total
        }
        guard done != nil else { return false }
        setShapeUnchecked([])
        return true
    }

    /// `x[i] = body(x[i], y[i])` for every index. - Precondition: `x.count == y.count`.
    @inline(__always)
    private static func combine(_ x: inout [Float], _ y: [Float], _ body: (Float, Float) -> Float) {
        y.withUnsafeBufferPointer { right in
            x.withUnsafeMutableBufferPointer { left in
                for index in 0..<left.count { left[index] = body(left[index], right[index]) }
            }
        }
    }
}
