/// A batch-norm input seen as `(N, C, S)`: `batch` samples, `channels`, and `spatial` values per
/// channel and sample (the product of the dimensions after the channel; 1 for an `(N, C)` input).
///
/// Channel `c` of sample `n` is the contiguous run of `spatial` floats starting at
/// `(n·C + c)·S`; the statistics of channel `c` are taken over `N·S` values.
public struct BatchNormGeometry: Sendable, Hashable {
    /// `N`.
    public let batch: Int
    /// `C` (`c_i`, the features batch norm keeps apart).
    public let channels: Int
    /// `S`: values per channel and sample.
    public let spatial: Int

    /// The values each channel's statistics are taken over: `N·S`.
    public var valuesPerChannel: Int { batch * spatial }
    /// All elements: `N·C·S`.
    public var count: Int { batch * channels * spatial }

    /// The geometry of `shape`, which must be `(N, C, …)`.
    public init(shape: [Int], op: String = "batch_norm") throws(TensorError) {
        guard shape.count >= 2 else {
            throw .shape(
                "\(op): expected an input of shape (N, C, …) with at least 2 dimensions, got shape \(formatShape(shape))"
            )
        }
        batch = shape[0]
        channels = shape[1]
        spatial = shape.dropFirst(2).reduce(1, *)
    }

    /// Checks that a per-channel tensor (`weight`, `bias`, `running_mean`, `running_var`) holds
    /// exactly one float32 value per channel.
    func checkPerChannel(_ tensor: Tensor, _ name: String, op: String) throws(TensorError) {
        guard tensor.count == channels else {
            throw .shape(
                "\(op): \(name) has \(tensor.count) elements, one per channel is \(channels) (the input has c_i = "
                    + "\(channels) channels in dimension 1)")
        }
        guard tensor.dtype == .float32 else {
            throw .type("\(op): \(name) must be float32, got \(tensor.dtype)")
        }
    }
}
