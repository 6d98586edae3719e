import Tensors

/// One shape of the convolution suite, the same list as `shared/bench/peer_conv.py`.
struct BenchConvCase: Sendable {
    enum Kind: Sendable {
        /// `conv2d` of `(N, C_in, H, W)` with `(C_out, C_in, K_h, K_w)`.
        case conv(outChannels: Int, kernel: Int, kernelWidth: Int, stride: Int, padding: Int)
        /// `max_pool2d` with a square kernel.
        case maxPool(kernel: Int, stride: Int, padding: Int)
    }

    var name: String
    var batch: Int
    var channels: Int
    var height: Int
    var width: Int
    var kind: Kind

    static let suite: [BenchConvCase] = [
        conv("toy_multi_in_2x2", 1, 2, 3, 3, out: 1, k: 2, kw: 2),
        conv("toy_1x1", 1, 3, 3, 3, out: 2, k: 1, kw: 1),
        conv("toy_edge_1x2", 1, 1, 6, 8, out: 1, k: 1, kw: 2),
        conv("stem3x3_c3_224", 1, 3, 224, 224, out: 64, k: 3, kw: 3, padding: 1),
        conv("res3x3_c64_56", 1, 64, 56, 56, out: 64, k: 3, kw: 3, padding: 1),
        conv("pw1x1_c256_14", 1, 256, 14, 14, out: 256, k: 1, kw: 1),
        conv("res3x3_c64_56_n8", 8, 64, 56, 56, out: 64, k: 3, kw: 3, padding: 1),
        conv("res3x3_c128_28", 1, 128, 28, 28, out: 128, k: 3, kw: 3, padding: 1),
        conv("stem7x7s2_c3_224", 1, 3, 224, 224, out: 64, k: 7, kw: 7, stride: 2, padding: 3),
        // LeNet's two convolutions on a batch of 128 (issue 18; `bench grad` and
        // `Benchmarks/peer_grad.py` have them too, with PyTorch as the peer).
        conv("lenet_c1_n128", 128, 1, 28, 28, out: 6, k: 5, kw: 5, padding: 2),
        conv("lenet_c2_n128", 128, 6, 14, 14, out: 16, k: 5, kw: 5),
        BenchConvCase(
            name: "max3x3s2_c64_112", batch: 1, channels: 64, height: 112, width: 112,
            kind: .maxPool(kernel: 3, stride: 2, padding: 1)),
    ]

    private static func conv(
        _ name: String, _ n: Int, _ c: Int, _ h: Int, _ w: Int, out: Int, k: Int, kw: Int, stride: Int = 1,
        padding: Int = 0
    ) -> BenchConvCase {
        BenchConvCase(
            name: name, batch: n, channels: c, height: h, width: w,
            kind: .conv(outChannels: out, kernel: k, kernelWidth: kw, stride: stride, padding: padding))
    }

    /// Toy shapes report latency only; the large ones also report throughput.
    var isToy: Bool { batch * channels * height * width < 1000 }
}
