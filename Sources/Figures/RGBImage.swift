/// A colour picture from a `(3, H, W)` tensor with values in [0, 1].
public struct RGBImage: Sendable, Hashable {
    /// The number of pixel rows.
    public var height: Int
    /// The number of pixel columns.
    public var width: Int
    /// `height × width` colours, row by row (non-finite values already replaced by
    /// ``Colormap/nonFiniteColor``).
    public var pixels: [RGB]

    /// Creates an image; `pixels.count` must be `height * width`.
    public init(height: Int, width: Int, pixels: [RGB]) {
        assert(pixels.count == height * width, "image pixels do not match its size")
        self.height = height
        self.width = width
        self.pixels = pixels
    }
}
