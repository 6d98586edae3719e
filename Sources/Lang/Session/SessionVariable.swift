import Tensors

/// One global variable of a session, as a variables panel lists it.
public struct SessionVariable: Sendable, Hashable {
    /// The variable's name.
    public var name: String
    /// Its Python type name: `Tensor`, `int`, `list`, `Conv2d`, …
    public var typeName: String
    /// The shape of a tensor (or the length of a list, tuple or dict as a 1-element shape); `nil` otherwise.
    public var shape: [Int]?
    /// A tensor's element type (`float32`, `int64`, `bool`); `nil` for other values.
    public var dtype: String?
    /// One line saying what the value is: a short repr, or a tensor's range and mean.
    public var summary: String

    /// Creates a description of one variable.
    public init(name: String, typeName: String, shape: [Int]?, dtype: String?, summary: String) {
        self.name = name
        self.typeName = typeName
        self.shape = shape
        self.dtype = dtype
        self.summary = summary
    }
}
