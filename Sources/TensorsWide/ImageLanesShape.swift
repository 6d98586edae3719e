/// The sizes of one call of a 16-lane kernel with sixteen images in the lanes
/// (``ConvBatchLanesWideTile``'s forward convolution, ``ConvInputBatchWideTile``'s input
/// gradient), all in elements, at stride and dilation 1.
public struct ImageLanesShape: Sendable {
    public var inChannels: Int
    public var inHeight: Int
    public var inWidth: Int
    public var outChannels: Int
    public var outHeight: Int
    public var outWidth: Int
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var padHeight: Int
    public var padWidth: Int

    public init(
        inChannels: Int, inHeight: Int, inWidth: Int, outChannels: Int, outHeight: Int, outWidth: Int,
        kernelHeight: Int, kernelWidth: Int, padHeight: Int, padWidth: Int
    ) {
        (self.inChannels, self.inHeight, self.inWidth) = (inChannels, inHeight, inWidth)
        (self.outChannels, self.outHeight, self.outWidth) = (outChannels, outHeight, outWidth)
        (self.kernelHeight, self.kernelWidth) = (kernelHeight, kernelWidth)
        (self.padHeight, self.padWidth) = (padHeight, padWidth)
    }

    // The helpers below are inlinable so that the 8-lane kernels in `Tensors` (x86-64-v3) compile
    // them as their own instead of calling code compiled for AVX-512.

    /// Floats of one image's input (or input gradient) and of its output (or output gradient).
    @inlinable public var inputCount: Int { inChannels * inHeight * inWidth }
    @inlinable public var outputCount: Int { outChannels * outHeight * outWidth }

    /// Whether the column padding is the one a row loop for these widths implies (the output row
    /// is as wide as a stride-1 convolution of the padded input row makes it).
    @inlinable public var hasImpliedColumnPadding: Bool { 2 * padWidth == outWidth + kernelWidth - 1 - inWidth }

    /// The kernel rows `lowest ..< lowest + count` that reach output row `y` from an input row
    /// inside the image (`y − p + kh` in `0 ..< inHeight`): the forward convolution's terms.
    @inlinable public func kernelRows(output y: Int) -> (lowest: Int, count: Int) {
        let lowest = max(0, padHeight - y)
        let highest = min(kernelHeight - 1, inHeight - 1 - y + padHeight)
        return (lowest, max(0, highest - lowest + 1))
    }

    /// The kernel rows `lowest ..< lowest + count` that reach input row `y` from an output row
    /// inside the output (`y + p − kh` in `0 ..< outHeight`): the input gradient's terms.
    @inlinable public func kernelRows(input y: Int) -> (lowest: Int, count: Int) {
        let lowest = max(0, y + padHeight - outHeight + 1)
        let highest = min(kernelHeight - 1, y + padHeight)
        return (lowest, max(0, highest - lowest + 1))
    }
}
