import TensorsWide

/// The input gradient of a stride-1 convolution onto few input channels (an RGB stem's), with
/// input positions in the vector lanes: ``ConvInputPlanarWideTile`` (AVX-512).
///
/// The general path runs `dX` as a forward convolution of `dY` with flipped kernels, whose
/// output channels are this layer's input channels: 3 of them for an RGB stem, so the forward
/// kernels, which put output channels in the lanes, fill 3 of 16 (`stem3x3_c3_224`: 26 GFLOPS,
/// one thread). Here each image is cut into bands of ``bandRows`` input rows; a thread copies the
/// output-gradient rows a band reads into a zero-bordered scratch band (every output channel),
/// then walks each input row in tiles of up to 8 vectors × all input channels.
///
/// A/B in one process (`bench grad --algorithms input-planar,input-transposed`), one thread, CPU
/// time, load average 9: `stem3x3_c3_224` 5,351 → 2,237 µs (PyTorch 7,600), `lenet_c1_n128`
/// (whose input needs no gradient in training) 2,925 → 902 µs.
enum ConvInputPlanar {
    /// Input rows per band: the copied rows are the band's plus `k_h − 1` shared with the next.
    static let bandRows = 8
    /// The largest scratch band, in floats (a convolution with very many output channels would
    /// not keep its band in L2).
    static let maximumBand = 1 << 20

    /// Whether `g` is a plain 2-D convolution this path handles: one group, stride and dilation 1,
    /// padding below the kernel size, at most ``ConvInputPlanarWideTile/maximumChannels`` input
    /// channels and input rows wider than ``ConvInputRows``' 16 columns. The caller checks AVX-512.
    static func isSuitable(_ g: ConvGeometry) -> Bool {
        guard
            g.groups == 1 && g.inDepth == 1 && g.kernelDepth == 1 && g.outDepth == 1
                && g.strideHeight == 1 && g.strideWidth == 1 && g.dilationHeight == 1 && g.dilationWidth == 1
                && g.padHeight < g.kernelHeight && g.padWidth < g.kernelWidth
                && g.inChannels >= 1 && g.inChannels <= ConvInputPlanarWideTile.maximumChannels
                && g.inWidth > ConvInputRows.lanes && g.inHeight > 0 && g.batch > 0 && g.outChannels > 0
                && g.outHeight == g.inHeight + 2 * g.padHeight - g.kernelHeight + 1
                && g.outWidth == g.inWidth + 2 * g.padWidth - g.kernelWidth + 1
        else { return false }
        let band = ConvGeometry.product(g.outChannels, bandRows + g.kernelHeight - 1, bandWidth(g))
        return band.map { $0 <= maximumBand } ?? false
    }

    /// Floats per scratch band row: whole vectors of the input row, plus `k_w − 1` columns.
    private static func bandWidth(_ g: ConvGeometry) -> Int { (g.inWidth + 15) / 16 * 16 + g.kernelWidth - 1 }

    /// Writes `dX` `(N, c_i, h, w)` from `dY` `(N, c_o, oh, ow)` and `W` `(c_o, c_i, kh, kw)`.
    static func run(
        _ g: ConvGeometry, weight: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
        into dx: UnsafeMutablePointer<Float>
    ) {
        let taps = g.kernelHeight * g.kernelWidth
        let channels = g.inChannels
        // W as (o, kh, kw, c): the step order of the tile's walk.
        let packedBuffer = ParallelScratch.take(g.outChannels * taps * channels)
        defer { ParallelScratch.give(packedBuffer) }
        let packed = packedBuffer.pointer
        for o in 0..<g.outChannels {
            for c in 0..<channels {
                for tap in 0..<taps {
                    packed[(o * taps + tap) * channels + c] = weight[(o * channels + c) * taps + tap]
                }
            }
        }
        let vectorsPerRow = (g.inWidth + 15) / 16
        let widest = ConvInputPlanarWideTile.vectors(channels: channels)
        let tiles = (vectorsPerRow + widest - 1) / widest
        let width = bandWidth(g)
        let rows = bandRows + g.kernelHeight - 1
        // dY[o, r, j] sits at column j + left of its band row, so a tile's vector at input
        // column x reads column x + p − kw of the gradient for kernel column kw ≥ 0.
        let left = g.kernelWidth - 1 - g.padWidth
        let walk = ConvInputPlanarWideTile.Walk(
            outChannels: g.outChannels, kernelHeight: g.kernelHeight, kernelWidth: g.kernelWidth, rowStride: width,
            channelStride: rows * width)
        let bands = (g.inHeight + bandRows - 1) / bandRows
        let work = g.outChannels * taps * channels * g.inWidth * bandRows
        Parallel.forEach(g.batch * bands, minimumChunk: max(1, (1 << 18) / max(1, work))) { items in
            let bandBuffer = ParallelScratch.takeCacheAligned(g.outChannels * rows * width)
            let tileBuffer = ParallelScratch.takeCacheAligned(16 * 24)
            defer {
                ParallelScratch.give(bandBuffer)
                ParallelScratch.give(tileBuffer)
            }
            let band = bandBuffer.cacheAligned
            let tile = tileBuffer.cacheAligned
            // The zero columns on both sides stay zero; each band overwrites only the middle.
            band.initialize(repeating: 0, count: g.outChannels * rows * width)
            for item in items {
                let n = item / bands
                let y0 = (item - n * bands) * bandRows
                let y1 = min(g.inHeight, y0 + bandRows)
                // Band row b holds gradient row first + b (zeros outside the gradient).
                let first = y0 + g.padHeight - (g.kernelHeight - 1)
                let image = dy + n * g.outChannels * g.outPlane
                for o in 0..<g.outChannels {
                    for b in 0..<(y1 - y0 + g.kernelHeight - 1) {
                        let r = first + b
                        let to = band + (o * rows + b) * width + left
                        if r >= 0 && r < g.outHeight {
                            to.update(from: image + (o * g.outHeight + r) * g.outWidth, count: g.outWidth)
                        } else {
                            to.update(repeating: 0, count: g.outWidth)
                        }
                    }
                }
                for y in y0..<y1 {
                    var v0 = 0
                    for t in 0..<tiles {
                        let v1 = vectorsPerRow * (t + 1) / tiles
                        let x0 = v0 * 16
                        ConvInputPlanarWideTile.run(
                            walk, channels: channels, vectors: v1 - v0,
                            gradient: band + (y - y0 + g.kernelHeight - 1) * width + x0 + g.kernelWidth - 1,
                            weights: packed, tile: tile)
                        let count = min(16 * (v1 - v0), g.inWidth - x0)
                        for c in 0..<channels {
                            (dx + ((n * channels + c) * g.inHeight + y) * g.inWidth + x0).update(
                                from: tile + c * 16 * (v1 - v0), count: count)
                        }
                        v0 = v1
                    }
                }
            }
        }
    }
}
