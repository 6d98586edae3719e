import TensorsWide

/// The input gradient of a small 2-D convolution (few input channels, input rows of at most 16),
/// one input row at a time: LeNet's 6→16 channels, 5×5, on 14×14 images.
///
/// `dX[c, y, x] = Σ_o Σ_kh Σ_kw dY[o, y + p − kh, x + p − kw] · W[o, c, kh, kw]` (stride 1). The
/// general path runs this as a forward convolution of `dY` padded by `k − 1 − p` on every side,
/// which for LeNet's 10×10 output gradient multiplies zeros in half of its 18×18 padded plane.
/// Here a whole input row (16 lanes) is one vector; a kernel row `kh` whose output-gradient row
/// falls outside `dY` is skipped, and only the columns are padded (each output-gradient row is
/// copied once into a zero-bordered row, so the `kw` shifts are plain unaligned loads). Three input
/// channels are accumulated at once, so each loaded row feeds three multiply-adds with weights
/// broadcast from a copy laid out `(o, kh, kw, c)`. Images are split across the engine's threads.
/// With AVX-512 each image goes to ``ConvInputRowsWideTile`` (six channels, one register per row),
/// or, where its row loop has the widths, sixteen images at a time to ``ConvInputBatchWideTile``
/// (one image per lane, no multiply-add on padding or past a row's end; LeNet's 6 → 16 layer
/// twice as fast: see ``run(_:weight:outputGradient:into:wide:imagesInLanes:)``). Without AVX-512,
/// eight images at a time go to ``ConvBatchLanes8`` in the same way.
enum ConvInputRows {
    /// Lanes per input row: the widest input row this path handles.
    static let lanes = 16
    /// Input channels accumulated together: three 16-lane sums are six of AVX2's sixteen
    /// registers, which leaves room for the loaded row and the broadcast weight (six sums spilled).
    static let block = 3

    /// Whether `g` is a plain 2-D convolution this path handles: one group, stride and dilation 1,
    /// padding below the kernel size, input rows of at most ``lanes``, at most 12 input channels.
    static func isSuitable(_ g: ConvGeometry) -> Bool {
        g.groups == 1 && g.inDepth == 1 && g.kernelDepth == 1 && g.outDepth == 1
            && g.strideHeight == 1 && g.strideWidth == 1 && g.dilationHeight == 1 && g.dilationWidth == 1
            && g.padHeight < g.kernelHeight && g.padWidth < g.kernelWidth
            && g.inWidth <= lanes && g.inChannels <= 4 * block
            && g.outHeight == g.inHeight + 2 * g.padHeight - g.kernelHeight + 1
            && g.outWidth == g.inWidth + 2 * g.padWidth - g.kernelWidth + 1
            && g.outHeight > 0 && g.outWidth > 0 && g.inHeight > 0 && g.batch > 0
    }

    /// Whether ``ConvInputBatchWideTile`` has a row loop for the widths of `g` (a geometry
    /// ``isSuitable(_:)`` accepts), whatever the CPU.
    static func takesImagesInLanes(_ g: ConvGeometry) -> Bool {
        ConvInputBatchWideTile.isSupported(batchShape(g))
    }

    /// Whether ``ConvBatchLanes8`` has a row loop for the input gradient of `g` (a geometry
    /// ``isSuitable(_:)`` accepts): eight images in the lanes of AVX2.
    static func takesImagesInNarrowLanes(_ g: ConvGeometry) -> Bool {
        ConvBatchLanes8.inputGradientIsSupported(batchShape(g))
    }

    /// The shape of ``ConvInputBatchWideTile``'s calls for `g`.
    static func batchShape(_ g: ConvGeometry) -> ConvInputBatchWideTile.Shape {
        ConvBatchLanes.shape(g)
    }

    /// Writes `dX` `(N, c_i, h, w)` from `dY` `(N, c_o, oh, ow)` and `W` `(c_o, c_i, kh, kw)`;
    /// `wide` (nil: when the CPU has AVX-512) runs the 16-lane ``ConvInputRowsWideTile``, and
    /// `imagesInLanes` (nil: where a kernel has the widths) takes whole blocks of sixteen images
    /// through ``ConvInputBatchWideTile`` when `wide`, else of eight through ``ConvBatchLanes8``
    /// (AVX2), the rest image by image. Without AVX-512, `lenet_c2_n128`, one thread, CPU time, A/B
    /// in one process (`input-rows-8,input-lanes-8`): 2,842 → 1,799 µs (load average 6 → 3).
    /// LeNet's 6 → 16 layer, batch 128, A/B in one process (`bench grad --algorithms
    /// input-rows,input-rows-16`): one thread, CPU time, 891 → 448 µs (load average 9; PyTorch
    /// 1,317 µs).
    static func run(
        _ g: ConvGeometry, weight: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
        into dx: UnsafeMutablePointer<Float>, wide: Bool? = nil, imagesInLanes: Bool? = nil
    ) {
        let wide = wide ?? CPUFeatures.current.useAVX512
        let batchShape = batchShape(g)
        let inLanes =
            (imagesInLanes ?? wide) && CPUFeatures.current.hasAVX512 && takesImagesInLanes(g)
        // Without AVX-512 (or with the 8-lane loop asked for), eight images in the lanes of AVX2.
        let inNarrowLanes = !inLanes && !wide && (imagesInLanes ?? true) && takesImagesInNarrowLanes(g)
        let laneImages = inNarrowLanes ? ConvBatchLanes8.images : ConvInputBatchWideTile.images
        // Blocks of sixteen (or eight) images first, then the images left over one at a time.
        let imageBlocks = inLanes || inNarrowLanes ? g.batch / laneImages : 0
        let firstSingle = imageBlocks * laneImages
        let taps = g.kernelHeight * g.kernelWidth
        let blocks = (g.inChannels + block - 1) / block
        // Whole blocks of both kernels (the wide one's six is two of the 8-lane one's three).
        let wideBlock = ConvInputRowsWideTile.channels
        let paddedChannels = (g.inChannels + wideBlock - 1) / wideBlock * wideBlock
        // W as (o, kh, kw, c), with zero weights for the channels that fill the last block.
        let packedCount = g.outChannels * taps * paddedChannels
        let packed = UnsafeMutablePointer<Float>.allocate(capacity: packedCount)
        packed.initialize(repeating: 0, count: packedCount)
        defer { packed.deallocate() }
        for o in 0..<g.outChannels {
            for c in 0..<g.inChannels {
                for tap in 0..<taps {
                    packed[(o * taps + tap) * paddedChannels + c] = weight[(o * g.inChannels + c) * taps + tap]
                }
            }
        }
        let rowWidth = lanes + g.kernelWidth - 1
        let left = g.kernelWidth - 1 - g.padWidth
        let shape = ConvInputRowsWideTile.Shape(
            outChannels: g.outChannels, outHeight: g.outHeight, kernelHeight: g.kernelHeight,
            kernelWidth: g.kernelWidth, padHeight: g.padHeight, inChannels: g.inChannels, inHeight: g.inHeight,
            inWidth: g.inWidth, rowWidth: rowWidth, packedChannels: paddedChannels)
        let rows = g.outChannels * g.outHeight
        let work = g.batch * g.inChannels * g.inHeight * g.outChannels * taps
        let perImage = max(1, work / g.batch)
        let items = imageBlocks + g.batch - firstSingle
        let minimumChunk = max(1, (1 << 17) / (imageBlocks > 0 ? laneImages * perImage : perImage))
        Parallel.forEach(items, minimumChunk: minimumChunk) { chunk in
            // Items below imageBlocks are blocks of sixteen (or eight) images, the others single images.
            let singles = max(chunk.lowerBound, imageBlocks)..<max(chunk.upperBound, imageBlocks)
            if chunk.lowerBound < imageBlocks {
                let scratch = ParallelScratch.takeCacheAligned(
                    inNarrowLanes
                        ? ConvBatchLanes8.scratchCount(batchShape) : ConvInputBatchWideTile.scratchCount(batchShape))
                defer { ParallelScratch.give(scratch) }
                let imageIn = g.outChannels * g.outPlane
                let imageOut = g.inChannels * g.inPlane
                for item in chunk.lowerBound..<min(chunk.upperBound, imageBlocks) {
                    let first = item * laneImages
                    let (gradient, target) = (dy + first * imageIn, dx + first * imageOut)
                    if inNarrowLanes {
                        ConvBatchLanes8.inputGradient(
                            batchShape, gradient: gradient, gradientStride: imageIn, weight: weight, into: target,
                            inputStride: imageOut, scratch: scratch.cacheAligned)
                    } else {
                        ConvInputBatchWideTile.run(
                            batchShape, gradient: gradient, gradientStride: imageIn, weight: weight, into: target,
                            inputStride: imageOut, scratch: scratch.cacheAligned)
                    }
                }
            }
            guard !singles.isEmpty else { return }
            // Zero borders stay zero; each image overwrites only the middle of every row.
            let padded = UnsafeMutablePointer<Float>.allocate(capacity: rows * rowWidth)
            padded.initialize(repeating: 0, count: rows * rowWidth)
            defer { padded.deallocate() }
            for n in (firstSingle - imageBlocks) + singles.lowerBound..<(firstSingle - imageBlocks) + singles.upperBound
            {
                let source = dy + n * rows * g.outWidth
                for row in 0..<rows {
                    (padded + row * rowWidth + left).update(from: source + row * g.outWidth, count: g.outWidth)
                }
                if wide {
                    ConvInputRowsWideTile.image(
                        shape, padded: padded, packed: packed, into: dx + n * g.inChannels * g.inPlane)
                    continue
                }
                for ih in 0..<g.inHeight {
                    let lowest = max(0, ih + g.padHeight - g.outHeight + 1)
                    let highest = min(g.kernelHeight - 1, ih + g.padHeight)
                    for b in 0..<blocks {
                        var sums = Sums()
                        if lowest <= highest {
                            accumulate(
                                g, packed: packed + b * block, paddedChannels: paddedChannels, padded: padded,
                                rowWidth: rowWidth, row: ih, kernelRows: lowest...highest, into: &sums)
                        }
                        for i in 0..<min(block, g.inChannels - b * block) {
                            let c = b * block + i
                            sums.store(
                                i, to: dx + ((n * g.inChannels + c) * g.inHeight + ih) * g.inWidth, count: g.inWidth)
                        }
                    }
                }
            }
        }
    }

    typealias Lanes = SIMD16<Float>

    /// The three channels' accumulators of one input row.
    struct Sums {
        var s0 = Lanes(), s1 = Lanes(), s2 = Lanes()

        func store(_ index: Int, to target: UnsafeMutablePointer<Float>, count: Int) {
            let value =
                switch index {
                case 0: s0
                case 1: s1
                default: s2
                }
            if count == lanes {
                UnsafeMutableRawPointer(target).storeBytes(of: value, as: Lanes.self)
            } else {
                for lane in 0..<count { target[lane] = value[lane] }
            }
        }
    }

    /// Adds every output channel's and kernel row's contribution to input row `row`.
    @inline(__always)
    private static func accumulate(
        _ g: ConvGeometry, packed: UnsafePointer<Float>, paddedChannels: Int, padded: UnsafePointer<Float>,
        rowWidth: Int, row: Int, kernelRows: ClosedRange<Int>, into sums: inout Sums
    ) {
        var (s0, s1, s2) = (sums.s0, sums.s1, sums.s2)
        let kw = g.kernelWidth
        for o in 0..<g.outChannels {
            for kh in kernelRows {
                // Lane x of the load at column kw − 1 − tap reads dY[o, row + p − kh, x + p − tap].
                let source = padded + (o * g.outHeight + row + g.padHeight - kh) * rowWidth + kw - 1
                var w = packed + (o * g.kernelHeight + kh) * kw * paddedChannels
                for tap in 0..<kw {
                    let v = UnsafeRawPointer(source - tap).loadUnaligned(as: Lanes.self)
                    s0.addProduct(v, Lanes(repeating: w[0]))
                    s1.addProduct(v, Lanes(repeating: w[1]))
                    s2.addProduct(v, Lanes(repeating: w[2]))
                    w += paddedChannels
                }
            }
        }
        sums = Sums(s0: s0, s1: s1, s2: s2)
    }
}
