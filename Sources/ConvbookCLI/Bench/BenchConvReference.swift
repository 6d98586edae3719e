/// Plain loops that `bench conv --check` compares each kernel against, so the benchmark never
/// reports the speed of a wrong result. Written independently of the engine, summing in Double.
enum BenchConvReference {
    static func conv2d(
        input: [Float], batch: Int, channels: Int, height: Int, width: Int,
        weight: [Float], outChannels: Int, kernelHeight: Int, kernelWidth: Int, bias: [Float],
        stride: Int, padding: Int
    ) -> [Float] {
        conv2dExact(
            input: input, batch: batch, channels: channels, height: height, width: width, weight: weight,
            outChannels: outChannels, kernelHeight: kernelHeight, kernelWidth: kernelWidth, bias: bias,
            stride: stride, padding: padding
        ).map { Float($0) }
    }

    /// The same sums, kept in Double (`bench conv --accuracy` measures errors against them).
    static func conv2dExact(
        input: [Float], batch: Int, channels: Int, height: Int, width: Int,
        weight: [Float], outChannels: Int, kernelHeight: Int, kernelWidth: Int, bias: [Float],
        stride: Int, padding: Int
    ) -> [Double] {
        let outHeight = (height + 2 * padding - kernelHeight) / stride + 1
        let outWidth = (width + 2 * padding - kernelWidth) / stride + 1
        var out = [Double](repeating: 0, count: batch * outChannels * outHeight * outWidth)
        var index = 0
        for n in 0..<batch {
            for o in 0..<outChannels {
                for i in 0..<outHeight {
                    for j in 0..<outWidth {
                        var sum = Double(bias[o])
                        for c in 0..<channels {
                            for a in 0..<kernelHeight {
                                let h = i * stride - padding + a
                                guard h >= 0, h < height else { continue }
                                for b in 0..<kernelWidth {
                                    let w = j * stride - padding + b
                                    guard w >= 0, w < width else { continue }
                                    let x = input[((n * channels + c) * height + h) * width + w]
                                    let k = weight[((o * channels + c) * kernelHeight + a) * kernelWidth + b]
                                    sum += Double(x) * Double(k)
                                }
                            }
                        }
                        out[index] = sum
                        index += 1
                    }
                }
            }
        }
        return out
    }

    static func maxPool2d(
        input: [Float], planes: Int, height: Int, width: Int, kernel: Int, stride: Int, padding: Int
    ) -> [Float] {
        let outHeight = (height + 2 * padding - kernel) / stride + 1
        let outWidth = (width + 2 * padding - kernel) / stride + 1
        var out: [Float] = []
        for p in 0..<planes {
            for i in 0..<outHeight {
                for j in 0..<outWidth {
                    var best = -Float.infinity
                    for a in 0..<kernel {
                        for b in 0..<kernel {
                            let h = i * stride - padding + a
                            let w = j * stride - padding + b
                            if h >= 0, h < height, w >= 0, w < width {
                                best = max(best, input[(p * height + h) * width + w])
                            }
                        }
                    }
                    out.append(best)
                }
            }
        }
        return out
    }

    /// The input and weight gradients of `conv2d` (square images and kernels, no bias) for the
    /// output gradient `outputGradient`: every product of the forward loop, sent back to both
    /// factors, summed in Double.
    static func gradients(
        input: [Float], batch: Int, channels: Int, size: Int, weight: [Float], outChannels: Int, kernel: Int,
        stride: Int, padding: Int, outputGradient: [Float]
    ) -> (input: [Float], weight: [Float]) {
        let outSize = (size + 2 * padding - kernel) / stride + 1
        var dx = [Double](repeating: 0, count: input.count)
        var dw = [Double](repeating: 0, count: weight.count)
        for n in 0..<batch {
            for o in 0..<outChannels {
                for i in 0..<outSize {
                    for j in 0..<outSize {
                        let g = Double(outputGradient[((n * outChannels + o) * outSize + i) * outSize + j])
                        for c in 0..<channels {
                            for a in 0..<kernel {
                                let h = i * stride - padding + a
                                guard h >= 0, h < size else { continue }
                                for b in 0..<kernel {
                                    let w = j * stride - padding + b
                                    guard w >= 0, w < size else { continue }
                                    let xi = ((n * channels + c) * size + h) * size + w
                                    let wi = ((o * channels + c) * kernel + a) * kernel + b
                                    dx[xi] += g * Double(weight[wi])
                                    dw[wi] += g * Double(input[xi])
                                }
                            }
                        }
                    }
                }
            }
        }
        return (dx.map(Float.init), dw.map(Float.init))
    }

    /// The largest absolute difference relative to the largest reference value, and the
    /// root-mean-square difference relative to the reference's root mean square.
    static func errors(_ actual: [Float], _ expected: [Double]) -> (max: Double, rms: Double) {
        guard actual.count == expected.count, !expected.isEmpty else { return (.infinity, .infinity) }
        var (worst, scale, squares, norm) = (0.0, 1e-300, 0.0, 1e-300)
        for (a, e) in zip(actual, expected) {
            let difference = Double(a) - e
            worst = max(worst, abs(difference))
            scale = max(scale, abs(e))
            squares += difference * difference
            norm += e * e
        }
        return (worst / scale, (squares / norm).squareRoot())
    }

    /// The largest absolute difference, relative to the largest reference value.
    static func relativeError(_ actual: [Float], _ expected: [Float]) -> Double {
        guard actual.count == expected.count else { return .infinity }
        let scale = max(1e-30, expected.map { Double(abs($0)) }.max() ?? 0)
        let worst = zip(actual, expected).map { Double(abs($0 - $1)) }.max() ?? 0
        return worst / scale
    }
}
