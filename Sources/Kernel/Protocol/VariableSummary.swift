/// One variable of a kernel's session, for a variables panel.
///
/// ```json
/// {"name": "X", "type": "Tensor", "shape": [2, 3, 3], "dtype": "float32", "summary": "min 0, max 8, mean 4"}
/// ```
public struct VariableSummary: Sendable, Codable, Equatable, Hashable {
    /// The variable's name.
    public var name: String
    /// Its Python type name (`Tensor`, `int`, `Conv2d`, …).
    public var type: String
    /// A tensor's shape, or a container's length as a one-element shape; `nil` for other values.
    public var shape: [Int]?
    /// A tensor's element type (`float32`, `int64`, `bool`); `nil` for other values.
    public var dtype: String?
    /// One line describing the value.
    public var summary: String

    /// Creates a summary.
    public init(name: String, type: String, shape: [Int]?, dtype: String?, summary: String) {
        self.name = name
        self.type = type
        self.shape = shape
        self.dtype = dtype
        self.summary = summary
    }
}
