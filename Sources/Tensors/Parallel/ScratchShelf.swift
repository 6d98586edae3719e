/// The buffers ``ParallelScratch`` keeps, at most `keep` of them, and which one a request takes
/// or a return pushes out.
///
/// A request takes the smallest kept buffer that is large enough, so a small request does not
/// take the buffer a large one needs next. A full shelf keeps the larger buffers: a newcomer
/// larger than its smallest replaces that one. Keeping the first eight instead (and the first
/// large-enough one for a request) left one shape's buffers behind for the next: `bench conv` on
/// `res3x3_c64_56`, then `res3x3_c64_56_n8` through Winograd (two images per group, larger
/// buffers) mapped and freed fresh pages on every call, 257,000 page faults against 11,000 in
/// the whole run, 14.4 against 7.7 ms per call (two threads, Zen 4).
struct ScratchShelf {
    let keep: Int
    private(set) var buffers: [ParallelScratch.Buffer] = []

    init(keep: Int) { self.keep = keep }

    /// Removes and returns the smallest buffer of at least `capacity` floats, or nil.
    mutating func take(_ capacity: Int) -> ParallelScratch.Buffer? {
        var best: Int? = nil
        for (index, buffer) in buffers.enumerated() where buffer.capacity >= capacity {
            if best.map({ buffers[$0].capacity > buffer.capacity }) ?? true { best = index }
        }
        return best.map { buffers.remove(at: $0) }
    }

    /// Keeps `buffer`; returns the buffer to free instead, if any: `buffer` itself when the shelf
    /// is full of buffers at least as large, else the smallest kept one it replaced.
    mutating func put(_ buffer: ParallelScratch.Buffer) -> ParallelScratch.Buffer? {
        if buffers.count < keep {
            buffers.append(buffer)
            return nil
        }
        guard let smallest = buffers.indices.min(by: { buffers[$0].capacity < buffers[$1].capacity }),
            buffers[smallest].capacity < buffer.capacity
        else { return buffer }
        let evicted = buffers[smallest]
        buffers[smallest] = buffer
        return evicted
    }
}
