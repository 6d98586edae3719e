import Foundation

/// The elements of a tensor rearranged for a reduction: `outer` rows of `inner` contiguous
/// elements each, one row per output element.
struct ReductionRows {
    var storage: TensorStorage
    var outer: Int
    var inner: Int
    /// The shape of the result.
    var outShape: [Int]
}

extension Tensor {
    /// Arranges the elements so that the dimensions in `dims` (all when `nil`) become the
    /// contiguous inner rows.
    func reductionRows(_ dims: [Int]?, keepdim: Bool) throws(TensorError) -> ReductionRows {
        let reduced: [Int]
        if let dims, !dims.isEmpty {
            reduced = try normalizedDims(dims, rank: rank)
        } else {
            reduced = Array(0..<rank)
        }
        if rank == 0 {
            return ReductionRows(storage: storage, outer: 1, inner: 1, outShape: [])
        }
        let reducedSet = Set(reduced)
        let kept = (0..<rank).filter { !reducedSet.contains($0) }
        let inner = reduced.reduce(1) { $0 &* shape[$1] }
        let outer = kept.reduce(1) { $0 &* shape[$1] }
        let outShape =
            keepdim
            ? shape.enumerated().map { reducedSet.contains($0.offset) ? 1 : $0.element }
            : kept.map { shape[$0] }
        let order = kept + reduced.sorted()
        let arranged = order == Array(0..<rank) ? storage : try permute(order).storage
        return ReductionRows(storage: arranged, outer: outer, inner: inner, outShape: outShape)
    }

    /// `torch.sum(tensor, dims, keepdim)`: float sums accumulate in double precision; integer and
    /// bool tensors sum to int64.
    public func sum(dims: [Int]? = nil, keepdim: Bool = false) throws(TensorError) -> Tensor {
        if dims?.isEmpty ?? true, case .float32(let values) = storage {
            // Whole-tensor float sum (`(X * K).sum()` in the book's loops): one row, no planning.
            let total = Float(sumInDouble(values[...]))
            return Tensor(
                uncheckedShape: keepdim ? Array(repeating: 1, count: rank) : [],
                storage: .float32(ElementBuffer.single(total)))
        }
        if let dims, rank > 1, case .float32(let values) = storage {
            let reduced = try normalizedDims(dims, rank: rank)
            if reduced.count < rank, Set(reduced) == Set(0..<reduced.count) {
                return try leadingSum(values, dimensions: reduced.count, keepdim: keepdim)
            }
        }
        let rows = try reductionRows(dims, keepdim: keepdim)
        switch rows.storage {
        case .float32(let values):
            return Tensor(
                uncheckedShape: rows.outShape,
                storage: .float32(try reduceRows(values, rows) { Float(sumInDouble($0)) }))
        case .int32:
            return try long().sum(dims: dims, keepdim: keepdim)
        case .int64(let values):
            return Tensor(
                uncheckedShape: rows.outShape, storage: .int64(try reduceRows(values, rows) { $0.reduce(0, &+) }))
        case .bool(let values):
            return Tensor(
                uncheckedShape: rows.outShape,
                storage: .int64(try reduceRows(values, rows) { Int64($0.reduce(0) { $0 + ($1 ? 1 : 0) }) }))
        }
    }

    /// `torch.sum(tensor, dim)` over one dimension.
    public func sum(dim: Int, keepdim: Bool = false) throws(TensorError) -> Tensor {
        try sum(dims: [dim], keepdim: keepdim)
    }

    /// `torch.mean(tensor, dims, keepdim)`: only for float tensors, as in PyTorch.
    public func mean(dims: [Int]? = nil, keepdim: Bool = false) throws(TensorError) -> Tensor {
        try reduceFloatRows(
            for: "mean()", dims: dims, keepdim: keepdim,
            message: { type in
                "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(type)"
            }
        ) { Float(sumInDouble($0) / Double($0.count)) }
    }

    /// `torch.mean(tensor, dim)` over one dimension.
    public func mean(dim: Int, keepdim: Bool = false) throws(TensorError) -> Tensor {
        try mean(dims: [dim], keepdim: keepdim)
    }

    /// `torch.prod(tensor, dims, keepdim)`: integers and bools multiply to int64.
    public func prod(dims: [Int]? = nil, keepdim: Bool = false) throws(TensorError) -> Tensor {
        let rows = try reductionRows(dims, keepdim: keepdim)
        switch rows.storage {
        case .float32(let values):
            return Tensor(
                uncheckedShape: rows.outShape,
                storage: .float32(try reduceRows(values, rows) { Float($0.reduce(1.0) { $0 * Double($1) }) }))
        case .int32:
            return try long().prod(dims: dims, keepdim: keepdim)
        case .int64(let values):
            return Tensor(
                uncheckedShape: rows.outShape, storage: .int64(try reduceRows(values, rows) { $0.reduce(1, &*) }))
        case .bool(let values):
            return Tensor(
                uncheckedShape: rows.outShape,
                storage: .int64(try reduceRows(values, rows) { $0.allSatisfy { $0 } ? 1 : 0 }))
        }
    }

    /// `torch.var(tensor, dims, correction, keepdim)`: the variance, divided by `n - correction`
    /// (Bessel's correction by default, as in PyTorch).
    public func variance(dims: [Int]? = nil, correction: Int = 1, keepdim: Bool = false) throws(TensorError) -> Tensor {
        try reduceFloatRows(
            for: "var", dims: dims, keepdim: keepdim,
            message: { type in "std and var only support floating point and complex dtypes, but got \(type)" }
        ) { row in
            let mean = sumInDouble(row) / Double(row.count)
            var squares = 0.0
            for value in row { squares += (Double(value) - mean) * (Double(value) - mean) }
            return Float(squares / Swift.max(Double(row.count) - Double(correction), 0))
        }
    }

    /// `torch.std(tensor, dims, correction, keepdim)`: the square root of ``variance(dims:correction:keepdim:)``.
    public func std(dims: [Int]? = nil, correction: Int = 1, keepdim: Bool = false) throws(TensorError) -> Tensor {
        try variance(dims: dims, correction: correction, keepdim: keepdim).sqrt()
    }

    /// `torch.norm(tensor, p, dims, keepdim)`: the vector p-norm of the selected elements (for a
    /// matrix and `p = 2` over all elements, the Frobenius norm); `p = .infinity` is the largest
    /// magnitude.
    public func norm(p: Double = 2, dims: [Int]? = nil, keepdim: Bool = false) throws(TensorError) -> Tensor {
        try reduceFloatRows(
            for: "norm", dims: dims, keepdim: keepdim,
            message: { type in
                "linalg.vector_norm: Expected a floating point or complex tensor as input. Got \(type)"
            }
        ) { row in
            if p == .infinity { return row.reduce(0) { Swift.max($0, Swift.abs($1)) } }
            if p == 2 { return Float(row.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()) }
            if p == 1 { return Float(row.reduce(0.0) { $0 + Double(Swift.abs($1)) }) }
            let total = row.reduce(0.0) { $0 + Foundation.pow(Double(Swift.abs($1)), p) }
            return Float(Foundation.pow(total, 1 / p))
        }
    }

    /// `torch.all(tensor)`: whether every element is nonzero.
    public func all(dims: [Int]? = nil, keepdim: Bool = false) throws(TensorError) -> Tensor {
        let rows = try to(.bool).reductionRows(dims, keepdim: keepdim)
        guard case .bool(let values) = rows.storage else { preconditionFailure("bool rows") }
        return Tensor(
            uncheckedShape: rows.outShape, storage: .bool(try reduceRows(values, rows) { $0.allSatisfy { $0 } }))
    }

    /// `torch.any(tensor)`: whether some element is nonzero.
    public func any(dims: [Int]? = nil, keepdim: Bool = false) throws(TensorError) -> Tensor {
        let rows = try to(.bool).reductionRows(dims, keepdim: keepdim)
        guard case .bool(let values) = rows.storage else { preconditionFailure("bool rows") }
        return Tensor(uncheckedShape: rows.outShape, storage: .bool(try reduceRows(values, rows) { $0.contains(true) }))
    }

    /// The elements as float32, or a `.type` error naming the PyTorch type for integer tensors.
    /// Reduces a float32 tensor over `dims`, one row of reduced elements at a time, into float32
    /// results; other element types raise `message(type)`, as PyTorch does for these reductions.
    func reduceFloatRows(
        for operation: String, dims: [Int]?, keepdim: Bool, message: (String) -> String,
        _ body: (ArraySlice<Float>) -> Float
    ) throws(TensorError) -> Tensor {
        _ = try floatValues(for: operation, message: message)
        let rows = try reductionRows(dims, keepdim: keepdim)
        guard case .float32(let arranged) = rows.storage else { preconditionFailure("float rows") }
        return Tensor(uncheckedShape: rows.outShape, storage: .float32(try reduceRows(arranged, rows, body)))
    }

    func floatValues(for operation: String, message: (String) -> String) throws(TensorError) -> [Float] {
        guard case .float32(let values) = storage else {
            throw .type(message(dtype.pytorchTypeName))
        }
        return values
    }
}

/// Applies `body` to each of the `outer` rows of `inner` elements, into a result buffer admitted
/// for `rows.outShape` (``ElementBuffer``).
@inline(__always)
func reduceRows<Element, Result>(
    _ values: [Element], _ rows: ReductionRows, _ body: (ArraySlice<Element>) -> Result
) throws(TensorError) -> AdmittedElements<Result> {
    try ElementBuffer.make(rows.outer, for: rows.outShape) { (buffer: UnsafeMutableBufferPointer<Result>) in
        for row in 0..<rows.outer {
            (buffer.baseAddress! + row).initialize(to: body(values[(row * rows.inner)..<((row + 1) * rows.inner)]))
        }
    }
}

/// The sum of float32 values accumulated in double precision, so long rows keep their accuracy.
@inline(__always)
func sumInDouble(_ values: ArraySlice<Float>) -> Double {
    values.withUnsafeBufferPointer { buffer in
        // Four independent accumulators let the additions overlap in the pipeline.
        var (t0, t1, t2, t3) = (0.0, 0.0, 0.0, 0.0)
        let blocks = buffer.count / 4
        for block in 0..<blocks {
            t0 += Double(buffer[4 * block])
            t1 += Double(buffer[4 * block + 1])
            t2 += Double(buffer[4 * block + 2])
            t3 += Double(buffer[4 * block + 3])
        }
        for index in (4 * blocks)..<buffer.count { t0 += Double(buffer[index]) }
        return (t0 + t1) + (t2 + t3)
    }
}

extension Tensor {
    /// `torch.cumsum(tensor, dim)`: running sums along `dim` (int64 for integer and bool
    /// tensors, as in PyTorch; float sums run in double precision).
    public func cumsum(dim: Int) throws(TensorError) -> Tensor {
        let axis = try normalizedDim(dim, rank: rank)
        if rank == 0 { return dtype == .float32 ? self : try to(.int64) }
        let (outer, size, inner) = (
            shape[..<axis].reduce(1, &*), shape[axis], shape[(axis + 1)...].reduce(1, &*)
        )
        func running<Element>(
            _ values: [Element], zero: Element, _ add: (Element, Element) -> Element
        ) throws(TensorError) -> AdmittedElements<Element> {
            var result = try copyElements(values, for: shape)
            for block in 0..<outer {
                for position in 0..<inner {
                    var total = zero
                    for step in 0..<size {
                        let offset = (block * size + step) * inner + position
                        total = add(total, values[offset])
                        result[offset] = total
                    }
                }
            }
            return result
        }
        // Float sums run over a double copy and its running copy before the float result.
        let working = dtype == .float32 ? 2 * MemoryLayout<Double>.stride + DType.float32.byteWidth : 8
        try ElementBuffer.admit(count * working, of: UInt8.self, for: shape)
        switch storage {
        case .float32(let values):
            let sums = try running(values.map { Double($0) }, zero: 0.0, +)
            return Tensor(
                uncheckedShape: shape, storage: .float32(try ElementBuffer.map(sums.array, for: shape) { Float($0) }))
        case .int64(let values):
            return Tensor(uncheckedShape: shape, storage: .int64(try running(values, zero: 0, &+)))
        case .bool, .int32:
            return try to(.int64).cumsum(dim: axis)
        }
    }
}
