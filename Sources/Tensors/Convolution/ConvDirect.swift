/// The plain convolution loop, for problems so small that any setup would cost more than the
/// arithmetic (the book's 3×3 examples take a few dozen multiply-adds).
///
/// No scratch memory, no threads: one pass over the output, summing each window in place.
/// Every geometry value is read into a local first, so the loops do no divisions.
enum ConvDirect {
    /// Below this many multiply-adds the direct loop beats packing data for a matrix product.
    static let maximumMultiplyAdds = 4096

    static func run(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) {
        // 'same' padding can add zeros only at the end, so the output size must be checked too.
        if g.kernelDepth == 1 && g.inDepth == 1 && g.strideHeight == 1 && g.strideWidth == 1 && g.padHeight == 0
            && g.padWidth == 0 && g.dilationHeight == 1 && g.dilationWidth == 1
            && g.outHeight == g.inHeight - g.kernelHeight + 1 && g.outWidth == g.inWidth - g.kernelWidth + 1
        {
            unpadded2D(g, input: input, weight: weight, bias: bias, output: output)
        } else {
            general(g, input: input, weight: weight, bias: bias, output: output)
        }
    }

    /// The book's case: stride 1, no padding, no dilation, depth 1; every tap is inside.
    private static func unpadded2D(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) {
        let (groupIn, groupOut) = (g.inChannelsPerGroup, g.outChannelsPerGroup)
        let (width, plane) = (g.inWidth, g.inPlane)
        let (kernelHeight, kernelWidth) = (g.kernelHeight, g.kernelWidth)
        let (outHeight, outWidth) = (g.outHeight, g.outWidth)
        let filterSize = groupIn * kernelHeight * kernelWidth
        var out = output
        for n in 0..<g.batch {
            for co in 0..<g.outChannels {
                let channels = input + (n * g.inChannels + (co / groupOut) * groupIn) * plane
                let filter = weight + co * filterSize
                let start = bias?[co] ?? 0
                for oh in 0..<outHeight {
                    for ow in 0..<outWidth {
                        var sum = start
                        var taps = filter
                        var channel = channels + oh * width + ow
                        for _ in 0..<groupIn {
                            var row = channel
                            for _ in 0..<kernelHeight {
                                for kw in 0..<kernelWidth { sum += row[kw] * taps[kw] }
                                row += width
                                taps += kernelWidth
                            }
                            channel += plane
                        }
                        out.pointee = sum
                        out += 1
                    }
                }
            }
        }
    }

    /// Any stride, padding, dilation and depth; taps outside the input are skipped.
    private static func general(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) {
        let groupIn = g.inChannelsPerGroup
        let groupOut = g.outChannelsPerGroup
        let kernelVolume = g.kernelVolume
        let plane = g.inPlane
        var out = output
        for n in 0..<g.batch {
            for co in 0..<g.outChannels {
                let channels = input + (n * g.inChannels + (co / groupOut) * groupIn) * plane
                let filter = weight + co * groupIn * kernelVolume
                let start = bias?[co] ?? 0
                for od in 0..<g.outDepth {
                    let d0 = od * g.strideDepth - g.padDepth
                    let depthTaps = taps(start: d0, size: g.inDepth, kernel: g.kernelDepth, dilation: g.dilationDepth)
                    for oh in 0..<g.outHeight {
                        let h0 = oh * g.strideHeight - g.padHeight
                        let heightTaps = taps(
                            start: h0, size: g.inHeight, kernel: g.kernelHeight, dilation: g.dilationHeight)
                        for ow in 0..<g.outWidth {
                            let w0 = ow * g.strideWidth - g.padWidth
                            let widthTaps = taps(
                                start: w0, size: g.inWidth, kernel: g.kernelWidth, dilation: g.dilationWidth)
                            var sum = start
                            for ci in 0..<groupIn {
                                let channel = channels + ci * plane
                                let weights = filter + ci * kernelVolume
                                for kd in depthTaps {
                                    let id = d0 + kd * g.dilationDepth
                                    for kh in heightTaps {
                                        let row =
                                            channel + (id * g.inHeight + h0 + kh * g.dilationHeight) * g.inWidth + w0
                                        let tapRow = weights + (kd * g.kernelHeight + kh) * g.kernelWidth
                                        for kw in widthTaps { sum += row[kw * g.dilationWidth] * tapRow[kw] }
                                    }
                                }
                            }
                            out.pointee = sum
                            out += 1
                        }
                    }
                }
            }
        }
    }

    /// The kernel taps `k` with `0 ≤ start + k·dilation < size`.
    @inline(__always)
    private static func taps(start: Int, size: Int, kernel: Int, dilation: Int) -> Range<Int> {
        if start >= 0 && start + (kernel - 1) * dilation < size { return 0..<kernel }
        let lower = start >= 0 ? 0 : ceilDivide(-start, dilation)
        let upper = min(kernel, floorDivide(size - 1 - start, dilation) + 1)
        return lower..<max(lower, upper)
    }
}
