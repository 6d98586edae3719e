/// The 16-lane inner loop of `ConvPointwise` (AVX-512): a tile of a 1×1 convolution as the
/// matrix product `W · X` on the NCHW operands in place, `rows` output channels × up to 64
/// consecutive output positions (one to four 16-lane vectors), up to 24 sums in registers.
///
/// Output positions lie in the lanes, as in `ConvPlanarWideTile`: each step (one input channel)
/// loads the tile's input vectors straight from that channel's plane and broadcasts one weight
/// per output channel straight from its row of the OIHW weights, so nothing is packed or
/// transposed before or after. Four vectors × 6 channels is 10 loads per 24 multiply-adds, the
/// ratio of MLAS's AVX-512 kernels.
///
/// Compiled for x86-64-v4: called only after `CPUFeatures` found AVX-512.
public enum ConvPointwiseWideTile {
    /// The most output channels per tile with `vectors` vectors of positions (1, 2 or 4).
    public static func rows(vectors: Int) -> Int { vectors == 4 ? 6 : 12 }

    /// Writes `(bias?[r] ?? 0) + Σ_k weight[r · weightStride + k · weightStep] · input[k · inputStride + p]`
    /// into `output[r · outputStride + p]` for `r` in `0..<rows` (1...``rows(vectors:)``) and `p`
    /// in `0..<16 · vectors` (vectors 1, 2 or 4), `k` in `0..<depth`.
    ///
    /// `weightStep` 1 reads the weights as the OIHW rows of `W` (the forward product `W · X`); the
    /// input gradient `Wᵀ · dY` reads them down the columns (`weightStride` 1, `weightStep` c_i).
    /// With `accumulate` the sums start from `output` instead of the bias (the weight gradient's
    /// images after the first).
    @inline(never)
    public static func run(
        rows: Int, vectors: Int, depth: Int, weight: UnsafePointer<Float>, weightStride: Int, weightStep: Int = 1,
        input: UnsafePointer<Float>, inputStride: Int, bias: UnsafePointer<Float>?,
        output: UnsafeMutablePointer<Float>, outputStride: Int, accumulate: Bool = false
    ) {
        let operands = Operands(
            depth: depth, weight: weight, weightStride: weightStride, weightStep: weightStep, input: input,
            inputStride: inputStride, bias: accumulate ? nil : bias, output: output, outputStride: outputStride,
            accumulate: accumulate)
        switch vectors {
        case 4: rowCount(V4.self, rows, operands)
        case 2: rowCount(V2.self, rows, operands)
        default: rowCount(V1.self, rows, operands)
        }
    }

    private struct Operands {
        let depth: Int
        let weight: UnsafePointer<Float>
        let weightStride: Int
        let weightStep: Int
        let input: UnsafePointer<Float>
        let inputStride: Int
        let bias: UnsafePointer<Float>?
        let output: UnsafeMutablePointer<Float>
        let outputStride: Int
        let accumulate: Bool
    }

    @inline(__always)
    private static func rowCount<V: Count>(_: V.Type, _ rows: Int, _ o: Operands) {
        switch rows {
        case 12: sum(V.self, N12.self, o)
        case 11: sum(V.self, N11.self, o)
        case 10: sum(V.self, N10.self, o)
        case 9: sum(V.self, N9.self, o)
        case 8: sum(V.self, N8.self, o)
        case 7: sum(V.self, N7.self, o)
        case 6: sum(V.self, N6.self, o)
        case 5: sum(V.self, N5.self, o)
        case 4: sum(V.self, N4.self, o)
        case 3: sum(V.self, N3.self, o)
        case 2: sum(V.self, N2.self, o)
        default: sum(V.self, N1.self, o)
        }
    }

    /// The kernel body for `R` rows × `V` vectors.
    @inline(never)
    private static func sum<V: Count, R: Count>(_: V.Type, _: R.Type, _ o: Operands) {
        let vectors = V.value
        let count = V.value * R.value
        guard count <= 24 else { preconditionFailure("ConvPointwiseWideTile: tile too wide") }
        var sums = WideSums()
        if o.accumulate {
            let output = UnsafeRawPointer(o.output)
            let rowBytes = 4 * o.outputStride
            sums.fill(count: count) {
                output.loadUnaligned(
                    fromByteOffset: ($0 / vectors) &* rowBytes &+ 64 &* ($0 % vectors), as: SIMD16<Float>.self)
            }
        }
        var x = UnsafeRawPointer(o.input)
        var w = o.weight
        let inputBytes = 4 * o.inputStride
        let weightStride = o.weightStride
        let weightStep = o.weightStep
        for _ in 0..<o.depth {
            let xs = x
            let ws = w
            sums.add(
                count: count, vectors: vectors,
                { xs.loadUnaligned(fromByteOffset: 64 * $0, as: SIMD16<Float>.self) },
                { SIMD16<Float>(repeating: ws[$0 &* weightStride]) })
            x += inputBytes
            w += weightStep
        }
        for i in 0..<count {
            let (r, v) = i.quotientAndRemainder(dividingBy: vectors)
            let offset = SIMD16<Float>(repeating: o.bias?[r] ?? 0)
            UnsafeMutableRawPointer(o.output + r * o.outputStride + 16 * v).storeBytes(
                of: sums.sum(i) + offset, as: SIMD16<Float>.self)
        }
    }

    /// Writes `channels` (1...32) planes' first `positions` floats, `plane` apart, transposed into
    /// `panel`: position `p`'s channels at `panel[32 · p ..< 32 · p + 32]`, past `channels` zeros.
    /// Whole 16 × 16 squares are transposed in registers.
    public static func transposePanel(
        _ source: UnsafePointer<Float>, plane: Int, channels: Int, positions: Int,
        into panel: UnsafeMutablePointer<Float>
    ) {
        var channel = 0
        while channel < 32 {
            let count = min(16, channels - channel)
            var p = 0
            if count == 16 {
                while p + 16 <= positions {
                    var square = Square(source + channel * plane + p, stride: plane)
                    square.transpose()
                    square.store(panel + p * 32 + channel, stride: 32)
                    p += 16
                }
            }
            for q in p..<positions {
                for c in 0..<16 { panel[q * 32 + channel + c] = c < count ? source[(channel + c) * plane + q] : 0 }
            }
            channel += 16
        }
    }
}
