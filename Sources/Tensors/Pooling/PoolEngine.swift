/// The pooling loops: one plane at a time, planes split across ``Parallel/threadCount`` threads
/// when there is enough work to pay for waking them.
enum PoolEngine {
    /// Input elements below which a pooling call stays on the calling thread.
    static let parallelThreshold = 1 << 16

    /// Runs `body` on ranges of planes covering all of them, in parallel for large inputs.
    static func forEachPlanes(_ g: PoolGeometry, body: (Range<Int>) -> Void) {
        let work = g.planes * max(g.inPlane, g.outPlane * g.kernelHeight * g.kernelWidth)
        if work < parallelThreshold {
            body(0..<g.planes)
        } else {
            Parallel.forEach(g.planes, body: body)
        }
    }

    /// Runs `body(plane)` for every plane, in parallel for large inputs.
    static func forEachPlane(_ g: PoolGeometry, body: (Int) -> Void) {
        let work = g.planes * max(g.inPlane, g.outPlane * g.kernelHeight * g.kernelWidth)
        if work < parallelThreshold {
            for plane in 0..<g.planes { body(plane) }
        } else {
            Parallel.forEach(g.planes) { planes in
                for plane in planes { body(plane) }
            }
        }
    }
}
