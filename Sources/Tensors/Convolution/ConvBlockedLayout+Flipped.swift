extension ConvBlockedLayout {
    /// Writes filter block `index` of a transposed convolution's weights in ``packWeights(_:weight:index:into:transposing:)``'s
    /// order, straight from the weights of the convolution it transposes: `transposed` is the
    /// input gradient's forward geometry (its input channels are the original output channels,
    /// its filters the original input channels), `weight` the original `(c_o, c_i / groups, k_h, k_w)`
    /// weights, and packed filter `c`, channel `o`, tap `t` is `weight[o, c, taps − 1 − t]`
    /// (the kernel turned half a circle). One pass, where flipping into a copy and packing that
    /// read and wrote the weights twice (`res3x3_c128_28`: 590 KB each time).
    func packFlipped(
        _ transposed: ConvGeometry, weight: UnsafePointer<Float>, index: Int, into packed: UnsafeMutablePointer<Float>
    ) {
        let f = filters
        let taps = transposed.kernelHeight * transposed.kernelWidth
        // An original output channel's weights: `rowLength` filters' taps side by side.
        let rowLength = transposed.outChannelsPerGroup
        let group = index * f / rowLength
        let firstFilter = index * f - group * rowLength
        var target = packed + index * blocksPerGroup * weightsPerPair
        for block in 0..<blocksPerGroup {
            for c in 0..<channels {
                let o = group * transposed.inChannelsPerGroup + block * channels + c
                let row = weight + (o * rowLength + firstFilter) * taps
                guard taps >= 8 else {
                    for tap in 0..<taps {
                        let to = target + (tap * channels + c) * f
                        for filter in 0..<f { to[filter] = row[filter * taps + taps - 1 - tap] }
                    }
                    continue
                }
                // Eight filters × eight taps at a time, transposed in registers; the last eight
                // taps overlap the ones before when `taps` is not a multiple of 8.
                var start = 0
                while true {
                    let first = min(start, taps - 8)
                    for part in 0..<(f / 8) {
                        var square = Transpose8(row + part * 8 * taps + first, stride: taps)
                        square.transpose()
                        for i in 0..<8 {
                            let tap = taps - 1 - (first + i)
                            UnsafeMutableRawPointer(target + (tap * channels + c) * f + part * 8).storeBytes(
                                of: square.row(i), as: SIMD8<Float>.self)
                        }
                    }
                    if first == taps - 8 { break }
                    start += 8
                }
            }
            target += weightsPerPair
        }
    }
}
