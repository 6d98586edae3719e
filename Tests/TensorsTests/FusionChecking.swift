@_spi(Benchmark) @testable import Tensors

/// What the tests of the two sigmoid/pooling fusions (``BackwardFusion``, ``SigmoidPoolingFusion``)
/// share: one computation run with the fusion on and off, and inputs holding the values a vector loop
/// hands to scalar code.
enum FusionChecking {
    /// `body`'s result with `fusion` on for this task, then off (``FusionSwitch/with(_:_:)``, so the
    /// tests running beside it keep their setting).
    static func fusedAndUnfused<T>(_ fusion: FusionSwitch, _ body: () throws -> T) rethrows -> (fused: T, unfused: T) {
        (try fusion.with(true, body), try fusion.with(false, body))
    }

    /// The error message of a backward pass from `root`'s sum (the graph retained) with the backward
    /// fusion on, then off; "no error" where the pass succeeds.
    static func backwardMessages(from root: TrackedTensor) throws -> (fused: String, unfused: String) {
        try fusedAndUnfused(BackwardFusion.setting) { () throws -> String in
            do throws(TensorError) {
                try Autograd.backward(try root.sum(), retainGraph: true)
            } catch {
                return error.message
            }
            return "no error"
        }
    }

    /// `count` random values times `scale`, with NaN first and last (the last one outside every window
    /// when a plane's width is odd) and +∞ in the middle.
    static func inputs(_ count: Int, scale: Float, rng: inout ConvTestRNG) -> [Float] {
        var xs = rng.floats(count).map { $0 * scale }
        xs[0] = .nan
        xs[count - 1] = .nan
        xs[count / 2] = .infinity
        return xs
    }
}
