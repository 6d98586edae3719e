extension Tensor {
    /// `torch.zeros(shape, dtype)`.
    public static func zeros(_ shape: [Int], dtype: DType = .float32) throws(TensorError) -> Tensor {
        try full(shape, .int(0), dtype: dtype)
    }

    /// `torch.ones(shape, dtype)`.
    public static func ones(_ shape: [Int], dtype: DType = .float32) throws(TensorError) -> Tensor {
        try full(shape, .int(1), dtype: dtype)
    }

    /// `torch.full(shape, value, dtype)`: the type follows the value (`full((2,), 7)` is int64)
    /// unless `dtype` is given.
    public static func full(_ shape: [Int], _ value: Scalar, dtype: DType? = nil) throws(TensorError) -> Tensor {
        let count = try TensorLimits.checkedElementCount(of: shape)
        return Tensor(
            uncheckedShape: shape,
            storage: try AdmittedStorage.repeating(value, count: count, dtype: dtype ?? value.dtype, for: shape))
    }

    /// `torch.zeros_like(tensor)`: zeros of the same shape and type.
    public static func zerosLike(_ tensor: Tensor, dtype: DType? = nil) throws(TensorError) -> Tensor {
        try fullLike(tensor, .int(0), dtype: dtype)
    }

    /// `torch.ones_like(tensor)`: ones of the same shape and type.
    public static func onesLike(_ tensor: Tensor, dtype: DType? = nil) throws(TensorError) -> Tensor {
        try fullLike(tensor, .int(1), dtype: dtype)
    }

    /// `torch.full_like(tensor, value)`: `value` in the shape and type of `tensor`.
    public static func fullLike(_ tensor: Tensor, _ value: Scalar, dtype: DType? = nil) throws(TensorError) -> Tensor {
        Tensor(
            uncheckedShape: tensor.shape,
            storage: try AdmittedStorage.repeating(
                value, count: tensor.count, dtype: dtype ?? tensor.dtype, for: tensor.shape))
    }

    /// `torch.arange(end)`: `0, 1, ..., end - 1`.
    public static func arange(_ end: Scalar, dtype: DType? = nil) throws(TensorError) -> Tensor {
        try arange(start: .int(0), end: end, step: .int(1), dtype: dtype)
    }

    /// `torch.arange(start, end, step)`: values from `start` up to (not including) `end`.
    ///
    /// The result is int64 when all arguments are integers and float32 otherwise; its length is
    /// `ceil((end - start) / step)`, and element `i` is `start + i * step` (computed in double).
    public static func arange(
        start: Scalar, end: Scalar, step: Scalar = .int(1), dtype: DType? = nil
    ) throws(TensorError) -> Tensor {
        let allIntegers = [start, end, step].allSatisfy { $0.dtype != .float32 }
        let resultType = dtype ?? (allIntegers ? .int64 : .float32)
        let (first, last, increment) = (start.doubleValue, end.doubleValue, step.doubleValue)
        guard increment != 0 else { throw .value("step must be nonzero") }
        guard first.isFinite, last.isFinite else { throw .value("unsupported range: \(start) -> \(end)") }
        guard (increment > 0 && last >= first) || (increment < 0 && last <= first) else {
            throw .value("upper bound and larger bound inconsistent with step sign")
        }
        var length = ((last - first) / increment).rounded(.up)
        if allIntegers {
            // Exact integer arithmetic for the length, as for Python's range (Int128: no overflow).
            let (a, b, c) = (Int128(start.intValue), Int128(end.intValue), Int128(step.intValue))
            let span = c > 0 ? b - a : a - b
            let stride = c > 0 ? c : -c
            length = Double((span + stride - 1) / stride)
        }
        guard length <= Double(TensorLimits.maxElements) else {
            throw TensorError(
                .limit,
                "arange would have \(PythonFloat.repr(length)) elements; the limit is \(TensorLimits.maxElements)")
        }
        let count = try TensorLimits.elementCount(of: [Int(length)], dtype: resultType)
        let storage: AdmittedStorage
        if allIntegers && resultType == .int64 {
            let (a, c) = (start.intValue, step.intValue)
            storage = .int64(try ElementBuffer.build(count, for: [count]) { (0..<count).map { a &+ Int64($0) &* c } })
        } else {
            try ElementBuffer.admit(count, of: Scalar.self, for: [count])
            let values = (0..<count).map { Scalar.float(first + Double($0) * increment) }
            storage = try AdmittedStorage.scalars(values, dtype: resultType, for: [count])
        }
        return Tensor(uncheckedShape: [count], storage: storage)
    }

    /// `torch.linspace(start, end, steps)`: `steps` evenly spaced float32 values from `start` to
    /// `end` inclusive, computed as PyTorch does (the first half counts up from `start`, the second
    /// half down from `end`, so both ends are exact).
    public static func linspace(start: Double, end: Double, steps: Int) throws(TensorError) -> Tensor {
        guard steps >= 0 else { throw .value("number of steps must be non-negative") }
        let count = try TensorLimits.elementCount(of: [steps])
        let low = Float(start)
        let high = Float(end)
        if count == 1 { return Tensor(uncheckedShape: [1], storage: .float32(ElementBuffer.single(low))) }
        let step = (high - low) / Float(Swift.max(count - 1, 1))
        let halfway = count / 2
        let values = try ElementBuffer.map(Array(0..<count), for: [count]) { index -> Float in
            index < halfway ? low + step * Float(index) : high - step * Float(count - index - 1)
        }
        return Tensor(uncheckedShape: [count], storage: .float32(values))
    }

    /// `torch.eye(n, m)`: an `n × m` matrix (square when `m` is omitted) with ones on the diagonal.
    public static func eye(_ n: Int, _ m: Int? = nil, dtype: DType = .float32) throws(TensorError) -> Tensor {
        let columns = m ?? n
        guard n >= 0 else { throw .value("n must be greater or equal to 0, got \(n)") }
        guard columns >= 0 else { throw .value("m must be greater or equal to 0, got \(columns)") }
        var result = try zeros([n, columns], dtype: dtype)
        let diagonal = Swift.min(n, columns)
        try result.storage.scatter(
            AdmittedStorage.repeating(.int(1), count: diagonal, dtype: dtype, for: [diagonal]).storage,
            to: (0..<diagonal).map { $0 * columns + $0 }, for: [n, columns])
        return result
    }

    /// `torch.rand(shape)`: uniform float32 values in `[0, 1)`.
    public static func rand(_ shape: [Int], using generator: inout RandomGenerator) throws(TensorError) -> Tensor {
        let count = try TensorLimits.elementCount(of: shape)
        return Tensor(
            uncheckedShape: shape,
            storage: .float32(try ElementBuffer.build(count, for: shape) { generator.fill(count, UniformFloatDraw()) }))
    }

    /// `torch.randn(shape)`: standard normal float32 values.
    public static func randn(_ shape: [Int], using generator: inout RandomGenerator) throws(TensorError) -> Tensor {
        try normal(mean: 0, std: 1, shape, using: &generator)
    }

    /// `torch.normal(mean, std, shape)`: normal float32 values.
    public static func normal(
        mean: Double, std: Double, _ shape: [Int], using generator: inout RandomGenerator
    ) throws(TensorError) -> Tensor {
        guard std >= 0 else { throw .value("normal expects std >= 0.0, but found std \(PythonFloat.repr(std))") }
        let count = try TensorLimits.elementCount(of: shape)
        return Tensor(
            uncheckedShape: shape,
            storage: .float32(
                try ElementBuffer.build(count, for: shape) { generator.fillNormal(count, mean: mean, std: std) }))
    }

    /// `torch.empty(shape).uniform_(low, high)`: uniform float32 values in `[low, high)`.
    public static func uniform(
        low: Double = 0, high: Double = 1, _ shape: [Int], using generator: inout RandomGenerator
    ) throws(TensorError) -> Tensor {
        guard low <= high else {
            throw .value(
                "uniform_ expects to return a [from, to) range, but found from=\(PythonFloat.repr(low)) > to=\(PythonFloat.repr(high))"
            )
        }
        let count = try TensorLimits.elementCount(of: shape)
        return Tensor(
            uncheckedShape: shape,
            storage: .float32(
                try ElementBuffer.build(count, for: shape) {
                    generator.fill(count, ScaledUniformDraw(low: low, high: high))
                }))
    }

    /// `torch.randint(low, high, shape)`: uniform int64 values in `low..<high`.
    public static func randint(
        low: Int64 = 0, high: Int64, _ shape: [Int], using generator: inout RandomGenerator
    ) throws(TensorError) -> Tensor {
        guard low < high else {
            throw .value("random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
        }
        let count = try TensorLimits.elementCount(of: shape, dtype: .int64)
        return Tensor(
            uncheckedShape: shape,
            storage: .int64(
                try ElementBuffer.build(count, for: shape) { generator.fill(count, IntegerDraw(low: low, high: high)) })
        )
    }

    /// `torch.randperm(n)`: a random permutation of `0..<n` (int64), by the Fisher–Yates shuffle:
    /// for `i` from `n - 1` down to 1, swap entry `i` with entry `nextInt(0, i + 1)`.
    public static func randperm(_ n: Int, using generator: inout RandomGenerator) throws(TensorError) -> Tensor {
        let count = try TensorLimits.elementCount(of: [n], dtype: .int64)
        var values = try ElementBuffer.map(Array(0..<count), for: [count]) { Int64($0) }
        for index in stride(from: count - 1, to: 0, by: -1) {
            let other = Int(generator.nextInt(low: 0, high: Int64(index + 1)))
            values.withUnsafeMutableBufferPointer { $0.swapAt(index, other) }
        }
        return Tensor(uncheckedShape: [count], storage: .int64(values))
    }

    /// `torch.rand_like(tensor)`.
    public static func randLike(_ tensor: Tensor, using generator: inout RandomGenerator) throws(TensorError) -> Tensor
    {
        try rand(tensor.shape, using: &generator)
    }

    /// `torch.randn_like(tensor)`.
    public static func randnLike(_ tensor: Tensor, using generator: inout RandomGenerator) throws(TensorError) -> Tensor
    {
        try randn(tensor.shape, using: &generator)
    }
}
