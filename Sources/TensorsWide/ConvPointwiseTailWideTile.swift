/// The last few positions of a plane in `ConvPointwise` (AVX-512): the product `W · X` for up to
/// 4 output positions × 6 output channels, with the input channels (the sum's index) in the 16
/// lanes.
///
/// A plane of 196 positions is 12 vectors and 4 positions. With positions in the lanes those 4
/// took a tile of 12 channels × one vector of which 4 lanes counted, one more pass over all the
/// weights at 13 loads per 12 multiply-adds: 11 % of `pw1x1_c256_14`'s time for 2 % of its
/// positions. Here each step loads 16 weights of each channel's OIHW row and 16 channels of each
/// position (the positions' inputs transposed once, 4 × c_i floats), and each sum is folded out
/// of its lanes at the end (a tree of three vector adds).
///
/// Compiled for x86-64-v4: called only after `CPUFeatures` found AVX-512.
public enum ConvPointwiseTailWideTile {
    /// The most output channels per call.
    public static let maximumRows = 6
    /// The most positions per call.
    public static let maximumPositions = 4

    /// Writes `(bias?[r] ?? 0) + Σ_k weight[r · weightStride + k] · input[p · inputStride + k]`
    /// into `output[r · outputStride + p]` for `r` in `0..<rows` (1...6), `p` in `0..<positions`
    /// (1...4), `k` in `0..<depth`; the last `depth % 16` steps are summed one by one.
    @inline(never)
    public static func run(
        rows: Int, positions: Int, depth: Int, weight: UnsafePointer<Float>, weightStride: Int,
        input: UnsafePointer<Float>, inputStride: Int, bias: UnsafePointer<Float>?,
        output: UnsafeMutablePointer<Float>, outputStride: Int
    ) {
        let operands = Operands(
            depth: depth, weight: weight, weightStride: weightStride, input: input, inputStride: inputStride,
            bias: bias, output: output, outputStride: outputStride)
        switch positions {
        case 4: rowCount(N4.self, rows, operands)
        case 3: rowCount(N3.self, rows, operands)
        case 2: rowCount(N2.self, rows, operands)
        default: rowCount(N1.self, rows, operands)
        }
    }

    private struct Operands {
        let depth: Int
        let weight: UnsafePointer<Float>
        let weightStride: Int
        let input: UnsafePointer<Float>
        let inputStride: Int
        let bias: UnsafePointer<Float>?
        let output: UnsafeMutablePointer<Float>
        let outputStride: Int
    }

    @inline(__always)
    private static func rowCount<P: Count>(_: P.Type, _ rows: Int, _ o: Operands) {
        switch rows {
        case 6: sum(P.self, N6.self, o)
        case 5: sum(P.self, N5.self, o)
        case 4: sum(P.self, N4.self, o)
        case 3: sum(P.self, N3.self, o)
        case 2: sum(P.self, N2.self, o)
        default: sum(P.self, N1.self, o)
        }
    }

    /// The kernel body for `R` channels × `P` positions (sum `i` is channel `i / P`, position `i % P`).
    @inline(never)
    private static func sum<P: Count, R: Count>(_: P.Type, _: R.Type, _ o: Operands) {
        let positions = P.value
        let count = P.value * R.value
        var sums = WideSums()
        let weightBytes = 4 * o.weightStride
        let inputBytes = 4 * o.inputStride
        var w = UnsafeRawPointer(o.weight)
        var x = UnsafeRawPointer(o.input)
        let whole = o.depth / 16
        for _ in 0..<whole {
            let ws = w
            let xs = x
            sums.add(
                count: count, vectors: positions,
                { xs.loadUnaligned(fromByteOffset: inputBytes &* $0, as: SIMD16<Float>.self) },
                { ws.loadUnaligned(fromByteOffset: weightBytes &* $0, as: SIMD16<Float>.self) })
            w += 64
            x += 64
        }
        for i in 0..<count {
            let (r, p) = i.quotientAndRemainder(dividingBy: positions)
            let lanes = sums.sum(i)
            let half = lanes.lowHalf + lanes.highHalf
            let quarter = half.lowHalf + half.highHalf
            let eighth = quarter.lowHalf + quarter.highHalf
            var total = (eighth[0] + eighth[1]) + (o.bias?[r] ?? 0)
            for k in (16 * whole)..<o.depth {
                total += o.weight[r * o.weightStride + k] * o.input[p * o.inputStride + k]
            }
            o.output[r * o.outputStride + p] = total
        }
    }
}
