/// The vector loops batch norm and layer norm share: sums and element-wise maps over one
/// contiguous run of floats, 8 lanes at a time (AVX2).
///
/// Sums are kept in float32 lanes for at most ``block`` elements and then added up in `Double`,
/// so a long run (a whole channel of a large batch) rounds no worse than a short one.
enum NormalizationLanes {
    typealias Lanes = SIMD8<Float>

    /// Elements summed in float32 lanes before the partial sum moves to `Double`.
    static let block = 1024

    /// `Σ x`.
    static func sum(_ x: UnsafePointer<Float>, _ count: Int) -> Double {
        var total = 0.0
        var start = 0
        while start < count {
            let end = min(start + block, count)
            var a0 = Lanes()
            var a1 = Lanes()
            var i = start
            while i + 16 <= end {
                a0 += Lanes(unalignedAt: x + i)
                a1 += Lanes(unalignedAt: x + i + 8)
                i += 16
            }
            if i + 8 <= end {
                a0 += Lanes(unalignedAt: x + i)
                i += 8
            }
            var partial = (a0 + a1).sum()
            while i < end {
                partial += x[i]
                i += 1
            }
            total += Double(partial)
            start = end
        }
        return total
    }

    /// `Σ (x − center)²`.
    static func squaredDeviations(_ x: UnsafePointer<Float>, _ count: Int, around center: Float) -> Double {
        let m = Lanes(repeating: center)
        var total = 0.0
        var start = 0
        while start < count {
            let end = min(start + block, count)
            var a0 = Lanes()
            var a1 = Lanes()
            var i = start
            while i + 16 <= end {
                let d0 = Lanes(unalignedAt: x + i) - m
                let d1 = Lanes(unalignedAt: x + i + 8) - m
                a0.addProduct(d0, d0)
                a1.addProduct(d1, d1)
                i += 16
            }
            if i + 8 <= end {
                let d0 = Lanes(unalignedAt: x + i) - m
                a0.addProduct(d0, d0)
                i += 8
            }
            var partial = (a0 + a1).sum()
            while i < end {
                let d = x[i] - center
                partial += d * d
                i += 1
            }
            total += Double(partial)
            start = end
        }
        return total
    }

    /// `(Σ dy, Σ dy·(x − center))`: what the backward passes of both normalizations reduce.
    static func gradientSums(
        _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ count: Int, around center: Float
    ) -> (gradient: Double, product: Double) {
        let m = Lanes(repeating: center)
        var totalGradient = 0.0
        var totalProduct = 0.0
        var start = 0
        while start < count {
            let end = min(start + block, count)
            var g0 = Lanes()
            var g1 = Lanes()
            var p0 = Lanes()
            var p1 = Lanes()
            var i = start
            while i + 16 <= end {
                let dy0 = Lanes(unalignedAt: dy + i)
                let dy1 = Lanes(unalignedAt: dy + i + 8)
                g0 += dy0
                g1 += dy1
                p0.addProduct(dy0, Lanes(unalignedAt: x + i) - m)
                p1.addProduct(dy1, Lanes(unalignedAt: x + i + 8) - m)
                i += 16
            }
            if i + 8 <= end {
                let dy0 = Lanes(unalignedAt: dy + i)
                g0 += dy0
                p0.addProduct(dy0, Lanes(unalignedAt: x + i) - m)
                i += 8
            }
            var gradient = (g0 + g1).sum()
            var product = (p0 + p1).sum()
            while i < end {
                gradient += dy[i]
                product += dy[i] * (x[i] - center)
                i += 1
            }
            totalGradient += Double(gradient)
            totalProduct += Double(product)
            start = end
        }
        return (totalGradient, totalProduct)
    }

    /// `y = (x − center)·scale + shift`.
    static func normalize(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int, center: Float, scale: Float,
        shift: Float
    ) {
        let m = Lanes(repeating: center)
        let s = Lanes(repeating: scale)
        let b = Lanes(repeating: shift)
        var i = 0
        while i + 8 <= count {
            b.addingProduct(Lanes(unalignedAt: x + i) - m, s).store(unalignedAt: y + i)
            i += 8
        }
        while i < count {
            y[i] = shift.addingProduct(x[i] - center, scale)
            i += 1
        }
    }

    /// `dx = a·dy + b·(x − center) + c`: the input gradient of both normalizations, with
    /// `x − center` formed first so a large mean cancels exactly.
    static func combine(
        _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, _ count: Int,
        center: Float, a: Float, b: Float, c: Float
    ) {
        let m = Lanes(repeating: center)
        let va = Lanes(repeating: a)
        let vb = Lanes(repeating: b)
        let vc = Lanes(repeating: c)
        var i = 0
        while i + 8 <= count {
            vc.addingProduct(Lanes(unalignedAt: dy + i), va).addingProduct(Lanes(unalignedAt: x + i) - m, vb)
                .store(unalignedAt: dx + i)
            i += 8
        }
        while i < count {
            dx[i] = c.addingProduct(dy[i], a).addingProduct(x[i] - center, b)
            i += 1
        }
    }

    /// `dx = a·dy`.
    static func scale(_ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, _ count: Int, by a: Float) {
        let va = Lanes(repeating: a)
        var i = 0
        while i + 8 <= count {
            (Lanes(unalignedAt: dy + i) * va).store(unalignedAt: dx + i)
            i += 8
        }
        while i < count {
            dx[i] = dy[i] * a
            i += 1
        }
    }
}
