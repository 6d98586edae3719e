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
        // From the last dimension, as PyTorch checks: the message names the last mismatch.
        for dim in (0..<rank).reversed() {
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
        let count = outShape.reduce(1, &*)
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
                        stridedMap(
                            left, right, result, outShape: outShape,
                            leftStrides: strides(of: aShape, broadcastTo: outShape),
                            rightStrides: strides(of: bShape, broadcastTo: outShape), body)
                    }
                }
            }
        }
    }

    /// The general broadcast loop: an odometer over the outer dimensions and a tight inner loop
    /// over the last (coalesced) one, with fast paths for contiguous and stretched inner rows.
    @inline(__always)
    private static func stridedMap<A, B, R>(
        _ left: UnsafeBufferPointer<A>, _ right: UnsafeBufferPointer<B>, _ result: UnsafeMutablePointer<R>,
        outShape: [Int], leftStrides: [Int], rightStrides: [Int], _ body: (A, B) -> R
    ) {
        let (dims, aStrides, bStrides) = coalesced(outShape, leftStrides, rightStrides)
        let count = dims.reduce(1, &*)
        let inner = dims[dims.count - 1]
        let (aInner, bInner) = (aStrides[dims.count - 1], bStrides[dims.count - 1])
        let a = left.baseAddress!
        let b = right.baseAddress!
        var index = Array(repeating: 0, count: dims.count)
        var (aOffset, bOffset, out) = (0, 0, 0)
        while out < count {
            let target = result + out
            if aInner == 1 && bInner == 1 {
                for i in 0..<inner { (target + i).initialize(to: body(a[aOffset + i], b[bOffset + i])) }
            } else if aInner == 1 && bInner == 0 {
                let value = b[bOffset]
                for i in 0..<inner { (target + i).initialize(to: body(a[aOffset + i], value)) }
            } else if aInner == 0 && bInner == 1 {
                let value = a[aOffset]
                for i in 0..<inner { (target + i).initialize(to: body(value, b[bOffset + i])) }
            } else {
                for i in 0..<inner {
                    (target + i).initialize(to: body(a[aOffset + i * aInner], b[bOffset + i * bInner]))
                }
            }
            out += inner
            var dim = dims.count - 2
            while dim >= 0 {
                index[dim] += 1
                aOffset += aStrides[dim]
                bOffset += bStrides[dim]
                if index[dim] < dims[dim] { break }
                aOffset -= aStrides[dim] * dims[dim]
                bOffset -= bStrides[dim] * dims[dim]
                index[dim] = 0
                dim -= 1
            }
        }
    }

    /// Drops size-1 dimensions and merges neighbours that both operands traverse as one run, so
    /// the inner loop is as long as possible (`[1000, 1000] + [1000]` keeps one inner row of 1000;
    /// same-layout dimensions collapse entirely).
    static func coalesced(_ shape: [Int], _ a: [Int], _ b: [Int]) -> ([Int], [Int], [Int]) {
        var sizes: [Int] = []
        var aStrides: [Int] = []
        var bStrides: [Int] = []
        for dim in shape.indices where shape[dim] != 1 {
            if let last = sizes.indices.last, aStrides[last] == a[dim] * shape[dim],
                bStrides[last] == b[dim] * shape[dim]
            {
                sizes[last] *= shape[dim]
                aStrides[last] = a[dim]
                bStrides[last] = b[dim]
            } else {
                sizes.append(shape[dim])
                aStrides.append(a[dim])
                bStrides.append(b[dim])
            }
        }
        if sizes.isEmpty { return ([1], [0], [0]) }
        return (sizes, aStrides, bStrides)
    }
}

extension Tensor {
    /// This tensor's elements repeated to fill `shape` (the materialized result of `expand`).
    ///
    /// - Precondition: `self.shape` broadcasts to `shape` and `shape` passed the element cap.
    /// - Throws: `.memory` when the elements and their offsets do not fit under the memory limit.
    func materialized(broadcastTo target: [Int]) throws(TensorError) -> Tensor {
        if shape == target { return self }
        // The offsets (one Int each, admitted by Layout.offsets) and the gathered elements live
        // at the same time; each is admitted while the ones before it are held.
        let offsets = try Layout.offsets(shape: target, strides: Broadcasting.strides(of: shape, broadcastTo: target))
        return Tensor(uncheckedShape: target, storage: try storage.gathered(offsets, for: target))
    }
}
