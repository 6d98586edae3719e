extension PoolEngine {
    /// The maximum of each window; padding never wins, and NaN propagates as in PyTorch.
    ///
    /// Separable: for each output row, first the maximum down the window's input rows (8 lanes
    /// at a time along the row), then across each window's columns, 8 outputs at a time in the
    /// interior where no column falls into the padding.
    static func maximum(_ g: PoolGeometry, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        forEachPlanes(g) { planes in
            // The column maxima of one output row, with slack so 16-lane reads stay inside.
            let columnMax = UnsafeMutablePointer<Float>.allocate(capacity: g.inWidth + 32)
            defer { columnMax.deallocate() }
            (columnMax + g.inWidth).initialize(repeating: -.infinity, count: 32)
            let interior = interiorColumns(g)
            for plane in planes {
                let source = input + plane * g.inPlane
                for oh in 0..<g.outHeight {
                    verticalMax(g, source: source, oh: oh, into: columnMax)
                    horizontalMax(
                        g, columnMax: columnMax, interior: interior,
                        into: output + (plane * g.outHeight + oh) * g.outWidth)
                }
            }
        }
    }

    /// Output columns whose whole window lies inside the input.
    private static func interiorColumns(_ g: PoolGeometry) -> Range<Int> {
        let lower = min(g.outWidth, ceilDivide(g.padWidth, g.strideWidth))
        let reach = (g.kernelWidth - 1) * g.dilationWidth
        let upper = min(g.outWidth, floorDivide(g.inWidth - 1 - reach + g.padWidth, g.strideWidth) + 1)
        return lower..<max(lower, upper)
    }

    private static func verticalMax(
        _ g: PoolGeometry, source: UnsafePointer<Float>, oh: Int, into columnMax: UnsafeMutablePointer<Float>
    ) {
        let top = oh * g.strideHeight - g.padHeight
        let first = max(0, ceilDivide(-top, g.dilationHeight))
        let end = min(g.kernelHeight, floorDivide(g.inHeight - 1 - top, g.dilationHeight) + 1)
        guard first < end else {
            columnMax.update(repeating: -.infinity, count: g.inWidth)
            return
        }
        let firstRow = source + (top + first * g.dilationHeight) * g.inWidth
        let rowStep = g.dilationHeight * g.inWidth
        var iw = 0
        while iw + 8 <= g.inWidth {
            var row = firstRow + iw
            var best = UnsafeRawPointer(row).loadUnaligned(as: SIMD8<Float>.self)
            for _ in (first + 1)..<max(first + 1, end) {
                row += rowStep
                best = nanMax(best, UnsafeRawPointer(row).loadUnaligned(as: SIMD8<Float>.self))
            }
            UnsafeMutableRawPointer(columnMax + iw).storeBytes(of: best, as: SIMD8<Float>.self)
            iw += 8
        }
        while iw < g.inWidth {
            var best = firstRow[iw]
            for kh in (first + 1)..<max(first + 1, end) { best = nanMax(best, firstRow[(kh - first) * rowStep + iw]) }
            columnMax[iw] = best
            iw += 1
        }
    }

    private static func horizontalMax(
        _ g: PoolGeometry, columnMax: UnsafePointer<Float>, interior: Range<Int>,
        into target: UnsafeMutablePointer<Float>
    ) {
        let step = g.strideWidth
        var vectorEnd = interior.lowerBound
        if step <= 2 && interior.count >= 8 {
            var ow = interior.lowerBound
            while ow < interior.upperBound {
                // The last group overlaps the previous one rather than leaving a scalar tail.
                let group = min(ow, interior.upperBound - 8)
                let start = columnMax + group * step - g.padWidth
                var best = lanes(start, step: step)
                for kw in 1..<max(1, g.kernelWidth) {
                    best = nanMax(best, lanes(start + kw * g.dilationWidth, step: step))
                }
                UnsafeMutableRawPointer(target + group).storeBytes(of: best, as: SIMD8<Float>.self)
                ow = group + 8
            }
            vectorEnd = interior.upperBound
        }
        edgeMax(g, columnMax: columnMax, columns: 0..<min(interior.lowerBound, g.outWidth), into: target)
        edgeMax(g, columnMax: columnMax, columns: vectorEnd..<g.outWidth, into: target)
    }

    /// Windows that reach into the padding, one at a time.
    private static func edgeMax(
        _ g: PoolGeometry, columnMax: UnsafePointer<Float>, columns: Range<Int>,
        into target: UnsafeMutablePointer<Float>
    ) {
        for column in columns {
            var best = -Float.infinity
            for kw in 0..<g.kernelWidth {
                let iw = column * g.strideWidth - g.padWidth + kw * g.dilationWidth
                if iw >= 0 && iw < g.inWidth { best = nanMax(best, columnMax[iw]) }
            }
            target[column] = best
        }
    }

    /// Eight values `start[0], start[step], …` for `step` 1 or 2.
    @inline(__always)
    private static func lanes(_ start: UnsafePointer<Float>, step: Int) -> SIMD8<Float> {
        if step == 1 {
            return UnsafeRawPointer(start).loadUnaligned(as: SIMD8<Float>.self)
        }
        return UnsafeRawPointer(start).loadUnaligned(as: SIMD16<Float>.self).evenHalf
    }

    /// The larger of two values, or NaN if either is NaN (PyTorch's max pooling rule).
    @inline(__always)
    static func nanMax(_ a: Float, _ b: Float) -> Float {
        (b > a || b != b) ? b : a
    }

    @inline(__always)
    static func nanMax(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        a.replacing(with: b, where: (b .> a) .| (b .!= b))
    }
}
