extension BenchTimer {
    /// Times several closures fairly on a busy machine: their samples alternate (A, B, A, B, …),
    /// so a burst of load from other processes hits all of them alike. Returns the median and
    /// best time per call of each, in order; one closure behaves like ``measure(_:)``.
    func compare(_ bodies: [() throws -> Void]) throws -> [(median: Double, best: Double)] {
        let repeats = try bodies.map { try repeatsPerSample($0) }
        var times = [[Double]](repeating: [], count: bodies.count)
        for _ in 0..<max(1, samples) {
            for (index, body) in bodies.enumerated() {
                times[index].append(try sample(body, repeats: repeats[index]))
            }
        }
        return times.map { list in
            let sorted = list.sorted()
            return (sorted[sorted.count / 2], sorted[0])
        }
    }
}
