import Synchronization

/// A small process-wide pool of float buffers for kernel scratch space (packed weights and
/// input panels), so repeated large calls reuse warm pages instead of mapping fresh ones.
///
/// A buffer taken from the pool belongs to the taker until it is given back; concurrent callers
/// simply get separate buffers.
enum ParallelScratch {
    /// A buffer with its capacity in floats.
    struct Buffer: @unchecked Sendable {
        // Unchecked: the pointer is owned by exactly one holder, the pool or one kernel call.
        let pointer: UnsafeMutablePointer<Float>
        let capacity: Int

        /// The buffer's first float on a 64-byte boundary (a cache line's start); a buffer from
        /// ``takeCacheAligned(_:)`` holds its requested count from there.
        var cacheAligned: UnsafeMutablePointer<Float> {
            let misalignment = Int(bitPattern: pointer) & 63
            return pointer + (64 - misalignment) % 64 / MemoryLayout<Float>.stride
        }
    }

    /// Buffers kept for reuse.
    private static let pool = Mutex(ScratchShelf(keep: 8))
    /// Larger buffers are not kept, so a one-off huge call does not pin its memory.
    private static let largestKept = 1 << 22

    /// A buffer of at least `capacity` floats (uninitialized).
    static func take(_ capacity: Int) -> Buffer {
        if let reused = pool.withLock({ $0.take(capacity) }) { return reused }
        return Buffer(pointer: .allocate(capacity: max(capacity, 1)), capacity: max(capacity, 1))
    }

    /// A buffer with at least `count` floats from its ``Buffer/cacheAligned`` start on
    /// (uninitialized): 15 spare floats cover any misalignment.
    static func takeCacheAligned(_ count: Int) -> Buffer {
        take(count + 15)
    }

    /// Returns a buffer from ``take(_:)`` to the pool, or frees it (``ScratchShelf/put(_:)``).
    static func give(_ buffer: Buffer) {
        let freed: Buffer? = buffer.capacity > largestKept ? buffer : pool.withLock { $0.put(buffer) }
        freed?.pointer.deallocate()
    }
}
