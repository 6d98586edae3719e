import ConvbookTestSupport
import Testing

@testable import Tensors

/// Random test cases from the tests' own seeded generator, so that they do not depend on the
/// engine's generator.
struct ConvTestRNG {
    private var bits: SeededGenerator

    init(seed: UInt64) { bits = SeededGenerator(seed: seed) }

    mutating func next() -> UInt64 { bits.next() }

    /// Uniform in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// Uniform in [-1, 1).
    mutating func float() -> Float {
        Float(next() >> 40) / Float(1 << 23) - 1
    }

    mutating func floats(_ count: Int) -> [Float] {
        (0..<count).map { _ in float() }
    }

    mutating func bool() -> Bool { next() & 1 == 1 }
}

/// Plain-loop references, written for clarity and independent of the engine: inputs are
/// copied into an explicitly zero-padded array and every window is summed in `Double`.
enum ConvReference {
    /// A convolution over three spatial dimensions (2-D callers use depth 1); `padBefore` and
    /// `padAfter` are per dimension (depth, height, width). Returns (output, output sizes).
    static func conv(
        input: [Float], batch: Int, inChannels: Int, size: [Int],
        weight: [Float], outChannels: Int, kernel: [Int], bias: [Float]?,
        stride: [Int], padBefore: [Int], padAfter: [Int], dilation: [Int], groups: Int
    ) -> (values: [Float], outSize: [Int]) {
        var padded = [0, 0, 0]
        var outSize = [0, 0, 0]
        for axis in 0..<3 {
            padded[axis] = size[axis] + padBefore[axis] + padAfter[axis]
            let span = dilation[axis] * (kernel[axis] - 1) + 1
            outSize[axis] = (padded[axis] - span) / stride[axis] + 1
        }
        // Zero-padded copy of the input.
        var x = [Double](repeating: 0, count: batch * inChannels * padded[0] * padded[1] * padded[2])
        for n in 0..<batch {
            for c in 0..<inChannels {
                for d in 0..<size[0] {
                    for h in 0..<size[1] {
                        for w in 0..<size[2] {
                            let source = (((n * inChannels + c) * size[0] + d) * size[1] + h) * size[2] + w
                            let pd = d + padBefore[0]
                            let ph = h + padBefore[1]
                            let pw = w + padBefore[2]
                            let target = (((n * inChannels + c) * padded[0] + pd) * padded[1] + ph) * padded[2] + pw
                            x[target] = Double(input[source])
                        }
                    }
                }
            }
        }
        let cinG = inChannels / groups
        let coutG = outChannels / groups
        var out: [Float] = []
        for n in 0..<batch {
            for o in 0..<outChannels {
                let group = o / coutG
                for od in 0..<outSize[0] {
                    for oh in 0..<outSize[1] {
                        for ow in 0..<outSize[2] {
                            var sum = Double(bias?[o] ?? 0)
                            for ci in 0..<cinG {
                                let c = group * cinG + ci
                                for kd in 0..<kernel[0] {
                                    for kh in 0..<kernel[1] {
                                        for kw in 0..<kernel[2] {
                                            let d = od * stride[0] + kd * dilation[0]
                                            let h = oh * stride[1] + kh * dilation[1]
                                            let w = ow * stride[2] + kw * dilation[2]
                                            let xi =
                                                (((n * inChannels + c) * padded[0] + d) * padded[1] + h) * padded[2] + w
                                            let wi =
                                                (((o * cinG + ci) * kernel[0] + kd) * kernel[1] + kh) * kernel[2] + kw
                                            sum += x[xi] * Double(weight[wi])
                                        }
                                    }
                                }
                            }
                            out.append(Float(sum))
                        }
                    }
                }
            }
        }
        return (out, outSize)
    }

    /// PyTorch's pooling output size, written out from its documentation.
    static func poolOutputSize(_ size: Int, kernel: Int, stride: Int, pad: Int, dilation: Int, ceilMode: Bool) -> Int {
        let span = dilation * (kernel - 1) + 1
        let exact = Double(size + 2 * pad - span) / Double(stride)
        var count = Int(ceilMode ? exact.rounded(.up) : exact.rounded(.down)) + 1
        // With ceil_mode the last window must start inside the input or the left padding.
        if ceilMode && (count - 1) * stride >= size + pad { count -= 1 }
        return count
    }

    /// Max or average pooling of `planes` planes of `height × width`.
    static func pool(
        max isMax: Bool, input: [Float], planes: Int, height: Int, width: Int,
        kernel: (Int, Int), stride: (Int, Int), pad: (Int, Int), dilation: (Int, Int), ceilMode: Bool,
        countIncludePad: Bool = true, divisorOverride: Int? = nil
    ) -> (values: [Float], outHeight: Int, outWidth: Int) {
        let oh = poolOutputSize(
            height, kernel: kernel.0, stride: stride.0, pad: pad.0, dilation: dilation.0, ceilMode: ceilMode)
        let ow = poolOutputSize(
            width, kernel: kernel.1, stride: stride.1, pad: pad.1, dilation: dilation.1, ceilMode: ceilMode)
        var out: [Float] = []
        for p in 0..<planes {
            for i in 0..<oh {
                for j in 0..<ow {
                    var best = -Double.infinity
                    var sum = 0.0
                    var inside = 0
                    var padded = 0
                    for a in 0..<kernel.0 {
                        for b in 0..<kernel.1 {
                            let h = i * stride.0 - pad.0 + a * dilation.0
                            let w = j * stride.1 - pad.1 + b * dilation.1
                            // Positions of the window inside the padded input count for count_include_pad.
                            if h < height + pad.0 && w < width + pad.1 { padded += 1 }
                            guard h >= 0, h < height, w >= 0, w < width else { continue }
                            let v = Double(input[(p * height + h) * width + w])
                            best = Swift.max(best, v)
                            sum += v
                            inside += 1
                        }
                    }
                    if isMax {
                        out.append(Float(best))
                    } else {
                        let divisor = divisorOverride ?? (countIncludePad ? padded : inside)
                        out.append(Float(sum / Double(divisor)))
                    }
                }
            }
        }
        return (out, oh, ow)
    }

    /// Adaptive average pooling with PyTorch's window rule.
    static func adaptiveAverage(
        input: [Float], planes: Int, height: Int, width: Int, outHeight: Int, outWidth: Int
    ) -> [Float] {
        var out: [Float] = []
        for p in 0..<planes {
            for i in 0..<outHeight {
                let h0 = Int((Double(i * height) / Double(outHeight)).rounded(.down))
                let h1 = Int((Double((i + 1) * height) / Double(outHeight)).rounded(.up))
                for j in 0..<outWidth {
                    let w0 = Int((Double(j * width) / Double(outWidth)).rounded(.down))
                    let w1 = Int((Double((j + 1) * width) / Double(outWidth)).rounded(.up))
                    var sum = 0.0
                    for h in h0..<h1 {
                        for w in w0..<w1 { sum += Double(input[(p * height + h) * width + w]) }
                    }
                    out.append(Float(sum / Double((h1 - h0) * (w1 - w0))))
                }
            }
        }
        return out
    }
}

/// Expects `actual` to match `expected` element by element, relative to the largest expected value.
func expectClose(
    _ actual: Tensor, _ expected: [Float], shape: [Int], tolerance: Float = 1e-4,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.shape == shape, sourceLocation: sourceLocation)
    guard let values = try? actual.floats else {
        Issue.record("the tensor could not be read as floats", sourceLocation: sourceLocation)
        return
    }
    guard values.count == expected.count else {
        Issue.record("expected \(expected.count) values, got \(values.count)", sourceLocation: sourceLocation)
        return
    }
    let scale = max(1, expected.map(abs).max() ?? 0)
    let worst = zip(values, expected).map { abs($0 - $1) }.max() ?? 0
    #expect(worst <= tolerance * scale, "max error \(worst) (scale \(scale))", sourceLocation: sourceLocation)
}
