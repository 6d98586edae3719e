import TensorsWide

/// Direct convolution with output positions in the 16 vector lanes (AVX-512 only) for rows of
/// 16 to 32 outputs whose output channels do not come in blocks of 16: LeNet's first layer
/// (1 → 6 channels, 5×5, padding 2, 28 × 28).
///
/// Neither ``ConvPlanar`` (32-wide tiles) nor ``ConvBlocked`` (blocks of 16 filters) takes such a
/// layer; ``ConvShifted`` did, with its 6 × 16 AVX2 micro-kernel over a copy phased by kernel
/// tap. Here each thread claims a band of output rows of one image (the whole image when the
/// batch gives every thread a few), copies the zero-padded input rows the band reads into its
/// own scratch and sums two output rows × up to 6 channels per tile
/// (``ConvPlanarPairWideTile``), storing straight into the output: no pass over the whole batch
/// before the sums, no barrier, no transposition.
///
/// `lenet_c1_n128` (batch 128), A/B in one process, one thread, CPU time, load average 4–7:
/// ``ConvShifted`` 35.0 → 84.3 GFLOPS (860 → 357 µs; PyTorch 2.13's forward 1130 µs, same clock);
/// one LeNet epoch (`bench train --threads 1`) 6.24 → 5.76 s, the same loss.
enum ConvPlanarPair {
    /// Whether the kernel applies: one group, a 2-D problem with unit stride along the row, rows
    /// of 16 to 32 outputs, at least two output rows, output channels not in blocks of 16, and a
    /// band's padded copy of moderate size.
    static func isSuitable(_ g: ConvGeometry) -> Bool {
        guard CPUFeatures.current.useAVX512, g.groups == 1, g.inDepth == 1, g.kernelDepth == 1, g.outDepth == 1,
            g.padDepth == 0, g.strideWidth == 1, (16...32).contains(g.outWidth), g.outHeight >= 2,
            g.outChannels % 16 != 0
        else { return false }
        guard let copy = ConvGeometry.product(g.inChannels, paddedHeight(g, rows: g.outHeight), paddedWidth(g))
        else { return false }
        return copy <= 1 << 22
    }

    /// Padded columns a row of outputs reads.
    private static func paddedWidth(_ g: ConvGeometry) -> Int {
        g.outWidth + (g.kernelWidth - 1) * g.dilationWidth
    }

    /// Padded rows that `rows` consecutive output rows read.
    private static func paddedHeight(_ g: ConvGeometry, rows: Int) -> Int {
        (rows - 1) * g.strideHeight + (g.kernelHeight - 1) * g.dilationHeight + 1
    }

    static func run(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) {
        guard isSuitable(g) else {
            ConvShifted.run(g, input: input, weight: weight, bias: bias, output: output)
            return
        }
        let f = ConvPlanarPairWideTile.filters
        let steps = g.patchLength
        let threads = g.multiplyAdds < 1 << 18 ? 1 : Parallel.threadCount
        // Bands of at least two rows; whole images when the batch gives each thread a few.
        let bandsPerImage = g.batch >= 4 * threads ? 1 : min(g.outHeight / 2, (4 * threads + g.batch - 1) / g.batch)
        let bandRows = (g.outHeight + bandsPerImage - 1) / bandsPerImage
        let width = paddedWidth(g)
        let planeStride = paddedHeight(g, rows: bandRows) * width

        // The weights as [group of 6 filters][step][filter], and each step's input offset.
        let groups = (g.outChannels + f - 1) / f
        let packing = ParallelScratch.take(groups * f * steps)
        defer { ParallelScratch.give(packing) }
        let packed = packing.pointer
        for filter in 0..<g.outChannels {
            let (group, lane) = filter.quotientAndRemainder(dividingBy: f)
            let filters = min(f, g.outChannels - group * f)
            let target = packed + group * f * steps + lane
            for s in 0..<steps { target[s * filters] = weight[filter * steps + s] }
        }
        let offsets = UnsafeMutablePointer<Int>.allocate(capacity: steps)
        defer { offsets.deallocate() }
        let taps = g.kernelHeight * g.kernelWidth
        for s in 0..<steps {
            let (c, tap) = s.quotientAndRemainder(dividingBy: taps)
            let (kh, kw) = tap.quotientAndRemainder(dividingBy: g.kernelWidth)
            offsets[s] = c * planeStride + kh * g.dilationHeight * width + kw * g.dilationWidth
        }

        let walk = ConvPlanarPairWideTile.Walk(
            steps: steps, rowStride: g.strideHeight * width, half: g.outWidth - 16, outPlane: g.outPlane,
            outWidth: g.outWidth)
        Parallel.forEachClaimed(g.batch * bandsPerImage, inline: threads == 1) { items in
            let scratch = ParallelScratch.takeCacheAligned(g.inChannels * planeStride)
            defer { ParallelScratch.give(scratch) }
            let copy = scratch.cacheAligned
            for item in items {
                let (n, band) = item.quotientAndRemainder(dividingBy: bandsPerImage)
                // Equal shares of at least two rows each.
                let first = band * g.outHeight / bandsPerImage
                let end = (band + 1) * g.outHeight / bandsPerImage
                fill(
                    g, image: input + n * g.inChannels * g.inPlane, firstRow: first * g.strideHeight,
                    rows: paddedHeight(g, rows: end - first), width: width, planeStride: planeStride, into: copy)
                let image = output + n * g.outChannels * g.outPlane
                var row = first
                while row < end {
                    // An odd last row goes with the one before it, which is written twice alike.
                    let pair = min(row, end - 2)
                    for group in 0..<groups {
                        ConvPlanarPairWideTile.run(
                            walk, filters: min(f, g.outChannels - group * f), offsets: offsets,
                            input: copy + (pair - first) * g.strideHeight * width, weights: packed + group * f * steps,
                            bias: bias.map { $0 + group * f },
                            output: image + group * f * g.outPlane + pair * g.outWidth)
                    }
                    row = pair + 2
                }
            }
        }
    }

    /// Writes padded rows `firstRow ..< firstRow + rows` (`width` columns) of every input channel
    /// of the image at `image` into `target`, one plane every `planeStride` floats.
    private static func fill(
        _ g: ConvGeometry, image: UnsafePointer<Float>, firstRow: Int, rows: Int, width: Int, planeStride: Int,
        into target: UnsafeMutablePointer<Float>
    ) {
        for c in 0..<g.inChannels {
            for row in 0..<rows {
                g.writePaddedRow(
                    firstRow + row, of: image + c * g.inPlane, width: width,
                    into: target + c * planeStride + row * width)
            }
        }
    }
}
