/// Switches the forward fusion of a sigmoid with the 2×2 average pooling after it
/// (``TrackedTensor/sigmoidAvgPool2d(kernelSize:stride:padding:ceilMode:countIncludePad:divisorOverride:)``)
/// off and on, for A/B benchmarks (`convbook bench train --sigmoid-pool off`).
@_spi(Benchmark) public enum SigmoidPoolingFusion {
    /// The setting, process-wide or for one task.
    static let setting = FusionSwitch()

    /// Whether a sigmoid and the halving average pooling after it run in one pass (on by default).
    public static var isOn: Bool {
        get { setting.isOn }
        set { setting.set(newValue) }
    }
}
