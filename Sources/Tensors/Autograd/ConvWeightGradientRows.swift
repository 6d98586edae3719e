import TensorsWide

/// The weight gradient of a 2-D convolution with output positions in the vector lanes (AVX-512):
/// ``ConvWeightGradientRowsWideTile`` reads the output gradient in place, 16 positions of a row
/// at a time, and the input from a zero-padded copy (``ConvWeightGradientLayout/fillInput``).
///
/// ``ConvWeightGradient`` puts 16 output channels in the lanes instead, which needs a transposed
/// copy of the whole output gradient first: for the 3 × 3 RGB stem (64 channels × 50,176
/// positions) that copy is 12.8 MB written and read again, for 27 weights per channel.
///
/// Threads claim items of (chunk of images, group, tile of output channels); an item walks its
/// images in slabs of about ``slabBytes`` of output gradient for the tile's channels, and per slab every input channel and
/// kernel-row tile, so the slab's output gradient stays in L1 while the input channels pass
/// through. Items never share weights, except across chunks of images, whose partial sums are
/// added at the end.
enum ConvWeightGradientRows {
    /// Bytes of output gradient per slab for a tile's channels: 32 KB, so it stays in L1 beside
    /// the input (2 channels of 3 × 3 kernels: 4,096 positions; LeNet's 3 of 5 × 5: 2,730, one
    /// thread, CPU time: 654 µs with 4,096, 540 µs).
    static let slabBytes = 32 << 10
    /// Positions per slab before slabs were sized by the tile's channels (for A/B runs).
    static let fixedSlabPositions = 4096
    /// Items per thread.
    static let itemsPerThread = 4

    /// Whether the tile takes the geometry: AVX-512, 2-D, kernels 3 or 5 wide, undilated and
    /// unstrided along rows, and output rows of at least 16 positions.
    static func isSuitable(_ g: ConvGeometry) -> Bool {
        guard CPUFeatures.current.useAVX512, g.strideWidth == 1, g.dilationWidth == 1, g.outWidth >= 16,
            ConvWeightGradientRowsWideTile.channels(kernelWidth: g.kernelWidth) > 0,
            let layout = ConvWeightGradientLayout(g), layout.inputCount(g) != nil
        else { return false }
        return ConvWeightGradient.isSuitable(g)
    }

    /// Where a call reads the output gradient.
    enum OutputGradient {
        /// Written out, `(N, c_o, out_h, out_w)`.
        case buffer(UnsafePointer<Float>)
        /// Computed where it is read: `plane(p, target)` writes plane `p` (image · c_o + channel,
        /// `out_h · out_w` floats) to `target`, from any thread, and `prefetch(p)` starts loading
        /// what it reads into the cache. Each item then walks slabs of whole planes, writing its
        /// channels' planes of a slab to a buffer of its own just before it reads them, and
        /// prefetching the next slab's.
        case planes(
            (_ plane: Int, _ target: UnsafeMutablePointer<Float>) -> Void, prefetch: (_ plane: Int) -> Void)
    }

    /// Writes the gradient with respect to the weight, `(c_o, c_i / groups, k_h, k_w)` row-major,
    /// into `dw` (which starts at zero). Only for geometries ``isSuitable(_:)`` accepts.
    /// With `bias`, also the gradient with respect to the bias (`c_o` floats): each item sums its
    /// channels' output gradient slab by slab, while the slab is in cache for the tiles.
    /// `fourChannels`: 5-wide kernels always take tiles of 4 channels (else 3 when that wastes
    /// fewer lanes, as for LeNet's 6); `fixedSlabs`: slabs of ``fixedSlabPositions``.
    static func run(
        _ g: ConvGeometry, input: UnsafePointer<Float>, outputGradient: OutputGradient,
        into dw: UnsafeMutablePointer<Float>, bias: UnsafeMutablePointer<Float>? = nil, fourChannels: Bool = false,
        fixedSlabs: Bool = false
    ) {
        guard let layout = ConvWeightGradientLayout(g), let inputCount = layout.inputCount(g) else {
            preconditionFailure("ConvWeightGradientRows needs a 2-D geometry")
        }
        let patch = g.patchLength
        let weightCount = g.outChannels * patch
        let threads = g.multiplyAdds < 1 << 17 ? 1 : Parallel.threadCount
        let inputBuffer = ParallelScratch.takeCacheAligned(inputCount)
        defer { ParallelScratch.give(inputBuffer) }
        let padded = inputBuffer.cacheAligned
        Parallel.forEachClaimed(g.batch, inline: threads == 1) { images in
            for n in images { layout.fillInput(g, input: input, image: n, into: padded) }
        }

        let groupIn = g.inChannelsPerGroup
        let groupOut = g.outChannelsPerGroup
        let channels =
            fourChannels
            ? ConvWeightGradientRowsWideTile.channels(kernelWidth: g.kernelWidth)
            : ConvWeightGradientRowsWideTile.channels(kernelWidth: g.kernelWidth, outChannels: groupOut)
        let mostRows = ConvWeightGradientRowsWideTile.rows(kernelWidth: g.kernelWidth)
        let tilesPerGroup = (groupOut + channels - 1) / channels
        let tiles = g.groups * tilesPerGroup
        let wanted = threads == 1 ? 1 : itemsPerThread * threads
        let chunks = min(g.batch, max(1, (wanted + tiles - 1) / tiles))
        let partials = ConvWeightGradientPartials(chunks: chunks, weightCount: weightCount, into: dw, zeroed: true)
        defer { partials.release() }
        // Each chunk's sum per output channel, for the bias (an item owns its channels' sums).
        let chunkSums = bias.map { _ in ParallelScratch.take(chunks * g.outChannels) }
        defer { chunkSums.map(ParallelScratch.give) }
        chunkSums?.pointer.initialize(repeating: 0, count: chunks * g.outChannels)
        let slabPositions = fixedSlabs ? Self.fixedSlabPositions : slabBytes / (4 * channels)
        let dy: UnsafePointer<Float>?
        let planes: ((Int, UnsafeMutablePointer<Float>) -> Void)?
        let prefetch: ((Int) -> Void)?
        switch outputGradient {
        case .buffer(let buffer): (dy, planes, prefetch) = (buffer, nil, nil)
        case .planes(let plane, let ahead): (dy, planes, prefetch) = (nil, plane, ahead)
        }
        let rowsPerSlab =
            g.outPlane >= slabPositions && planes == nil ? max(1, slabPositions / g.outWidth) : g.outHeight
        let imagesPerSlab = g.outPlane >= slabPositions ? 1 : max(1, slabPositions / g.outPlane)
        let taps = g.kernelVolume
        let kernelRowStride = g.dilationHeight * layout.width
        Parallel.forEachClaimed(chunks * tiles, inline: threads == 1) { items in
            // This thread's slab of computed planes: `valid` channels of each image.
            let slab = planes.map { _ in ParallelScratch.take(imagesPerSlab * channels * g.outPlane) }
            defer { slab.map(ParallelScratch.give) }
            for item in items {
                let chunk = item / tiles
                let group = (item % tiles) / tilesPerGroup
                let firstOut = ((item % tiles) % tilesPerGroup) * channels
                let valid = min(channels, groupOut - firstOut)
                let channel = group * groupOut + firstOut
                let target = partials.target(chunk) + channel * patch
                let images = (g.batch * chunk / chunks)..<(g.batch * (chunk + 1) / chunks)
                for n in stride(from: images.lowerBound, to: images.upperBound, by: imagesPerSlab) {
                    for firstRow in stride(from: 0, to: g.outHeight, by: rowsPerSlab) {
                        let walkImages = min(imagesPerSlab, images.upperBound - n)
                        let gradient: UnsafePointer<Float>
                        if let dy {
                            gradient = dy + (n * g.outChannels + channel) * g.outPlane + firstRow * g.outWidth
                        } else if let planes, let slab {
                            for image in 0..<walkImages {
                                for c in 0..<valid {
                                    planes(
                                        (n + image) * g.outChannels + channel + c,
                                        slab.pointer + (image * valid + c) * g.outPlane)
                                }
                            }
                            for image in n + walkImages..<min(n + 2 * imagesPerSlab, images.upperBound) {
                                for c in 0..<valid { prefetch?(image * g.outChannels + channel + c) }
                            }
                            gradient = UnsafePointer(slab.pointer)
                        } else {
                            preconditionFailure("ConvWeightGradientRows: no output gradient")
                        }
                        let walk = ConvWeightGradientRowsWideTile.Walk(
                            images: walkImages,
                            rows: min(rowsPerSlab, g.outHeight - firstRow),
                            width: g.outWidth, gradientRowStride: g.outWidth,
                            gradientImageStride: (dy == nil ? valid : g.outChannels) * g.outPlane,
                            inputRowStride: g.strideHeight * layout.width, inputImageStride: g.inChannels * layout.plane
                        )
                        if let chunkSums {
                            let sums = chunkSums.pointer + chunk * g.outChannels + channel
                            for image in 0..<walk.images {
                                for c in 0..<valid {
                                    sums[c] += Self.sum(
                                        gradient + image * walk.gradientImageStride + c * g.outPlane,
                                        count: walk.rows * g.outWidth)
                                }
                            }
                        }
                        for c in 0..<groupIn {
                            let x =
                                padded + (n * g.inChannels + group * groupIn + c) * layout.plane
                                + firstRow * walk.inputRowStride
                            for firstKernelRow in stride(from: 0, to: g.kernelHeight, by: mostRows) {
                                ConvWeightGradientRowsWideTile.run(
                                    walk, kernelWidth: g.kernelWidth, channels: channels,
                                    rows: min(mostRows, g.kernelHeight - firstKernelRow),
                                    valid: valid, gradient: gradient, channelStride: g.outPlane,
                                    input: x + firstKernelRow * kernelRowStride, kernelRowStride: kernelRowStride,
                                    sums: target + c * taps + firstKernelRow * g.kernelWidth, sumStride: patch)
                            }
                        }
                    }
                }
            }
        }
        partials.addChunks()
        if let bias, let chunkSums {
            bias.initialize(repeating: 0, count: g.outChannels)
            for chunk in 0..<chunks {
                for o in 0..<g.outChannels { bias[o] += chunkSums.pointer[chunk * g.outChannels + o] }
            }
        }
    }

    /// The sum of `count` floats, in four sums of sixteen lanes (one would wait on each add).
    private static func sum(_ values: UnsafePointer<Float>, count: Int) -> Float {
        var (a, b, c, d) = (SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>())
        let at = UnsafeRawPointer(values)
        var i = 0
        while i + 64 <= count {
            a += at.loadUnaligned(fromByteOffset: 4 * i, as: SIMD16<Float>.self)
            b += at.loadUnaligned(fromByteOffset: 4 * i + 64, as: SIMD16<Float>.self)
            c += at.loadUnaligned(fromByteOffset: 4 * i + 128, as: SIMD16<Float>.self)
            d += at.loadUnaligned(fromByteOffset: 4 * i + 192, as: SIMD16<Float>.self)
            i += 64
        }
        while i + 16 <= count {
            a += at.loadUnaligned(fromByteOffset: 4 * i, as: SIMD16<Float>.self)
            i += 16
        }
        var total = ((a + b) + (c + d)).sum()
        while i < count {
            total += values[i]
            i += 1
        }
        return total
    }
}
