import TensorsWide

/// Direct convolution with sixteen images in the vector lanes (AVX-512), for small layers whose
/// rows ``ConvBatchLanesWideTile`` has a loop for: LeNet's second layer (6 → 16 channels, 5×5,
/// 14 × 14 → 10 × 10).
///
/// ``ConvBlocked`` puts the 16 output channels in the lanes; on a 10-wide output row its tile is
/// one vector × 10 positions with a broadcast load per multiply-add. Here each block of sixteen
/// images is one work item claimed by a thread: its inputs are transposed into the lanes, each
/// output row of two channels summed in registers (kernel rows that fall in the padding are
/// skipped, padding columns are read as zeros), and the sums transposed straight into the NCHW
/// output. The images left over from a batch that is not a multiple of sixteen take
/// ``ConvBlocked``.
///
/// `lenet_c2_n128` (batch 128) forward, A/B in one process (`bench grad --algorithms
/// blocked,batch-lanes-avx512 --cpu-time --threads 1`, load average 5–7): ``ConvBlocked`` 661 →
/// 487 µs (PyTorch 2.13: 522 µs on a quiet machine, last session). One LeNet epoch, one thread,
/// CPU time, the main branch's binary and this one alternating: 2.24 / 2.13 → 2.03 / 2.04 s,
/// the same loss.
enum ConvBatchLanes {
    /// The shape of ``ConvBatchLanesWideTile``'s calls for `g`.
    static func shape(_ g: ConvGeometry) -> ConvBatchLanesWideTile.Shape {
        ConvBatchLanesWideTile.Shape(
            inChannels: g.inChannels, inHeight: g.inHeight, inWidth: g.inWidth, outChannels: g.outChannels,
            outHeight: g.outHeight, outWidth: g.outWidth, kernelHeight: g.kernelHeight, kernelWidth: g.kernelWidth,
            padHeight: g.padHeight, padWidth: g.padWidth)
    }

    /// Floats of a thread's scratch at most (256 KB: sixteen images' inputs and outputs, which
    /// the row loop walks again for every pair of output channels, within L2). LeNet's layer
    /// takes 44,416; a 512-channel 7 × 7 layer, whose row widths match a row loop too, would take
    /// 800K and was never measured here.
    static let maxScratch = 1 << 16

    /// Whether the kernel applies: AVX-512, one group, a 2-D problem at stride and dilation 1,
    /// widths ``ConvBatchLanesWideTile`` has a row loop for, a layer small enough for
    /// ``maxScratch``, and at least one block of sixteen images.
    static func isSuitable(_ g: ConvGeometry) -> Bool {
        CPUFeatures.current.useAVX512 && isPlainStride1(g) && g.batch >= ConvBatchLanesWideTile.images
            && ConvBatchLanesWideTile.isSupported(shape(g))
            && ConvBatchLanesWideTile.scratchCount(shape(g)) <= maxScratch
    }

    /// Whether the 8-lane kernel (``ConvBatchLanes8``, AVX2) applies: the conditions above but for
    /// AVX-512, at least one block of eight images, widths it has a row loop for.
    static func isSuitableNarrow(_ g: ConvGeometry) -> Bool {
        isPlainStride1(g) && g.batch >= ConvBatchLanes8.images && ConvBatchLanes8.forwardIsSupported(shape(g))
            && ConvBatchLanes8.scratchCount(shape(g)) <= maxScratch
    }

    /// One group, a 2-D problem, stride and dilation 1: what both kernels' row loops assume.
    private static func isPlainStride1(_ g: ConvGeometry) -> Bool {
        g.groups == 1 && g.inDepth == 1 && g.kernelDepth == 1 && g.outDepth == 1 && g.padDepth == 0
            && g.strideHeight == 1 && g.strideWidth == 1 && g.dilationHeight == 1 && g.dilationWidth == 1
    }

    /// Runs blocks of eight images through ``ConvBatchLanes8`` where ``isSuitableNarrow(_:)``, the
    /// rest through ``ConvBlocked``.
    static func runNarrow(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) {
        let shape = shape(g)
        runBlocks(
            g, images: ConvBatchLanes8.images, blocks: isSuitableNarrow(g) ? g.batch / ConvBatchLanes8.images : 0,
            scratchCount: ConvBatchLanes8.scratchCount(shape), input: input, weight: weight, bias: bias,
            output: output
        ) { input, inputStride, output, outputStride, scratch in
            ConvBatchLanes8.forward(
                shape, input: input, inputStride: inputStride, weight: weight, bias: bias, into: output,
                outputStride: outputStride, scratch: scratch)
        }
    }

    static func run(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) {
        let shape = shape(g)
        let images = ConvBatchLanesWideTile.images
        runBlocks(
            g, images: images, blocks: isSuitable(g) ? g.batch / images : 0,
            scratchCount: ConvBatchLanesWideTile.scratchCount(shape), input: input, weight: weight, bias: bias,
            output: output
        ) { input, inputStride, output, outputStride, scratch in
            ConvBatchLanesWideTile.run(
                shape, input: input, inputStride: inputStride, weight: weight, bias: bias, into: output,
                outputStride: outputStride, scratch: scratch)
        }
    }

    /// Runs `blocks` blocks of `images` images through `kernel` (its input and output at the
    /// block's first image, their per-image strides, and `scratchCount` floats of 64-byte aligned
    /// scratch), claimed by the engine's threads, and the images after them (all of them when
    /// `blocks` is 0) through ``ConvBlocked``.
    private static func runBlocks(
        _ g: ConvGeometry, images: Int, blocks: Int, scratchCount: Int, input: UnsafePointer<Float>,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
        kernel: (UnsafePointer<Float>, Int, UnsafeMutablePointer<Float>, Int, UnsafeMutablePointer<Float>) -> Void
    ) {
        let imageIn = g.inChannels * g.inPlane
        let imageOut = g.outChannels * g.outPlane
        let perBlock = g.multiplyAdds / g.batch * images
        Parallel.forEachClaimed(blocks, inline: perBlock * blocks < 1 << 18) { items in
            let scratch = ParallelScratch.takeCacheAligned(scratchCount)
            defer { ParallelScratch.give(scratch) }
            for block in items {
                let first = block * images
                kernel(input + first * imageIn, imageIn, output + first * imageOut, imageOut, scratch.cacheAligned)
            }
        }
        let done = blocks * images
        guard done < g.batch else { return }
        var rest = g
        rest.batch = g.batch - done
        ConvBlocked.run(
            rest, input: input + done * imageIn, weight: weight, bias: bias, output: output + done * imageOut)
    }
}
