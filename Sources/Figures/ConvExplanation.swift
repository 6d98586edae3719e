/// The figure of one cross-correlation step: input ⋆ kernel = output, with the window of the
/// first output element shaded and its sum written out, per input channel and in total.
public struct ConvExplanation: Sendable, Hashable {
    /// One input channel: its input, its kernel slice, and the partial output they produce.
    public struct Channel: Sendable, Hashable {
        /// The input channel `X[c]`.
        public var input: Matrix
        /// The kernel slice `K[c]`.
        public var kernel: Matrix
        /// The cross-correlation of `input` with `kernel` (valid positions, stride 1).
        public var partial: Matrix
        /// The first output element spelled out, e.g. `0×0+1×1+3×2+4×3=19`.
        public var firstSum: String
    }

    /// The input channels (one for a 2-D input).
    public var channels: [Channel]
    /// The output: the sum of the channels' partial outputs.
    public var output: Matrix
    /// For several channels, the first output element as the sum of the partials, e.g.
    /// `37+19=56`; `nil` for one channel.
    public var totalSum: String?
    /// The kernel height `k_h` (the shaded window's height in the input).
    public var kernelHeight: Int { channels.first?.kernel.height ?? 0 }
    /// The kernel width `k_w`.
    public var kernelWidth: Int { channels.first?.kernel.width ?? 0 }
}
