extension PoolEngine {
    /// ``halvingAverageGradient(_:divisor:gradient:into:)`` followed by the sigmoid's gradient
    /// (``VectorSigmoid/backward(_:_:_:count:wide:)``) in one pass: each input position gets
    /// `share · y · (1 − y)`, with `share` the pooling gradient it would have got (`0 + dy / divisor`
    /// under a window, 0 elsewhere) and `y` the sigmoid's output there. The arithmetic is the two
    /// passes' own, so the results are the same bits (a NaN `y` outside every window still gives NaN).
    static func halvingAverageGradient(
        _ g: PoolGeometry, divisor: Int, gradient: UnsafePointer<Float>, sigmoidOutput y: UnsafePointer<Float>,
        into dx: UnsafeMutablePointer<Float>
    ) {
        let d = Float(divisor)
        forEachPlanes(g) { planes in
            for plane in planes {
                let source = gradient + plane * g.outPlane
                let output = y + plane * g.inPlane
                let target = dx + plane * g.inPlane
                for oh in 0..<g.outHeight {
                    let dy = source + oh * g.outWidth
                    let top = 2 * oh * g.inWidth
                    let bottom = top + g.inWidth
                    var ow = 0
                    // Eight gradients at a time, each spread over two columns of both rows.
                    while ow + 8 <= g.outWidth {
                        let share =
                            SIMD8<Float>(repeating: 0) + UnsafeRawPointer(dy + ow).loadUnaligned(as: SIMD8<Float>.self)
                            / d
                        var pairs = SIMD16<Float>()
                        pairs.evenHalf = share
                        pairs.oddHalf = share
                        sigmoidGradient(pairs, output + top + 2 * ow, target + top + 2 * ow)
                        sigmoidGradient(pairs, output + bottom + 2 * ow, target + bottom + 2 * ow)
                        ow += 8
                    }
                    // Four at a time (LeNet's second pooling has rows of five).
                    while ow + 4 <= g.outWidth {
                        let share =
                            SIMD4<Float>(repeating: 0) + UnsafeRawPointer(dy + ow).loadUnaligned(as: SIMD4<Float>.self)
                            / d
                        var pairs = SIMD8<Float>()
                        pairs.evenHalf = share
                        pairs.oddHalf = share
                        sigmoidGradient(pairs, output + top + 2 * ow, target + top + 2 * ow)
                        sigmoidGradient(pairs, output + bottom + 2 * ow, target + bottom + 2 * ow)
                        ow += 4
                    }
                    for ow in ow..<g.outWidth {
                        let share = SIMD2<Float>(repeating: 0 + dy[ow] / d)
                        sigmoidGradient(share, output + top + 2 * ow, target + top + 2 * ow)
                        sigmoidGradient(share, output + bottom + 2 * ow, target + bottom + 2 * ow)
                    }
                    // Columns no window covers: a pooling gradient of 0.
                    for iw in 2 * g.outWidth..<g.inWidth {
                        sigmoidGradient(Float(0), output + top + iw, target + top + iw)
                        sigmoidGradient(Float(0), output + bottom + iw, target + bottom + iw)
                    }
                }
                // Rows no window covers.
                for index in 2 * g.outHeight * g.inWidth..<g.inPlane {
                    sigmoidGradient(Float(0), output + index, target + index)
                }
            }
        }
    }

    /// `gradient · y · (1 − y)` for one register's worth of positions, in ``VectorSigmoid``'s order.
    @inline(__always)
    private static func sigmoidGradient<V: SIMD>(
        _ gradient: V, _ y: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>
    ) where V.Scalar == Float {
        let s = UnsafeRawPointer(y).loadUnaligned(as: V.self)
        UnsafeMutableRawPointer(dx).storeBytes(of: gradient * s * (1 - s), as: V.self)
    }

    /// `gradient · y · (1 − y)` for one position.
    @inline(__always)
    private static func sigmoidGradient(
        _ gradient: Float, _ y: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>
    ) {
        dx.pointee = gradient * y.pointee * (1 - y.pointee)
    }
}
