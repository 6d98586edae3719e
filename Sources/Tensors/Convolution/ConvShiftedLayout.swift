/// Where ``ConvShifted`` keeps the zero-padded input, so that every kernel tap is the same
/// input shifted by a constant offset.
///
/// Each input channel is padded and split into `strideHeight · strideWidth` phase planes: phase
/// `(φ_h, φ_w)` holds the padded rows `≡ φ_h (mod s_h)` and columns `≡ φ_w (mod s_w)`, in a
/// `height × width` plane. Output position `(oh, ow)` gets grid index `p = oh · width + ow`; the
/// value that tap `(c, k_h, k_w)` sees there is element `p + offset(c, k_h, k_w)` of the layout,
/// for every stride and dilation. Grid columns `ow ≥ outWidth` are computed and thrown away.
struct ConvShiftedLayout {
    /// Phase plane height and width (the padded input divided by the stride, rounded up).
    let height: Int
    let width: Int
    let rowPhases: Int
    let columnPhases: Int
    /// Grid positions per image: `outHeight` rows of `width`.
    let grid: Int
    /// 16-column tiles covering the grid.
    let tiles: Int

    /// Elements of one phase plane.
    var plane: Int { height * width }
    /// Elements of one channel (all its phase planes).
    var channelStride: Int { rowPhases * columnPhases * plane }
    /// Zeros after the last channel: the last tile's padding columns read up to `width + 16`
    /// elements past the final plane (garbage positions only, but they must be readable).
    var slack: Int { width + 2 * ConvMicroTile.columns }

    /// Only 2-D problems (depth 1, kernel depth 1) have a layout.
    init?(_ g: ConvGeometry) {
        guard g.inDepth == 1, g.kernelDepth == 1, g.padDepth == 0, g.outDepth == 1 else { return nil }
        // The padded extent that valid outputs read; rows and columns past it are never used.
        let paddedHeight = (g.outHeight - 1) * g.strideHeight + (g.kernelHeight - 1) * g.dilationHeight + 1
        let paddedWidth = (g.outWidth - 1) * g.strideWidth + (g.kernelWidth - 1) * g.dilationWidth + 1
        rowPhases = g.strideHeight
        columnPhases = g.strideWidth
        height = (paddedHeight + rowPhases - 1) / rowPhases
        width = (paddedWidth + columnPhases - 1) / columnPhases
        grid = g.outHeight * width
        tiles = (grid + ConvMicroTile.columns - 1) / ConvMicroTile.columns
    }

    /// Whether the layout of a channel is the input channel itself (stride 1, no padding, a
    /// kernel that reaches every input row and column) and the grid drops no columns, so that
    /// reads at valid grid positions stay inside the input: then it is read without a copy.
    func isIdentity(_ g: ConvGeometry) -> Bool {
        rowPhases == 1 && columnPhases == 1 && g.padHeight == 0 && g.padWidth == 0 && height == g.inHeight
            && width == g.inWidth && width == g.outWidth
    }

    /// Element offset of tap `(channel, kernelRow, kernelColumn)` from a group's first channel.
    func offset(_ g: ConvGeometry, channel: Int, kernelRow: Int, kernelColumn: Int) -> Int {
        let row = kernelRow * g.dilationHeight
        let column = kernelColumn * g.dilationWidth
        let phase = (row % rowPhases) * columnPhases + column % columnPhases
        return channel * channelStride + phase * plane + (row / rowPhases) * width + column / columnPhases
    }

    /// Offsets of every row of the im2col matrix (channel, then kernel row, then kernel column),
    /// the order of the weights' patch.
    func offsets(_ g: ConvGeometry) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(g.patchLength)
        for channel in 0..<g.inChannelsPerGroup {
            for kernelRow in 0..<g.kernelHeight {
                for kernelColumn in 0..<g.kernelWidth {
                    result.append(offset(g, channel: channel, kernelRow: kernelRow, kernelColumn: kernelColumn))
                }
            }
        }
        return result
    }

    /// Writes one input channel (`inHeight × inWidth` at `source`) as its padded phase planes.
    func fill(_ g: ConvGeometry, channel source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>) {
        var row = target
        for rowPhase in 0..<rowPhases {
            for columnPhase in 0..<columnPhases {
                // Phase columns whose input column lies inside the image.
                let shift = columnPhase - g.padWidth
                let first = min(width, max(0, ceilDivide(-shift, columnPhases)))
                let last = max(first, min(width, floorDivide(g.inWidth - 1 - shift, columnPhases) + 1))
                for phaseRow in 0..<height {
                    let ih = phaseRow * rowPhases + rowPhase - g.padHeight
                    if ih < 0 || ih >= g.inHeight {
                        row.initialize(repeating: 0, count: width)
                    } else {
                        row.initialize(repeating: 0, count: first)
                        let from = source + ih * g.inWidth + first * columnPhases + shift
                        if columnPhases == 1 {
                            (row + first).initialize(from: from, count: last - first)
                        } else {
                            for column in 0..<(last - first) { row[first + column] = from[column * columnPhases] }
                        }
                        (row + last).initialize(repeating: 0, count: width - last)
                    }
                    row += width
                }
            }
        }
    }
}
