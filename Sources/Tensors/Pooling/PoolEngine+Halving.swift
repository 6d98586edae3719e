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
        forEachPlanes(g) { planes in halvingAverage(g, divisor: divisor, planes: planes, input: input, output: output) }
    }

    /// ``halvingAverage(_:divisor:input:output:)`` of the planes in `planes` only, on the calling thread.
    static func halvingAverage(
        _ g: PoolGeometry, divisor: Int, planes: Range<Int>, input: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>
    ) {
        let d = Float(divisor)
        for plane in planes {
            let source = input + plane * g.inPlane
            let target = output + plane * g.outPlane
            for oh in 0..<g.outHeight {
                let top = source + 2 * oh * g.inWidth
                let bottom = top + g.inWidth
                let row = target + oh * g.outWidth
                // Rows of eight outputs or more in registers of eight, of four to seven in registers of
                // four; the last register of a row starts where it ends, computing a few outputs twice (the
                // same values). Scalar division had taken four fifths of the time, LeNet's rows being 14
                // and 5 wide.
                if g.outWidth >= 8 {
                    var ow = 0
                    while ow + 8 <= g.outWidth {
                        average(SIMD8<Float>.self, top, bottom, row, at: ow, divisor: d)
                        ow += 8
                    }
                    if ow < g.outWidth { average(SIMD8<Float>.self, top, bottom, row, at: g.outWidth - 8, divisor: d) }
                } else if g.outWidth >= 4 {
                    average(SIMD4<Float>.self, top, bottom, row, at: 0, divisor: d)
                    if g.outWidth > 4 { average(SIMD4<Float>.self, top, bottom, row, at: g.outWidth - 4, divisor: d) }
                } else {
                    for ow in 0..<g.outWidth {
                        let left = top[2 * ow] + bottom[2 * ow]
                        let right = top[2 * ow + 1] + bottom[2 * ow + 1]
                        row[ow] = (0 + left + right) / d
                    }
                }
            }
        }
    }

    /// `Shares.scalarCount` outputs of a halving average from twice as many columns of two rows,
    /// summed as the general path sums them (the two rows first, then the two columns of a window,
    /// from 0).
    @inline(__always)
    private static func average<Shares: HalvingShares>(
        _: Shares.Type, _ top: UnsafePointer<Float>, _ bottom: UnsafePointer<Float>,
        _ row: UnsafeMutablePointer<Float>, at ow: Int, divisor d: Float
    ) {
        let columns =
            UnsafeRawPointer(top + 2 * ow).loadUnaligned(as: Shares.Pairs.self)
            + UnsafeRawPointer(bottom + 2 * ow).loadUnaligned(as: Shares.Pairs.self)
        let sums = Shares(repeating: 0) + Shares.evenLanes(of: columns) + Shares.oddLanes(of: columns)
        UnsafeMutableRawPointer(row + ow).storeBytes(of: sums / d, as: Shares.self)
    }

    /// The input gradient of a halving average pooling: each output's gradient divided by the
    /// divisor, written to its four inputs; rows and columns no window covers get zero.
    static func halvingAverageGradient(
        _ g: PoolGeometry, divisor: Int, gradient: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>
    ) {
        halvingSpread(g, divisor: divisor, gradient: gradient, HalvingShare(target: dx))
    }

    /// Hands each input position of every plane its share of a halving average pooling's gradient
    /// (`0 + dy / divisor` under a window, `0` where no window covers it) to `spread`, a register
    /// of positions at a time (offsets count from the first plane's first input).
    static func halvingSpread<Spread: HalvingGradientSpread>(
        _ g: PoolGeometry, divisor: Int, gradient: UnsafePointer<Float>, _ spread: Spread
    ) {
        forEachPlanes(g) { planes in
            for plane in planes {
                halvingSpread(
                    g, divisor: divisor, plane: gradient + plane * g.outPlane, first: plane * g.inPlane, spread)
            }
        }
    }

    /// ``halvingSpread(_:divisor:gradient:_:)`` of one plane, whose output gradient is at `source`
    /// and whose first input position is at offset `first` of `spread`.
    static func halvingSpread<Spread: HalvingGradientSpread>(
        _ g: PoolGeometry, divisor: Int, plane source: UnsafePointer<Float>, first: Int, _ spread: Spread
    ) {
        let d = Float(divisor)
        for oh in 0..<g.outHeight {
            let dy = source + oh * g.outWidth
            let top = first + 2 * oh * g.inWidth
            let bottom = top + g.inWidth
            // Eight gradients at a time, each spread over two columns of both rows, or four for
            // rows of four to seven (LeNet's second pooling has rows of five); the last register
            // of a row starts where the row ends, writing a few positions twice (the same values).
            if g.outWidth >= 8 {
                var ow = 0
                while ow + 8 <= g.outWidth {
                    spreadPairs(SIMD8<Float>.self, dy + ow, divisor: d, top + 2 * ow, bottom + 2 * ow, spread)
                    ow += 8
                }
                if ow < g.outWidth {
                    let last = g.outWidth - 8
                    spreadPairs(SIMD8<Float>.self, dy + last, divisor: d, top + 2 * last, bottom + 2 * last, spread)
                }
            } else if g.outWidth >= 4 {
                spreadPairs(SIMD4<Float>.self, dy, divisor: d, top, bottom, spread)
                if g.outWidth > 4 {
                    let last = g.outWidth - 4
                    spreadPairs(SIMD4<Float>.self, dy + last, divisor: d, top + 2 * last, bottom + 2 * last, spread)
                }
            } else {
                for ow in 0..<g.outWidth {
                    // As the general path's 0 + share (a −0 becomes +0).
                    let share = SIMD2<Float>(repeating: 0 + dy[ow] / d)
                    spread.write(share, at: top + 2 * ow)
                    spread.write(share, at: bottom + 2 * ow)
                }
            }
            // Columns no window covers.
            for iw in 2 * g.outWidth..<g.inWidth {
                spread.write(Float(0), at: top + iw)
                spread.write(Float(0), at: bottom + iw)
            }
        }
        // Rows no window covers.
        for index in 2 * g.outHeight * g.inWidth..<g.inPlane {
            spread.write(Float(0), at: first + index)
        }
    }
}

extension PoolEngine {
    /// The shares of `Shares.scalarCount` outputs' gradients from `dy` on (`0 + dy / divisor`,
    /// as the general path's sum from 0: a −0 becomes +0), each given to two columns of the rows
    /// at `top` and `bottom`.
    @inline(__always)
    fileprivate static func spreadPairs<Shares: HalvingShares, Spread: HalvingGradientSpread>(
        _: Shares.Type, _ dy: UnsafePointer<Float>, divisor: Float, _ top: Int, _ bottom: Int, _ spread: Spread
    ) {
        let share = Shares(repeating: 0) + UnsafeRawPointer(dy).loadUnaligned(as: Shares.self) / divisor
        let pairs = share.pairs
        spread.write(pairs, at: top)
        spread.write(pairs, at: bottom)
    }
}

/// A register of gradient shares that ``PoolEngine/halvingSpread(_:divisor:gradient:_:)`` widens to
/// two columns each.
protocol HalvingShares: SIMD where Scalar == Float {
    associatedtype Pairs: SIMD where Pairs.Scalar == Float
    /// Each lane twice, side by side.
    var pairs: Pairs { get }
    /// Lanes 0, 2, 4, … of `pairs`.
    static func evenLanes(of pairs: Pairs) -> Self
    /// Lanes 1, 3, 5, … of `pairs`.
    static func oddLanes(of pairs: Pairs) -> Self
}

extension SIMD8: HalvingShares where Scalar == Float {
    @inline(__always) static func evenLanes(of pairs: SIMD16<Float>) -> Self { pairs.evenHalf }
    @inline(__always) static func oddLanes(of pairs: SIMD16<Float>) -> Self { pairs.oddHalf }
    @inline(__always) var pairs: SIMD16<Float> {
        var pairs = SIMD16<Float>()
        pairs.evenHalf = self
        pairs.oddHalf = self
        return pairs
    }
}

extension SIMD4: HalvingShares where Scalar == Float {
    @inline(__always) static func evenLanes(of pairs: SIMD8<Float>) -> Self { pairs.evenHalf }
    @inline(__always) static func oddLanes(of pairs: SIMD8<Float>) -> Self { pairs.oddHalf }
    @inline(__always) var pairs: SIMD8<Float> {
        var pairs = SIMD8<Float>()
        pairs.evenHalf = self
        pairs.oddHalf = self
        return pairs
    }
}

/// What ``PoolEngine/halvingSpread(_:divisor:gradient:_:)`` does with each input position's share
/// of the pooling gradient: it must store a value that depends only on the share and the position, since
/// a position may be given its share twice.
protocol HalvingGradientSpread {
    /// Takes the shares of the positions from `offset` on, one per lane.
    func write<V: SIMD>(_ share: V, at offset: Int) where V.Scalar == Float
    /// Takes the share of the position at `offset`.
    func write(_ share: Float, at offset: Int)
}

/// The pooling gradient itself: each share stored as the input's gradient.
struct HalvingShare: HalvingGradientSpread {
    let target: UnsafeMutablePointer<Float>

    @inline(__always) func write<V: SIMD>(_ share: V, at offset: Int) where V.Scalar == Float {
        UnsafeMutableRawPointer(target + offset).storeBytes(of: share, as: V.self)
    }

    @inline(__always) func write(_ share: Float, at offset: Int) { target[offset] = share }
}
