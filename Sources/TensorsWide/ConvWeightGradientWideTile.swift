/// The 16-lane inner loop of `ConvWeightGradient` (AVX-512): 16 output channels × a few whole
/// kernel rows of one input channel (LeNet's 5 × 5: rows 0–2 and 3–4; 7 × 7: 3, 3 and 1), summed over every output
/// position of every image in up to 24 of the 32 vector registers.
///
/// Each step loads one position's output gradient for the 16 channels (one vector) and
/// multiply-adds it with, per weight, the input value that weight met at that position (a
/// broadcast embedded in the multiply-add). The weights of a tile are whole kernel rows, so their
/// inputs are `rows` pointers plus constant column offsets, with no table of offsets to load:
/// the 8-lane tile holds six weights of two vectors each; this one up to 24 of one.
///
/// Compiled for x86-64-v4: called only after `CPUFeatures` found AVX-512.
public enum ConvWeightGradientWideTile {
    /// How a tile walks the positions: `images` padded inputs `imageStride` apart, `rows` output
    /// rows `rowStride` apart in them, `positions` per row `positionStride` apart.
    public struct Walk: Sendable {
        public var images: Int
        public var imageStride: Int
        public var rows: Int
        public var rowStride: Int
        public var positions: Int
        public var positionStride: Int

        public init(images: Int, imageStride: Int, rows: Int, rowStride: Int, positions: Int, positionStride: Int) {
            (self.images, self.imageStride, self.rows) = (images, imageStride, rows)
            (self.rowStride, self.positions, self.positionStride) = (rowStride, positions, positionStride)
        }
    }

    /// Whether kernels `kernelWidth` wide (at dilation 1) have a loop here; `seven`: 7-wide ones
    /// too (the 7 × 7 stride-2 RGB stem), else those take the 8-lane tile of input offsets
    /// (`stem7x7s2_c3_224`'s weight gradient, A/B in one process, one thread, CPU time, with the
    /// copies filled per block: 3,383 → 1,966 µs).
    public static func fits(kernelWidth: Int, seven: Bool = true) -> Bool {
        kernelWidth == 3 || kernelWidth == 5 || (seven && kernelWidth == 7)
    }

    /// Kernel rows per tile for a kernel `kernelHeight × kernelWidth`: as even a split as 24
    /// sums allow (5 × 5: three rows, then two).
    public static func rowsPerTile(kernelHeight: Int, kernelWidth: Int) -> Int {
        let most = max(1, 24 / kernelWidth)
        let tiles = (kernelHeight + most - 1) / most
        return (kernelHeight + tiles - 1) / tiles
    }

    /// Writes (or, with `accumulate`, adds) the tile's sums: kernel row `r` (input `input + r ·
    /// kernelRowStride` at a position), column `k` for lane `l` goes to `tile[l · tileStride + r ·
    /// kernelWidth + k]`, for the first `valid` lanes. `gradient` is the block's position-major
    /// output gradient (16 floats per position, 64-byte aligned). `extracting`: the sums are
    /// written lane by lane from their registers (``WideSums/scatter``), as before.
    @inline(never)
    public static func run(
        _ walk: Walk, kernelWidth: Int, rows: Int, kernelRowStride: Int, input: UnsafePointer<Float>,
        gradient: UnsafePointer<Float>, tile: UnsafeMutablePointer<Float>, tileStride: Int, valid: Int,
        accumulate: Bool, extracting: Bool = false
    ) {
        let shape = Tile(walk: walk, kernelRowStride: kernelRowStride, input: input, gradient: gradient)
        var sums = WideSums()
        let columns = rows * kernelWidth
        switch (kernelWidth, rows) {
        case (7, 1): shape.sum(N7.self, N1.self, &sums)
        case (7, 2): shape.sum(N7.self, N2.self, &sums)
        case (7, 3): shape.sum(N7.self, N3.self, &sums)
        case (5, 1): shape.sum(N5.self, N1.self, &sums)
        case (5, 2): shape.sum(N5.self, N2.self, &sums)
        case (5, 3): shape.sum(N5.self, N3.self, &sums)
        case (5, 4): shape.sum(N5.self, N4.self, &sums)
        case (3, 1): shape.sum(N3.self, N1.self, &sums)
        case (3, 2): shape.sum(N3.self, N2.self, &sums)
        case (3, 3): shape.sum(N3.self, N3.self, &sums)
        case (3, 4): shape.sum(N3.self, N4.self, &sums)
        case (3, 5): shape.sum(N3.self, N5.self, &sums)
        case (3, 6): shape.sum(N3.self, N6.self, &sums)
        case (3, 7): shape.sum(N3.self, N7.self, &sums)
        case (3, 8): shape.sum(N3.self, N8.self, &sums)
        default: preconditionFailure("ConvWeightGradientWideTile: no loop for \(rows) rows of \(kernelWidth)")
        }
        sums.scatter(
            count: columns, vectors: 1, into: tile, tileStride: tileStride, valid: valid, accumulate: accumulate,
            extracting: extracting)
    }

    /// The operands of one tile.
    private struct Tile {
        let walk: Walk
        let kernelRowStride: Int
        let input: UnsafePointer<Float>
        let gradient: UnsafePointer<Float>

        /// Sums `R` kernel rows of `K` columns; sum `r · K + k` is kernel row `r`, column `k`.
        @inline(__always)
        func sum<K: Count, R: Count>(_: K.Type, _: R.Type, _ sums: inout WideSums) {
            let columns = K.value
            let count = R.value * K.value
            let rs = kernelRowStride
            let ps = walk.positionStride
            @inline(__always)
            func step(_ d: UnsafeRawPointer, _ x: UnsafePointer<Float>) {
                let v = d.load(as: SIMD16<Float>.self)
                sums.add(
                    count: count, vectors: 1, { _ in v },
                    { i in SIMD16<Float>(repeating: x[(i / columns) &* rs &+ i % columns]) })
            }
            // One step per position: the loop's own instructions are few next to 24 multiply-adds.
            var d = UnsafeRawPointer(gradient)
            for n in 0..<walk.images {
                for r in 0..<walk.rows {
                    let x = input + (n &* walk.imageStride &+ r &* walk.rowStride)
                    for p in 0..<walk.positions { step(d + 64 &* p, x + p &* ps) }
                    d += 64 &* walk.positions
                }
            }
        }
    }
}
