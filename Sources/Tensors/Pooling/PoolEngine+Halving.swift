extension PoolEngine {
    /// Whether `g` is the book's 2×2 pooling with stride 2 and no padding, whose windows tile the
    /// input without overlapping or reaching past it (so every divisor is 4, or the override).
    static func isHalving(_ g: PoolGeometry) -> Bool {
        g.kernelHeight == 2 && g.kernelWidth == 2 && g.strideHeight == 2 && g.strideWidth == 2
            && g.padHeight == 0 && g.padWidth == 0 && g.dilationHeight == 1 && g.dilationWidth == 1
            && 2 * g.outHeight <= g.inHeight && 2 * g.outWidth <= g.inWidth
    }

    /// ``average(_:countIncludePad:divisorOverride:input:output:)`` for a halving `g`: eight
    /// outputs at a time from sixteen columns of two rows. The sums run in the general path's
    /// order (the two rows first, then the two columns), so the results are the same bits.
    static func halvingAverage(
        _ g: PoolGeometry, divisor: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
    ) {
        let d = Float(divisor)
        forEachPlanes(g) { planes in
            for plane in planes {
                let source = input + plane * g.inPlane
                let target = output + plane * g.outPlane
                for oh in 0..<g.outHeight {
                    let top = source + 2 * oh * g.inWidth
                    let bottom = top + g.inWidth
                    let row = target + oh * g.outWidth
                    var ow = 0
                    while ow + 8 <= g.outWidth {
                        let columns =
                            UnsafeRawPointer(top + 2 * ow).loadUnaligned(as: SIMD16<Float>.self)
                            + UnsafeRawPointer(bottom + 2 * ow).loadUnaligned(as: SIMD16<Float>.self)
                        let sums = SIMD8<Float>(repeating: 0) + columns.evenHalf + columns.oddHalf
                        UnsafeMutableRawPointer(row + ow).storeBytes(of: sums / d, as: SIMD8<Float>.self)
                        ow += 8
                    }
                    while ow < g.outWidth {
                        let left = top[2 * ow] + bottom[2 * ow]
                        let right = top[2 * ow + 1] + bottom[2 * ow + 1]
                        row[ow] = (0 + left + right) / d
                        ow += 1
                    }
                }
            }
        }
    }

    /// The input gradient of a halving average pooling: each output's gradient divided by the
    /// divisor, written to its four inputs; rows and columns no window covers get zero.
    static func halvingAverageGradient(
        _ g: PoolGeometry, divisor: Int, gradient: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>
    ) {
        let d = Float(divisor)
        forEachPlanes(g) { planes in
            for plane in planes {
                let source = gradient + plane * g.outPlane
                let target = dx + plane * g.inPlane
                for oh in 0..<g.outHeight {
                    let top = target + 2 * oh * g.inWidth
                    let bottom = top + g.inWidth
                    let dy = source + oh * g.outWidth
                    var ow = 0
                    // Eight gradients at a time, each written twice side by side in both rows.
                    while ow + 8 <= g.outWidth {
                        let share =
                            SIMD8<Float>(repeating: 0) + UnsafeRawPointer(dy + ow).loadUnaligned(as: SIMD8<Float>.self)
                            / d
                        var pairs = SIMD16<Float>()
                        pairs.evenHalf = share
                        pairs.oddHalf = share
                        UnsafeMutableRawPointer(top + 2 * ow).storeBytes(of: pairs, as: SIMD16<Float>.self)
                        UnsafeMutableRawPointer(bottom + 2 * ow).storeBytes(of: pairs, as: SIMD16<Float>.self)
                        ow += 8
                    }
                    for ow in ow..<g.outWidth {
                        let share = 0 + dy[ow] / d  // as the general path's 0 + share (a −0 becomes +0)
                        top[2 * ow] = share
                        top[2 * ow + 1] = share
                        bottom[2 * ow] = share
                        bottom[2 * ow + 1] = share
                    }
                    for iw in 2 * g.outWidth..<g.inWidth {
                        top[iw] = 0
                        bottom[iw] = 0
                    }
                }
                let covered = 2 * g.outHeight * g.inWidth
                (target + covered).initialize(repeating: 0, count: g.inPlane - covered)
            }
        }
    }
}
