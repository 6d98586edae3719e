/// The plain convolution loop, for problems so small that any setup would cost more than the
/// arithmetic (the book's 3×3 examples take a few dozen multiply-adds).
///
/// No scratch memory, no threads: one pass over the output, summing each window in place.
enum ConvDirect {
    /// Below this many multiply-adds the direct loop beats packing data for a matrix product.
    static let maximumMultiplyAdds = 4096

    static func run(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) {
        let groupIn = g.inChannelsPerGroup
        let groupOut = g.outChannelsPerGroup
        let kernelVolume = g.kernelVolume
        var out = output
        for n in 0..<g.batch {
            for co in 0..<g.outChannels {
                let firstChannel = n * g.inChannels + (co / groupOut) * groupIn
                let filter = weight + co * groupIn * kernelVolume
                let start = bias?[co] ?? 0
                for od in 0..<g.outDepth {
                    for oh in 0..<g.outHeight {
                        for ow in 0..<g.outWidth {
                            out.pointee =
                                start
                                + window(
                                    g, channels: input + firstChannel * g.inPlane, filter: filter,
                                    od: od, oh: oh, ow: ow)
                            out += 1
                        }
                    }
                }
            }
        }
    }

    /// The dot product of one filter with the input window that produces output `(od, oh, ow)`.
    @inline(__always)
    private static func window(
        _ g: ConvGeometry, channels: UnsafePointer<Float>, filter: UnsafePointer<Float>,
        od: Int, oh: Int, ow: Int
    ) -> Float {
        var sum: Float = 0
        let d0 = od * g.strideDepth - g.padDepth
        let h0 = oh * g.strideHeight - g.padHeight
        let w0 = ow * g.strideWidth - g.padWidth
        for ci in 0..<g.inChannelsPerGroup {
            let plane = channels + ci * g.inPlane
            let taps = filter + ci * g.kernelVolume
            for kd in 0..<g.kernelDepth {
                let id = d0 + kd * g.dilationDepth
                if id < 0 || id >= g.inDepth { continue }
                for kh in 0..<g.kernelHeight {
                    let ih = h0 + kh * g.dilationHeight
                    if ih < 0 || ih >= g.inHeight { continue }
                    let row = plane + (id * g.inHeight + ih) * g.inWidth
                    let tapRow = taps + (kd * g.kernelHeight + kh) * g.kernelWidth
                    for kw in 0..<g.kernelWidth {
                        let iw = w0 + kw * g.dilationWidth
                        if iw < 0 || iw >= g.inWidth { continue }
                        sum += row[iw] * tapRow[kw]
                    }
                }
            }
        }
        return sum
    }
}
