/// Where the micro-kernel finds the 16 input values of each step of its sum: the only thing
/// that differs between ``ConvPacked`` (a packed panel) and ``ConvShifted`` (the padded input,
/// shifted by a per-step offset). ``ConvMicroTile/run(depth:a:b:c:ldc:store:)`` is generic over
/// it and specialized for each, so both get the same inner loop.
protocol ConvTileColumns {
    /// The first of the 16 values of step `k`; 16 floats from there must be readable.
    func columns(_ k: Int) -> UnsafeRawPointer
}

/// A packed panel: step `k`'s 16 values sit at `base + 16 · k`.
struct ConvPackedColumns: ConvTileColumns {
    let base: UnsafePointer<Float>

    @inline(__always)
    func columns(_ k: Int) -> UnsafeRawPointer { UnsafeRawPointer(base + k &* ConvMicroTile.columns) }
}

/// The shifted input: step `k`'s 16 values start at `base + offsets[k]`.
struct ConvShiftedColumns: ConvTileColumns {
    let base: UnsafePointer<Float>
    let offsets: UnsafePointer<Int>

    @inline(__always)
    func columns(_ k: Int) -> UnsafeRawPointer { UnsafeRawPointer(base + offsets[k]) }
}
