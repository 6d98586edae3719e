import TensorsWide

/// ``ConvPointwise`` over packed panels: the forward product `W · X` and the input gradient
/// `Wᵀ · dY` of a 1×1 convolution at stride 1 without padding (AVX-512).
///
/// - Each panel of 32 positions (or 16 at a plane's last whole vector) is copied once per thread
///   into a contiguous 64-byte-aligned block, `depth × 32` floats. In place, a plane of 196
///   positions puts its channels 784 bytes apart, so three of four vector loads cross a cache line.
/// - The positions past the plane's last whole vector (4 of 196) do not take a tile of 16 lanes:
///   the forward product sums them with input channels in the lanes
///   (``ConvPointwiseTailWideTile``); the input gradient, whose weights run along its output
///   channels, with those channels in the lanes (``ConvPointwiseWideTile`` with its operands'
///   roles swapped), its sums transposed out through a scratch tile.
/// - At one thread one work item is a whole panel; at more, a panel × 48 output channels.
/// - Tile heights are spread evenly over an item's channels (256 = 14 × 12 + 8 × 11, not
///   21 × 12 + 4).
///
/// `pw1x1_c256_14`, one thread, the kernel's loop alone (a test program, CPU time, load 6–10):
/// 134 GFLOPS in place, 136 with packed panels, 148 with packed panels and the tail kernel.
extension ConvPointwise {
    /// One product per image and group: `rows × depth` weights, element `(r, k)` at
    /// `r · weightStride + k · weightStep` from the group's weights, times `depth` source planes.
    struct Product {
        var rows: Int
        var depth: Int
        var weightStride: Int
        var weightStep: Int
        var sourceChannels: Int
        var targetChannels: Int
        /// Whether the weights run along the rows (`Wᵀ · dY`), which picks the tail's kernel.
        var readsColumns: Bool

        /// `W · X`: output channels × input channels, along the OIHW rows.
        static func forward(_ g: ConvGeometry) -> Product {
            Product(
                rows: g.outChannelsPerGroup, depth: g.inChannelsPerGroup, weightStride: g.inChannelsPerGroup,
                weightStep: 1, sourceChannels: g.inChannels, targetChannels: g.outChannels, readsColumns: false)
        }

        /// `Wᵀ · dY`: input channels × output channels, down the OIHW columns.
        static func transposed(_ g: ConvGeometry) -> Product {
            Product(
                rows: g.inChannelsPerGroup, depth: g.outChannelsPerGroup, weightStride: 1,
                weightStep: g.inChannelsPerGroup, sourceChannels: g.outChannels, targetChannels: g.inChannels,
                readsColumns: true)
        }
    }

    /// The input gradient `dX = Wᵀ · dY` per image and group into `dx` (every element written).
    static func inputGradient(
        _ g: ConvGeometry, weight: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
        into dx: UnsafeMutablePointer<Float>
    ) {
        runPacked(g, .transposed(g), source: dy, weight: weight, bias: nil, target: dx)
    }

    /// Runs `product` per image and group over packed panels (`bias` only for the forward product).
    static func runPacked(
        _ g: ConvGeometry, _ product: Product, source: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, target: UnsafeMutablePointer<Float>
    ) {
        let plane = g.outPlane
        let vectors = plane / 16
        let tail = plane % 16
        let wholePanels = (vectors + 1) / 2
        let panels = wholePanels + (tail > 0 ? 1 : 0)
        let threads = g.multiplyAdds < 1 << 18 ? 1 : Parallel.threadCount
        let chunks = threads == 1 ? 1 : (product.rows + rowsPerItem - 1) / rowsPerItem
        let perImage = g.groups * panels * chunks
        let depth = product.depth
        let groupWeights = g.outChannelsPerGroup * g.inChannelsPerGroup
        Parallel.forEachClaimed(g.batch * perImage, inline: threads == 1) { items in
            // A panel (32 × depth), the tail's transposed inputs (up to 15 × depth) or sums (6 × 64).
            let panelFloats = 32 * depth
            let tailFloats = max(15 * depth, 6 * 64)
            let scratch = UnsafeMutableRawPointer.allocate(byteCount: 4 * (panelFloats + tailFloats), alignment: 64)
                .bindMemory(to: Float.self, capacity: panelFloats + tailFloats)
            defer { scratch.deallocate() }
            let packed = scratch
            let tailScratch = scratch + panelFloats
            var packedKey = -1
            for item in items {
                let (image, withinImage) = item.quotientAndRemainder(dividingBy: perImage)
                let (group, withinGroup) = withinImage.quotientAndRemainder(dividingBy: panels * chunks)
                let (panel, chunk) = withinGroup.quotientAndRemainder(dividingBy: chunks)
                let operands = Operands(
                    source: source + (image * product.sourceChannels + group * depth) * plane,
                    weight: weight + group * groupWeights,
                    bias: bias.map { $0 + group * product.rows },
                    target: target + (image * product.targetChannels + group * product.rows) * plane)
                let rows =
                    chunk * rowsPerItem..<min(product.rows, chunks == 1 ? product.rows : (chunk + 1) * rowsPerItem)
                if panel < wholePanels {
                    let column = 32 * panel
                    let width = min(2, vectors - 2 * panel)
                    let key = (image * g.groups + group) * panels + panel
                    if key != packedKey {
                        pack(operands.source + column, plane: plane, vectors: width, depth: depth, into: packed)
                        packedKey = key
                    }
                    wholeVectors(
                        product, operands, rows: rows, column: column, vectors: width, panel: packed, plane: plane)
                } else if !product.readsColumns {
                    let key = -2 - ((image * g.groups + group) * panels + panel)
                    if key != packedKey {
                        transposeTail(
                            operands.source + 16 * vectors, plane: plane, count: tail, depth: depth, into: tailScratch)
                        packedKey = key
                    }
                    forwardTail(
                        product, operands, rows: rows, start: 16 * vectors, count: tail, inputs: tailScratch,
                        plane: plane)
                } else {
                    transposedTail(
                        product, operands, rows: rows, start: 16 * vectors, count: tail, scratch: tailScratch,
                        plane: plane)
                }
            }
        }
    }

    /// One image and group's pointers.
    private struct Operands {
        var source: UnsafePointer<Float>
        var weight: UnsafePointer<Float>
        var bias: UnsafePointer<Float>?
        var target: UnsafeMutablePointer<Float>
    }

    /// Copies `vectors` × 16 positions of `depth` planes (`plane` apart) into `panel`, one after another.
    private static func pack(
        _ source: UnsafePointer<Float>, plane: Int, vectors: Int, depth: Int, into panel: UnsafeMutablePointer<Float>
    ) {
        let width = 16 * vectors
        for k in 0..<depth {
            let from = UnsafeRawPointer(source + k * plane)
            let to = UnsafeMutableRawPointer(panel + k * width)
            for offset in stride(from: 0, to: 4 * width, by: 32) {
                to.storeBytes(
                    of: from.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self), toByteOffset: offset,
                    as: SIMD8<Float>.self)
            }
        }
    }

    /// The rows of an item over one packed panel, in tiles of even heights.
    private static func wholeVectors(
        _ product: Product, _ o: Operands, rows: Range<Int>, column: Int, vectors: Int,
        panel: UnsafePointer<Float>, plane: Int
    ) {
        let height = ConvPointwiseWideTile.rows(vectors: vectors)
        let tiles = (rows.count + height - 1) / height
        for tile in 0..<tiles {
            let first = rows.lowerBound + tile * rows.count / tiles
            let end = rows.lowerBound + (tile + 1) * rows.count / tiles
            ConvPointwiseWideTile.run(
                rows: end - first, vectors: vectors, depth: product.depth,
                weight: o.weight + first * product.weightStride, weightStride: product.weightStride,
                weightStep: product.weightStep, input: panel, inputStride: 16 * vectors,
                bias: o.bias.map { $0 + first }, output: o.target + first * plane + column, outputStride: plane)
        }
    }

    /// `count` positions' inputs from `depth` planes, transposed: position `q`'s at `q · depth`.
    private static func transposeTail(
        _ source: UnsafePointer<Float>, plane: Int, count: Int, depth: Int, into inputs: UnsafeMutablePointer<Float>
    ) {
        for k in 0..<depth {
            for q in 0..<count { inputs[q * depth + k] = source[k * plane + q] }
        }
    }

    /// The forward product's last `count` positions, input channels in the lanes.
    private static func forwardTail(
        _ product: Product, _ o: Operands, rows: Range<Int>, start: Int, count: Int,
        inputs: UnsafePointer<Float>, plane: Int
    ) {
        let height = ConvPointwiseTailWideTile.maximumRows
        let width = ConvPointwiseTailWideTile.maximumPositions
        var row = rows.lowerBound
        while row < rows.upperBound {
            let tileRows = min(height, rows.upperBound - row)
            var q = 0
            while q < count {
                let positions = min(width, count - q)
                ConvPointwiseTailWideTile.run(
                    rows: tileRows, positions: positions, depth: product.depth,
                    weight: o.weight + row * product.weightStride, weightStride: product.weightStride,
                    input: inputs + q * product.depth, inputStride: product.depth, bias: o.bias.map { $0 + row },
                    output: o.target + row * plane + start + q, outputStride: plane)
                q += positions
            }
            row += tileRows
        }
    }

    /// The input gradient's last `count` positions: whole 16-row vectors with the rows in the
    /// lanes (up to 64 rows × 6 positions per tile, the positions' output gradients broadcast,
    /// the weights' OIHW rows loaded), the sums transposed out through `scratch`; rows past the
    /// last whole vector through a 16-position tile ending at the plane's end.
    private static func transposedTail(
        _ product: Product, _ o: Operands, rows: Range<Int>, start: Int, count: Int,
        scratch: UnsafeMutablePointer<Float>, plane: Int
    ) {
        var row = rows.lowerBound
        while rows.upperBound - row >= 16 {
            let whole = (rows.upperBound - row) / 16
            let vectors = whole >= 4 ? 4 : whole >= 2 ? 2 : 1
            let lanes = 16 * vectors
            let height = ConvPointwiseWideTile.rows(vectors: 4)
            var q = 0
            while q < count {
                let positions = min(height, count - q)
                ConvPointwiseWideTile.run(
                    rows: positions, vectors: vectors, depth: product.depth, weight: o.source + start + q,
                    weightStride: 1, weightStep: plane, input: o.weight + row, inputStride: product.weightStep,
                    bias: nil, output: scratch, outputStride: lanes)
                for r in 0..<lanes {
                    for p in 0..<positions { o.target[(row + r) * plane + start + q + p] = scratch[p * lanes + r] }
                }
                q += positions
            }
            row += lanes
        }
        // Fewer than 16 rows left: the 16 positions that end the plane, positions in the lanes.
        let first = plane - 16
        while row < rows.upperBound {
            let left = min(ConvPointwiseWideTile.rows(vectors: 1), rows.upperBound - row)
            ConvPointwiseWideTile.run(
                rows: left, vectors: 1, depth: product.depth, weight: o.weight + row * product.weightStride,
                weightStride: product.weightStride, weightStep: product.weightStep, input: o.source + first,
                inputStride: plane, bias: nil, output: scratch, outputStride: 16)
            for r in 0..<left {
                for p in start..<plane { o.target[(row + r) * plane + p] = scratch[r * 16 + p - first] }
            }
            row += left
        }
    }
}
