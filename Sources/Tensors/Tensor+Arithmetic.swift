extension Tensor {
    /// A 0-d tensor holding a Python number: `torch.tensor(2.5)`.
    public static func scalar(_ value: Scalar) -> Tensor {
        Tensor(uncheckedShape: [], storage: .single(value))
    }

    /// `torch.add(self, other)`.
    public func add(_ other: Tensor) throws(TensorError) -> Tensor { try .binary(.add, self, other) }
    /// `torch.add(self, number)`.
    public func add(_ other: Scalar) throws(TensorError) -> Tensor { try .binary(.add, self, .scalar(other)) }
    /// `torch.sub(self, other)`.
    public func sub(_ other: Tensor) throws(TensorError) -> Tensor { try .binary(.sub, self, other) }
    /// `torch.sub(self, number)`.
    public func sub(_ other: Scalar) throws(TensorError) -> Tensor { try .binary(.sub, self, .scalar(other)) }
    /// `torch.mul(self, other)`.
    public func mul(_ other: Tensor) throws(TensorError) -> Tensor { try .binary(.mul, self, other) }
    /// `torch.mul(self, number)`.
    public func mul(_ other: Scalar) throws(TensorError) -> Tensor { try .binary(.mul, self, .scalar(other)) }
    /// `torch.div(self, other)`: true division.
    public func div(_ other: Tensor) throws(TensorError) -> Tensor { try .binary(.div, self, other) }
    /// `torch.div(self, number)`: true division.
    public func div(_ other: Scalar) throws(TensorError) -> Tensor { try .binary(.div, self, .scalar(other)) }
    /// `torch.pow(self, exponent)`.
    public func pow(_ exponent: Tensor) throws(TensorError) -> Tensor { try .binary(.pow, self, exponent) }
    /// `torch.pow(self, number)`.
    public func pow(_ exponent: Scalar) throws(TensorError) -> Tensor { try .binary(.pow, self, .scalar(exponent)) }
    /// `torch.floor_divide(self, other)` (`//`).
    public func floorDivide(_ other: Tensor) throws(TensorError) -> Tensor { try .binary(.floorDivide, self, other) }
    /// `torch.floor_divide(self, number)` (`//`).
    public func floorDivide(_ other: Scalar) throws(TensorError) -> Tensor {
        try .binary(.floorDivide, self, .scalar(other))
    }
    /// `torch.remainder(self, other)` (`%`).
    public func remainder(_ other: Tensor) throws(TensorError) -> Tensor { try .binary(.remainder, self, other) }
    /// `torch.remainder(self, number)` (`%`).
    public func remainder(_ other: Scalar) throws(TensorError) -> Tensor {
        try .binary(.remainder, self, .scalar(other))
    }
    /// `torch.maximum(self, other)`.
    public func maximum(_ other: Tensor) throws(TensorError) -> Tensor { try .binary(.maximum, self, other) }
    /// `torch.minimum(self, other)`.
    public func minimum(_ other: Tensor) throws(TensorError) -> Tensor { try .binary(.minimum, self, other) }

    /// `self + other`.
    public static func + (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor { try binary(.add, lhs, rhs) }
    /// `self + number`.
    public static func + (lhs: Tensor, rhs: Scalar) throws(TensorError) -> Tensor {
        try binary(.add, lhs, .scalar(rhs))
    }
    /// `number + self`.
    public static func + (lhs: Scalar, rhs: Tensor) throws(TensorError) -> Tensor {
        try binary(.add, .scalar(lhs), rhs)
    }
    /// `self - other`.
    public static func - (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor { try binary(.sub, lhs, rhs) }
    /// `self - number`.
    public static func - (lhs: Tensor, rhs: Scalar) throws(TensorError) -> Tensor {
        try binary(.sub, lhs, .scalar(rhs))
    }
    /// `number - self`.
    public static func - (lhs: Scalar, rhs: Tensor) throws(TensorError) -> Tensor {
        try binary(.sub, .scalar(lhs), rhs)
    }
    /// `self * other`.
    public static func * (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor { try binary(.mul, lhs, rhs) }
    /// `self * number`.
    public static func * (lhs: Tensor, rhs: Scalar) throws(TensorError) -> Tensor {
        try binary(.mul, lhs, .scalar(rhs))
    }
    /// `number * self`.
    public static func * (lhs: Scalar, rhs: Tensor) throws(TensorError) -> Tensor {
        try binary(.mul, .scalar(lhs), rhs)
    }
    /// `self / other` (true division).
    public static func / (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor { try binary(.div, lhs, rhs) }
    /// `self / number` (true division).
    public static func / (lhs: Tensor, rhs: Scalar) throws(TensorError) -> Tensor {
        try binary(.div, lhs, .scalar(rhs))
    }
    /// `number / self` (true division).
    public static func / (lhs: Scalar, rhs: Tensor) throws(TensorError) -> Tensor {
        try binary(.div, .scalar(lhs), rhs)
    }
    /// `self % other` (Python remainder).
    public static func % (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor { try binary(.remainder, lhs, rhs) }
    /// `self % number` (Python remainder).
    public static func % (lhs: Tensor, rhs: Scalar) throws(TensorError) -> Tensor {
        try binary(.remainder, lhs, .scalar(rhs))
    }
    /// `self & other`: logical and of bool tensors, bitwise and of integers.
    public static func & (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor { try binary(.bitwiseAnd, lhs, rhs) }
    /// `self | other`: logical or of bool tensors, bitwise or of integers.
    public static func | (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor { try binary(.bitwiseOr, lhs, rhs) }
    /// `self ^ other`: logical xor of bool tensors, bitwise xor of integers.
    public static func ^ (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor { try binary(.bitwiseXor, lhs, rhs) }
    /// `-self`.
    public static prefix func - (operand: Tensor) throws(TensorError) -> Tensor { try operand.neg() }
}

extension Tensor: Equatable {
    /// Structural equality: same shape, type and elements (NaN never equals NaN). This is Swift's
    /// `==` for tests and caches; PyTorch's elementwise `==` is ``eq(_:)-(Tensor)``.
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        lhs.shape == rhs.shape && lhs.storage == rhs.storage
    }
}
