/// A window size, stride, padding or dilation for three spatial dimensions (depth, height, width).
///
/// An integer literal means the same value for all three: `stride: 2` is `ConvTriple(2, 2, 2)`.
public struct ConvTriple: Sendable, Hashable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The value along the depth (frames of a video, slices of a volume).
    public var depth: Int
    /// The value along the height (rows).
    public var height: Int
    /// The value along the width (columns).
    public var width: Int

    /// A triple with a separate value per dimension.
    public init(_ depth: Int, _ height: Int, _ width: Int) {
        self.depth = depth
        self.height = height
        self.width = width
    }

    /// The same value for all three dimensions.
    public init(_ all: Int) {
        self.init(all, all, all)
    }

    public init(integerLiteral value: Int) {
        self.init(value)
    }

    /// Python's tuple spelling, `(1, 2, 2)`.
    public var description: String { "(\(depth), \(height), \(width))" }
}
