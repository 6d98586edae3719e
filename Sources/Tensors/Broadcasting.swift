/// NumPy/PyTorch broadcasting: shapes are aligned at their trailing dimensions, and a dimension
/// of size 1 (or a missing one) stretches to match the other.
public enum Broadcasting {
    /// The shape two operands broadcast to.
    ///
    /// - Throws: `.shape` with PyTorch's message, e.g. *"The size of tensor a (3) must match the
    ///   size of tensor b (4) at non-singleton dimension 1"*.
    public static func shape(_ a: [Int], _ b: [Int]) throws(TensorError) -> [Int] {
        if a == b { return a }
        let rank = max(a.count, b.count)
        var result = Array(repeating: 0, count: rank)
        for dim in 0..<rank {
            let sizeA = dim - (rank - a.count) >= 0 ? a[dim - (rank - a.count)] : 1
            let sizeB = dim - (rank - b.count) >= 0 ? b[dim - (rank - b.count)] : 1
            guard sizeA == sizeB || sizeA == 1 || sizeB == 1 else {
                throw .shape(
                    "The size of tensor a (\(sizeA)) must match the size of tensor b (\(sizeB)) at non-singleton dimension \(dim)"
                )
            }
            result[dim] = sizeA == 1 ? sizeB : sizeA
        }
        return result
    }

    /// The strides that read a contiguous tensor of `shape` as if it had `target` shape: stretched
    /// dimensions get stride 0. - Precondition: `shape` broadcasts to `target`.
    static func strides(of shape: [Int], broadcastTo target: [Int]) -> [Int] {
        let own = Layout.contiguousStrides(shape)
        let lead = target.count - shape.count
        return (0..<target.count).map { dim in
            dim < lead || shape[dim - lead] == 1 ? 0 : own[dim - lead]
        }
    }

    /// Applies `body` to corresponding elements of two arrays broadcast to `outShape`.
    ///
    /// Same-shape operands and single-element operands take contiguous fast paths; other shapes
    /// walk both operands with broadcast strides.
    /// - Precondition: the shapes broadcast to `outShape` and the arrays match their shapes.
    @inline(__always)
    static func map<A, B, R>(
        _ a: [A], _ aShape: [Int], _ b: [B], _ bShape: [Int], outShape: [Int], _ body: (A, B) -> R
    ) -> [R] {
        let count = outShape.reduce(1, *)
        return a.withUnsafeBufferPointer { left in
            b.withUnsafeBufferPointer { right in
                Array(unsafeUninitializedCapacity: count) { out, initialized in
                    defer { initialized = count }
                    guard count > 0 else { return }
                    let result = out.baseAddress!
                    if left.count == count && right.count == count && aShape == bShape {
                        for index in 0..<count { (result + index).initialize(to: body(left[index], right[index])) }
                    } else if right.count == 1 && left.count == count {
                        let value = right[0]
                        for index in 0..<count { (result + index).initialize(to: body(left[index], value)) }
                    } else if left.count == 1 && right.count == count {
                        let value = left[0]
                        for index in 0..<count { (result + index).initialize(to: body(value, right[index])) }
                    } else {
                        let leftOffsets = Layout.offsets(
                            shape: outShape, strides: strides(of: aShape, broadcastTo: outShape))
                        let rightOffsets = Layout.offsets(
                            shape: outShape, strides: strides(of: bShape, broadcastTo: outShape))
                        for index in 0..<count {
                            (result + index).initialize(
                                to: body(left[leftOffsets[index]], right[rightOffsets[index]]))
                        }
                    }
                }
            }
        }
    }
}

extension Tensor {
    /// This tensor's elements repeated to fill `shape` (the materialized result of `expand`).
    ///
    /// - Precondition: `self.shape` broadcasts to `shape` and `shape` passed the element cap.
    func materialized(broadcastTo target: [Int]) -> Tensor {
        if shape == target { return self }
        let offsets = Layout.offsets(shape: target, strides: Broadcasting.strides(of: shape, broadcastTo: target))
        return Tensor(uncheckedShape: target, storage: storage.gathered(offsets))
    }
}
