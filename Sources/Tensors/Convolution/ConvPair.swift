/// A window size, stride, padding or dilation for the two spatial dimensions (height, width).
///
/// Like PyTorch's `int or tuple` arguments, an integer literal means the same value for both:
/// `stride: 2` is `ConvPair(2, 2)`.
public struct ConvPair: Sendable, Hashable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The value along the height (rows).
    public var height: Int
    /// The value along the width (columns).
    public var width: Int

    /// A pair with a separate value per dimension.
    public init(_ height: Int, _ width: Int) {
        self.height = height
        self.width = width
    }

    /// The same value for both dimensions.
    public init(_ both: Int) {
        self.init(both, both)
    }

    public init(integerLiteral value: Int) {
        self.init(value)
    }

    /// Python's tuple spelling, `(2, 1)`.
    public var description: String { "(\(height), \(width))" }
}
