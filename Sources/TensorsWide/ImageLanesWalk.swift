/// One tile's walk in a kernel with sixteen images in the lanes (``ConvBatchLanesWideTile``,
/// ``ConvInputBatchWideTile``): `steps` (channel, kernel row) pairs, kernel rows fastest, over the
/// channels the tile sums (input channels forward, output channels for the input gradient).
struct ImageLanesWalk {
    var steps: Int
    var kernelRows: Int
    /// Floats from one summed channel's plane to the next, and from one row to the next.
    var channelStride: Int
    var rowStride: Int
    /// Weights from one summed channel's kernel to the next.
    var weightChannelStride: Int
    var kernelWidth: Int
    /// For tiles of two output channels: weights from one filter to the next, and floats from one
    /// output channel's sums to the next.
    var filterStride = 0
    var outPlane = 0
}
