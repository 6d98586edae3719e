import TensorsWide

/// Eight images in the 8 lanes of AVX2 registers: the forward convolution and the input gradient
/// of small stride-1 layers (LeNet's second, 6 → 16 channels, 5×5 on 14 × 14), as the AVX-512
/// kernels `ConvBatchLanesWideTile` and `ConvInputBatchWideTile` run them with sixteen.
///
/// Every lane of every multiply-add is a term of the sum: no lane holds a column past a row's end
/// and no term multiplies a zero of the padding, where a whole row per vector (``ConvInputRows``'
/// 8-lane loop) spends most of its multiply-adds on LeNet's 14-wide rows and 10-wide output
/// gradient, and output channels in the lanes (``ConvBlocked``) load a broadcast per multiply-add.
/// Eight images' operands are transposed in registers into `(c, h, w, 8)` first, each row summed
/// by ``ImageLanes8Row``, and the sums transposed back into each image's planes.
///
/// `lenet_c2_n128` (batch 128), A/B in one process, one thread, CPU time, AVX2 (Zen 3), load
/// average 6 falling to 3 (another engineer's builds): the input gradient 2,842 µs (`input-rows-8`,
/// the row-wise loop) → 1,799 µs (`input-lanes-8`); again on a quiet machine (load 0.7) 3,374 →
/// 1,903 µs, and at two threads (wall time) 1,876 → 1,050 µs. So it is ``ConvInputRows``' choice
/// without AVX-512. One LeNet epoch at two threads, main's binary and this one alternating, the
/// same loss (2.3060): CPU time 7.50 / 7.37 → 6.51 / 5.50 s (wall time too noisy to quote: load
/// 0.8 rising to 2). The forward pass (`batch-lanes-8`) took 1,728 µs against 1,445 for ``ConvBlocked``
/// and stays an A/B alternative, not the engine's choice: in its 10-sum loop the compiler keeps
/// the source vectors one tap loaded for the next taps (the same columns at other offsets) and
/// spills them and the sums (objdump), where a multiply-add with its source read from memory
/// was intended.
enum ConvBatchLanes8 {
    /// Images per call (the lanes).
    static let images = ImageLanes8.images

    typealias Shape = ImageLanesShape

    /// Whether the forward row loop exists for these widths, the column padding is the one they
    /// imply, and every output row reads at least one input row.
    static func forwardIsSupported(_ s: Shape) -> Bool {
        ImageLanes8Row.loop(sums: s.outWidth, source: s.inWidth, kernel: s.kernelWidth, gradient: false) != nil
            && s.hasImpliedColumnPadding
            && s.padHeight < s.kernelHeight && s.outHeight == s.inHeight + 2 * s.padHeight - s.kernelHeight + 1
            && s.inChannels > 0 && s.outChannels > 0
    }

    /// Whether the input-gradient row loop exists for these widths and the column padding is the
    /// one they imply.
    static func inputGradientIsSupported(_ s: Shape) -> Bool {
        ImageLanes8Row.loop(sums: s.inWidth, source: s.outWidth, kernel: s.kernelWidth, gradient: true) != nil
            && s.hasImpliedColumnPadding
    }

    /// Floats of scratch a call needs (32-byte aligned): both operands of eight images.
    static func scratchCount(_ s: Shape) -> Int { (s.inputCount + s.outputCount) * images }

    /// Writes the outputs of eight images: image `i`'s input at `input + i · inputStride`, its
    /// output to `output + i · outputStride`, the weights `(c_o, c_i, k_h, k_w)` at `weight`,
    /// `bias` (`c_o` floats) or nil; `scratch` holds ``scratchCount(_:)`` floats, 32-byte aligned.
    static func forward(
        _ s: Shape, input: UnsafePointer<Float>, inputStride: Int, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, into output: UnsafeMutablePointer<Float>, outputStride: Int,
        scratch: UnsafeMutablePointer<Float>
    ) {
        guard let row = ImageLanes8Row.loop(sums: s.outWidth, source: s.inWidth, kernel: s.kernelWidth, gradient: false)
        else { preconditionFailure("ConvBatchLanes8: unsupported widths") }
        let lanes = scratch
        let sums = scratch + s.inputCount * images
        ImageLanes8.gather(input, stride: inputStride, count: s.inputCount, into: lanes)
        let rowFloats = s.inWidth * images
        let taps = s.kernelHeight * s.kernelWidth
        for y in 0..<s.outHeight {
            let (lowest, kernelRows) = s.kernelRows(output: y)
            let walk = ImageLanes8Row.Walk(
                steps: s.inChannels * kernelRows, kernelRows: kernelRows, rowStep: rowFloats,
                channelStep: (s.inHeight - kernelRows) * rowFloats,
                weightChannelStep: taps - kernelRows * s.kernelWidth)
            let first = lanes + (y - s.padHeight + lowest) * rowFloats
            for o in 0..<s.outChannels {
                row(
                    walk, first, weight + o * s.inChannels * taps + lowest * s.kernelWidth, bias?[o] ?? 0,
                    sums + (o * s.outHeight + y) * s.outWidth * images)
            }
        }
        ImageLanes8.scatter(sums, count: s.outputCount, into: output, stride: outputStride)
    }

    /// Writes the input gradients of eight images: image `i`'s output gradient at
    /// `gradient + i · gradientStride`, its input gradient to `dx + i · inputStride`, the weights
    /// `(c_o, c_i, k_h, k_w)` at `weight`; `scratch` holds ``scratchCount(_:)`` floats, 32-byte aligned.
    static func inputGradient(
        _ s: Shape, gradient: UnsafePointer<Float>, gradientStride: Int, weight: UnsafePointer<Float>,
        into dx: UnsafeMutablePointer<Float>, inputStride: Int, scratch: UnsafeMutablePointer<Float>
    ) {
        guard let row = ImageLanes8Row.loop(sums: s.inWidth, source: s.outWidth, kernel: s.kernelWidth, gradient: true)
        else { preconditionFailure("ConvBatchLanes8: unsupported widths") }
        let lanes = scratch
        let sums = scratch + s.outputCount * images
        ImageLanes8.gather(gradient, stride: gradientStride, count: s.outputCount, into: lanes)
        let rowFloats = s.outWidth * images
        let taps = s.kernelHeight * s.kernelWidth
        for y in 0..<s.inHeight {
            let (lowest, kernelRows) = s.kernelRows(input: y)
            let walk = ImageLanes8Row.Walk(
                steps: s.outChannels * kernelRows, kernelRows: kernelRows, rowStep: -rowFloats,
                channelStep: (s.outHeight + kernelRows) * rowFloats,
                weightChannelStep: s.inChannels * taps - kernelRows * s.kernelWidth)
            // The first term's row: output-gradient row y + p − lowest of output channel 0.
            let first = lanes + (y + s.padHeight - lowest) * rowFloats
            for c in 0..<s.inChannels {
                row(
                    walk, first, weight + (c * s.kernelHeight + lowest) * s.kernelWidth, 0,
                    sums + (c * s.inHeight + y) * s.inWidth * images)
            }
        }
        ImageLanes8.scatter(sums, count: s.inputCount, into: dx, stride: inputStride)
    }
}
