import Testing

@testable import Tensors

/// A 2-D convolution's backward pass on one random problem, against plain loops.
struct ConvGradientCase: Sendable, CustomTestStringConvertible {
    var seed: UInt64
    var batch: Int
    var groups: Int
    var inChannels: Int
    var outChannels: Int
    /// (height, width) of the input, the kernel, and so on.
    var size: (Int, Int)
    var kernel: (Int, Int)
    var stride: (Int, Int)
    var dilation: (Int, Int)
    var padding: (Int, Int)

    var testDescription: String {
        "#\(seed): n \(batch) c_i \(inChannels) c_o \(outChannels) g \(groups) size \(size) k \(kernel) "
            + "s \(stride) d \(dilation) p \(padding)"
    }

    var geometry: ConvGeometry {
        func out(_ size: Int, _ kernel: Int, _ stride: Int, _ dilation: Int, _ pad: Int) -> Int {
            (size + 2 * pad - dilation * (kernel - 1) - 1) / stride + 1
        }
        return ConvGeometry(
            batch: batch, inChannels: inChannels, outChannels: outChannels, groups: groups, inDepth: 1,
            inHeight: size.0, inWidth: size.1, kernelDepth: 1, kernelHeight: kernel.0, kernelWidth: kernel.1,
            strideDepth: 1, strideHeight: stride.0, strideWidth: stride.1, padDepth: 0, padHeight: padding.0,
            padWidth: padding.1, dilationDepth: 1, dilationHeight: dilation.0, dilationWidth: dilation.1, outDepth: 1,
            outHeight: out(size.0, kernel.0, stride.0, dilation.0, padding.0),
            outWidth: out(size.1, kernel.1, stride.1, dilation.1, padding.1))
    }

    /// Random problems with whole and partial 16- and 8-channel blocks, single channels, odd
    /// sizes, strides, dilations, paddings and groups.
    static func random(count: Int, seed: UInt64) -> [ConvGradientCase] {
        var rng = ConvTestRNG(seed: seed)
        return (0..<count).map { index in
            let groups = rng.int(1...2)
            let kernel = (rng.int(1...5), rng.int(1...5))
            let stride = (rng.int(1...3), rng.int(1...3))
            let dilation = (rng.int(0...3) == 0 ? 2 : 1, rng.int(0...3) == 0 ? 2 : 1)
            let padding = (rng.int(0...2), rng.int(0...2))
            func size(_ kernel: Int, _ dilation: Int, _ pad: Int) -> Int {
                max(1, dilation * (kernel - 1) + 1 - 2 * pad) + rng.int(0...12)
            }
            return ConvGradientCase(
                seed: UInt64(index), batch: rng.int(1...3), groups: groups,
                inChannels: groups * [1, 2, 3, 6, 8, 9][rng.int(0...5)],
                outChannels: groups * [1, 5, 6, 8, 9, 16, 17, 33][rng.int(0...7)],
                size: (size(kernel.0, dilation.0, padding.0), size(kernel.1, dilation.1, padding.1)),
                kernel: kernel, stride: stride, dilation: dilation, padding: padding)
        }
    }

    /// The operands and the plain-loop gradients `(dX, dW, db)`, summed in Double.
    /// The operands and gradients of ``reference()``.
    typealias Reference = (x: [Float], w: [Float], dy: [Float], dx: [Float], dw: [Float], db: [Float])

    func reference() -> Reference {
        let g = geometry
        var rng = ConvTestRNG(seed: 0x6EAD &+ seed)
        let x = rng.floats(batch * inChannels * size.0 * size.1)
        let w = rng.floats(outChannels * g.patchLength)
        let dy = rng.floats(batch * outChannels * g.outPlane)
        var dx = [Double](repeating: 0, count: x.count)
        var dw = [Double](repeating: 0, count: w.count)
        var db = [Double](repeating: 0, count: outChannels)
        let groupIn = inChannels / groups
        let groupOut = outChannels / groups
        for n in 0..<batch {
            for o in 0..<outChannels {
                let group = o / groupOut
                for oh in 0..<g.outHeight {
                    for ow in 0..<g.outWidth {
                        let gradient = Double(dy[((n * outChannels + o) * g.outHeight + oh) * g.outWidth + ow])
                        db[o] += gradient
                        for ci in 0..<groupIn {
                            let c = group * groupIn + ci
                            for kh in 0..<kernel.0 {
                                let h = oh * stride.0 - padding.0 + kh * dilation.0
                                guard h >= 0, h < size.0 else { continue }
                                for kw in 0..<kernel.1 {
                                    let v = ow * stride.1 - padding.1 + kw * dilation.1
                                    guard v >= 0, v < size.1 else { continue }
                                    let xi = ((n * inChannels + c) * size.0 + h) * size.1 + v
                                    let wi = ((o * groupIn + ci) * kernel.0 + kh) * kernel.1 + kw
                                    dx[xi] += gradient * Double(w[wi])
                                    dw[wi] += gradient * Double(x[xi])
                                }
                            }
                        }
                    }
                }
            }
        }
        return (x, w, dy, dx.map(Float.init), dw.map(Float.init), db.map(Float.init))
    }

    /// The input, the weight and the output gradient of `r` as tensors of this case's shapes
    /// (`(N, c_i, h, w)`, `(c_o, c_i / groups, k_h, k_w)`, `(N, c_o, h_out, w_out)`).
    func tensors(_ r: Reference) throws -> (x: Tensor, w: Tensor, dy: Tensor) {
        let g = geometry
        return (
            try Tensor(shape: [batch, inChannels, size.0, size.1], floats: r.x),
            try Tensor(shape: [outChannels, inChannels / groups, kernel.0, kernel.1], floats: r.w),
            try Tensor(shape: [batch, outChannels, g.outHeight, g.outWidth], floats: r.dy)
        )
    }

    /// Runs the engine's backward pass (the weight gradient with `algorithm`, nil: the engine's
    /// choice) and checks every gradient against ``reference()``.
    func check(weightAlgorithm algorithm: ConvBackward.WeightAlgorithm?) throws {
        let g = geometry
        let r = reference()
        let (x, w, dy) = try tensors(r)
        let dw = try ConvBackward.weightGradient(g, input: x, outputGradient: dy, algorithm: algorithm)
        expectClose(try Tensor(shape: w.shape, floats: dw.array), r.dw, shape: w.shape)
        let dx = try ConvBackward.inputGradient(g, spatialRank: 2, weight: w, outputGradient: dy)
        expectClose(try dx.reshape(x.shape), r.dx, shape: x.shape)
        let db = try ConvBackward.biasGradient(dy, spatialRank: 2)
        expectClose(db, r.db, shape: [outChannels])
        // Both at once, as the backward pass asks when the convolution has a bias (the direct
        // kernel sums the bias while it copies the output gradient).
        let both = try ConvBackward.weightAndBiasGradients(
            g, spatialRank: 2, input: x, outputGradient: dy, algorithm: algorithm)
        expectClose(try Tensor(shape: w.shape, floats: both.weight.array), r.dw, shape: w.shape)
        expectClose(both.bias, r.db, shape: [outChannels])
    }
}

@Suite("Convolution gradients against a naive reference")
struct ConvGradientTests {
    static let cases = ConvGradientCase.random(count: 120, seed: 21)

    @Test(
        "the direct weight gradient (16-lane tiles with AVX-512, and 8-lane ones) and im2col match the reference",
        arguments: cases)
    func matchesReference(_ testCase: ConvGradientCase) throws {
        #expect(ConvWeightGradientLayout(testCase.geometry) != nil)
        try testCase.check(weightAlgorithm: .direct)
        try testCase.check(weightAlgorithm: .direct8)
        try testCase.check(weightAlgorithm: .direct16)
        try testCase.check(weightAlgorithm: .directBiasPass)
        try testCase.check(weightAlgorithm: .directBeforeStem)
        try testCase.check(weightAlgorithm: .directExtracting)
        try testCase.check(weightAlgorithm: .im2colGEMM)
    }

    @Test("one and two threads, whole tiles and image chunks, give the reference's sums", arguments: [1, 2])
    func threads(_ threads: Int) throws {
        try onThreads(threads) {
            // Many tiles (32 channels × 16 · 9 weights): threads claim tiles over every image.
            let wide = ConvGradientCase(
                seed: 1, batch: 2, groups: 1, inChannels: 16, outChannels: 32, size: (21, 26), kernel: (3, 3),
                stride: (1, 1), dilation: (1, 1), padding: (1, 1))
            for algorithm in [ConvBackward.WeightAlgorithm.direct, .direct8, .direct16] {
                try wide.check(weightAlgorithm: algorithm)
            }
            // 40 channels of 3 × 3: a pair of 16-channel blocks, then a single block of 8.
            let odd = ConvGradientCase(
                seed: 5, batch: 2, groups: 1, inChannels: 5, outChannels: 40, size: (19, 23), kernel: (3, 3),
                stride: (1, 1), dilation: (1, 1), padding: (1, 1))
            for algorithm in [ConvBackward.WeightAlgorithm.direct, .direct16] {
                try odd.check(weightAlgorithm: algorithm)
            }
            // LeNet's first layer on 9 images: 3 tiles of 8 lanes, so the images are split in chunks.
            let lenet = ConvGradientCase(
                seed: 2, batch: 9, groups: 1, inChannels: 1, outChannels: 6, size: (28, 28), kernel: (5, 5),
                stride: (1, 1), dilation: (1, 1), padding: (2, 2))
            for algorithm in [ConvBackward.WeightAlgorithm.direct, .direct8] {
                try lenet.check(weightAlgorithm: algorithm)
            }
            // Its second layer, strided for good measure.
            let second = ConvGradientCase(
                seed: 3, batch: 5, groups: 1, inChannels: 6, outChannels: 16, size: (14, 15), kernel: (5, 5),
                stride: (2, 1), dilation: (1, 1), padding: (0, 0))
            for algorithm in [ConvBackward.WeightAlgorithm.direct, .direct8] {
                try second.check(weightAlgorithm: algorithm)
            }
            // 9,100 positions of 16 lanes: more than one slab (8,192 positions), so the tiles add up
            // slabs of rows.
            let tall = ConvGradientCase(
                seed: 4, batch: 1, groups: 1, inChannels: 2, outChannels: 16, size: (130, 70), kernel: (3, 3),
                stride: (1, 1), dilation: (1, 1), padding: (1, 1))
            for algorithm in [ConvBackward.WeightAlgorithm.direct, .direct8] {
                try tall.check(weightAlgorithm: algorithm)
            }
            // 7-wide kernels on 16-lane tiles of whole kernel rows (3, 3 and 1 of 7; 3 and 2 of 5),
            // strided like the RGB stem, 40 channels (a pair of blocks and a partial one), the
            // copies filled per image and block.
            for (seed, batch, kernel, stride, padding) in [
                (6, 1, (7, 7), (2, 2), (3, 3)), (7, 2, (5, 7), (1, 2), (2, 0)), (8, 3, (7, 7), (1, 1), (0, 3)),
            ] {
                let seven = ConvGradientCase(
                    seed: UInt64(seed), batch: batch, groups: 1, inChannels: 3, outChannels: 40, size: (23, 29),
                    kernel: kernel, stride: stride, dilation: (1, 1), padding: padding)
                for algorithm in [ConvBackward.WeightAlgorithm.direct, .directBeforeStem, .direct16, .directExtracting]
                {
                    try seven.check(weightAlgorithm: algorithm)
                }
            }
        }
    }

    @Test("the engine takes the direct kernel for 2-D problems and im2col for 3-D ones")
    func choice() {
        var g = ConvGradientCase(
            seed: 0, batch: 1, groups: 1, inChannels: 3, outChannels: 4, size: (5, 5), kernel: (3, 3), stride: (1, 1),
            dilation: (1, 1), padding: (1, 1)
        ).geometry
        #expect(ConvBackward.weightAlgorithm(for: g) == .direct)
        (g.inDepth, g.kernelDepth, g.outDepth) = (3, 2, 2)
        #expect(ConvBackward.weightAlgorithm(for: g) == .im2colGEMM)
    }

    @Test(
        "1×1 kernels: the input gradient (Wᵀ·dY) and the weight gradient (the default) are one sgemm per image on the operands in place, grouped or not, at 1 and 2 threads",
        arguments: [1, 2])
    func pointwise(_ threads: Int) throws {
        try onThreads(threads) {
            for (seed, groups, inChannels, outChannels) in [(11, 1, 24, 40), (12, 2, 8, 6), (13, 1, 3, 17)] {
                let pointwise = ConvGradientCase(
                    seed: UInt64(seed), batch: 3, groups: groups, inChannels: inChannels, outChannels: outChannels,
                    size: (9, 13), kernel: (1, 1), stride: (1, 1), dilation: (1, 1), padding: (0, 0))
                #expect(pointwise.geometry.isPointwise)
                try pointwise.check(weightAlgorithm: .im2colGEMM)
                try pointwise.check(weightAlgorithm: nil)
            }
            // Strided or padded 1×1 kernels are not pointwise: their columns are gathered.
            let strided = ConvGradientCase(
                seed: 14, batch: 2, groups: 1, inChannels: 5, outChannels: 7, size: (9, 12), kernel: (1, 1),
                stride: (2, 2), dilation: (1, 1), padding: (0, 0))
            #expect(!strided.geometry.isPointwise)
            try strided.check(weightAlgorithm: .im2colGEMM)
            let g = ConvGradientCase(
                seed: 0, batch: 1, groups: 1, inChannels: 256, outChannels: 256, size: (14, 14), kernel: (1, 1),
                stride: (1, 1), dilation: (1, 1), padding: (0, 0)
            ).geometry
            #expect(ConvBackward.weightAlgorithm(for: g) == .im2colGEMM)
        }
    }
}

extension ConvGradientCase {
    /// A stride-1 case (the only kind whose input gradient is a forward convolution), one group,
    /// no dilation and no padding unless stated.
    /// Input-gradient problems for the kernels with images in the lanes: LeNet's 6 → 16 layer on
    /// `lenetBatch` images, then two problems for each `(input, output-gradient, kernel)` width
    /// (the column padding follows) with random channels, kernel heights and row paddings, on
    /// batches drawn from `batches`, seeded from `firstSeed` on.
    static func imageLanes(
        rngSeed: UInt64, widths: [(Int, Int, Int)], lenetBatch: Int, batches: [Int], firstSeed: Int
    ) -> [ConvGradientCase] {
        var rng = ConvTestRNG(seed: rngSeed)
        var cases = [
            ConvGradientCase(
                seed: 0, batch: lenetBatch, groups: 1, inChannels: 6, outChannels: 16, size: (14, 14), kernel: (5, 5),
                stride: (1, 1), dilation: (1, 1), padding: (0, 0))
        ]
        for (index, (inWidth, outWidth, kernelWidth)) in (widths + widths).enumerated() {
            let kernelHeight = rng.int(1...5)
            let padHeight = rng.int(0...(kernelHeight - 1))
            cases.append(
                ConvGradientCase(
                    seed: UInt64(firstSeed + index), batch: batches[rng.int(0...(batches.count - 1))], groups: 1,
                    inChannels: rng.int(1...12), outChannels: rng.int(1...17),
                    size: (max(1, kernelHeight - 2 * padHeight) + rng.int(0...9), inWidth),
                    kernel: (kernelHeight, kernelWidth), stride: (1, 1), dilation: (1, 1),
                    padding: (padHeight, (outWidth + kernelWidth - 1 - inWidth) / 2)))
        }
        return cases
    }

    static func stride1(
        _ seed: UInt64, batch: Int, groups: Int = 1, inChannels: Int, outChannels: Int, size: (Int, Int),
        kernel: (Int, Int), dilation: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0)
    ) -> ConvGradientCase {
        ConvGradientCase(
            seed: seed, batch: batch, groups: groups, inChannels: inChannels, outChannels: outChannels, size: size,
            kernel: kernel, stride: (1, 1), dilation: dilation, padding: padding)
    }
}
