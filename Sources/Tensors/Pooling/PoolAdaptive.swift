/// Adaptive 2-D average pooling: `torch.nn.functional.adaptive_avg_pool2d`.
///
/// Produces exactly `outputSize` values per channel, whatever the input size: output row `i`
/// averages input rows `⌊i·h/h_o⌋ ..< ⌈(i+1)·h/h_o⌉` (PyTorch's rule), and likewise for columns.
///
/// - Parameters:
///   - input: `(N, C, h, w)` or `(C, h, w)` with `h, w > 0`.
///   - outputSize: `(h_o, w_o)`, non-negative.
/// - Throws: ``TensorError`` for a wrong rank, an empty input plane or a negative output size.
public func adaptiveAvgPool2d(input: Tensor, outputSize: ConvPair) throws(TensorError) -> Tensor {
    let g = try adaptivePoolGeometry("adaptive_avg_pool2d", input: input, outputSize: outputSize)
    let height = g.inHeight
    let width = g.inWidth
    return try pooled(g, input: input) { x, y in
        PoolEngine.forEachPlane(g) { plane in
            let source = x + plane * g.inPlane
            var target = y + plane * g.outPlane
            for oh in 0..<g.outHeight {
                let h0 = oh * height / g.outHeight
                let h1 = ((oh + 1) * height + g.outHeight - 1) / g.outHeight
                for ow in 0..<g.outWidth {
                    let w0 = ow * width / g.outWidth
                    let w1 = ((ow + 1) * width + g.outWidth - 1) / g.outWidth
                    var sum: Float = 0
                    for ih in h0..<h1 {
                        let row = source + ih * width
                        for iw in w0..<w1 { sum += row[iw] }
                    }
                    target.pointee = sum / Float((h1 - h0) * (w1 - w0))
                    target += 1
                }
            }
        }
    }
}
