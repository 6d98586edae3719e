/// One validated convolution problem, described in three spatial dimensions.
///
/// A 2-D convolution is the special case `depth == 1` with a kernel of depth 1, so every kernel
/// (direct loop, 1×1 GEMM, im2col + GEMM) is written once for both `conv2d` and `conv3d`.
/// All sizes are known to be non-negative, the kernel fits the padded input, and the output
/// size is at least 1 in every spatial dimension.
struct ConvGeometry {
    var batch: Int
    var inChannels: Int
    var outChannels: Int
    var groups: Int

    var inDepth: Int
    var inHeight: Int
    var inWidth: Int

    var kernelDepth: Int
    var kernelHeight: Int
    var kernelWidth: Int

    var strideDepth: Int
    var strideHeight: Int
    var strideWidth: Int

    /// Zeros added before each dimension (any zeros after only matter through the output size).
    var padDepth: Int
    var padHeight: Int
    var padWidth: Int

    var dilationDepth: Int
    var dilationHeight: Int
    var dilationWidth: Int

    var outDepth: Int
    var outHeight: Int
    var outWidth: Int

    /// Input channels seen by each output channel (`c_i / groups`).
    var inChannelsPerGroup: Int { inChannels / groups }
    /// Output channels produced by each group (`c_o / groups`).
    var outChannelsPerGroup: Int { outChannels / groups }
    /// Elements of one kernel window in one channel (`k_d · k_h · k_w`).
    var kernelVolume: Int { kernelDepth * kernelHeight * kernelWidth }
    /// Elements of one input channel plane (or volume).
    var inPlane: Int { inDepth * inHeight * inWidth }
    /// Elements of one output channel plane (or volume).
    var outPlane: Int { outDepth * outHeight * outWidth }
    /// Rows of the im2col matrix: one per (input channel of the group, kernel offset).
    var patchLength: Int { inChannelsPerGroup * kernelVolume }
    /// Multiply-adds of the whole convolution; the benchmark's FLOP count is twice this.
    var multiplyAdds: Int { batch * outChannels * outPlane * patchLength }

    /// The product of `factors`, or nil when it overflows: sizes of padded copies, which a
    /// huge stride or padding around a tiny input can push past `Int.max`.
    static func product(_ factors: Int...) -> Int? {
        var result = 1
        for factor in factors {
            let (next, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            result = next
        }
        return result
    }

    /// Whether the convolution is a plain matrix product per image: a 1×1 kernel that visits
    /// every input position once, in order.
    var isPointwise: Bool {
        kernelVolume == 1 && strideDepth == 1 && strideHeight == 1 && strideWidth == 1
            && padDepth == 0 && padHeight == 0 && padWidth == 0
    }
}
