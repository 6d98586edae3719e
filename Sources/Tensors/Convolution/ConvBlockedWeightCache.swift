import Synchronization

/// ``ConvBlocked``'s packed weights kept across calls, so a network run again and again on the
/// same weights (inference, evaluation under `no_grad`, the benchmark) packs each layer once, as
/// ONNX Runtime packs once per session. Packing is a pass over every weight per call: on
/// `res3x3_c128_28` (590 KB of weights) a few per cent of a one-thread forward.
///
/// **Why a stale packing is never returned.** An entry is keyed by the address of the weight
/// tensor's element buffer (with the geometry and tiling the packing depends on) and holds a
/// strong reference to that buffer (the `[Float]` itself). While it does:
/// - the buffer cannot be freed, so no other array can appear at that address;
/// - the buffer is not uniquely referenced, so every in-place write to the tensor
///   (``Tensor/withMutableFloats(_:)`` in an optimizer step or `w[i] = v`, any `Array`
///   mutation) copies it first, as copy-on-write does for any shared array; in-place operators
///   such as `add_` already build new storage. The written tensor then has another address and
///   misses. Nothing in the engine writes through a pointer into a shared array.
///
/// **What it costs, and where it is not used.** Holding the reference is what forces that copy,
/// so weights that change on every step must not be held: ``TrackedTensor/conv2d`` asks for the
/// cache only when the weight does not require grad (training goes on packing every call, as
/// before), the input gradient's flipped weights (new every step) never ask, nor do raw-pointer
/// callers. A packing is kept only the second time its key is seen (``sightings``, addresses
/// without references), so a caller with new weights on every call keeps packing into pooled
/// scratch instead of allocating an entry per call. At most ``capacity`` entries and
/// ``byteBudget`` bytes (the packing plus the weights it keeps alive), least recently used first
/// out.
final class ConvBlockedWeightCache: Sendable {
    /// What a packing depends on: the weight buffer, and every field of the geometry and layout
    /// that ``ConvBlockedLayout/packWeights(_:weight:index:into:transposing:)`` reads.
    struct Key: Hashable, Sendable {
        let address: UInt
        let count: Int
        let outChannels: Int
        let groups: Int
        let inChannelsPerGroup: Int
        let kernelHeight: Int
        let kernelWidth: Int
        let filters: Int
        let channels: Int
        let transposing: Bool
    }

    /// One kept packing.
    final class Entry: @unchecked Sendable {
        // Unchecked: `buffer` is written by one call before the entry is published under the
        // cache's lock, and only read after; it is freed when the last holder lets go.
        let key: Key
        /// The weights the packing was made from, held so their buffer stays shared (see above).
        let weights: [Float]
        /// Its own allocation (not pooled scratch, which could be far larger than `bytes` says).
        let buffer: ParallelScratch.Buffer
        let bytes: Int

        init(key: Key, weights: [Float], count: Int) {
            self.key = key
            self.weights = weights
            buffer = ParallelScratch.Buffer(pointer: .allocate(capacity: count + 15), capacity: count + 15)
            bytes = 4 * (count + weights.count)
        }

        deinit { buffer.pointer.deallocate() }
    }

    /// Where one call's packed weights live: a kept packing (``isPacked``), a new entry the call
    /// packs into and publishes when done, or pooled scratch as without the cache.
    struct Lease {
        /// 64-byte aligned packed weights.
        let pointer: UnsafeMutablePointer<Float>
        /// Whether `pointer` already holds the packing (a hit): the call must not pack.
        let isPacked: Bool
        fileprivate let entry: Entry?
        fileprivate let scratch: ParallelScratch.Buffer?
        fileprivate let cache: ConvBlockedWeightCache?

        /// Publishes a packing made into a new entry, or gives scratch back; call exactly once,
        /// when the packing is complete (after the convolution).
        func finish() {
            if let scratch { ParallelScratch.give(scratch) }
            if !isPacked, let entry, let cache { cache.insert(entry) }
        }
    }

    private struct State {
        var entries: [Entry] = []
        /// Use order of `entries`: a larger tick was used later.
        var ticks: [Int] = []
        var clock = 0
        /// Keys seen lately without a kept packing, oldest first.
        var sightings: [Key] = []
    }

    /// Packings kept at once.
    let capacity: Int
    /// Bytes of packings and the weights they hold alive, at most.
    let byteBudget: Int
    /// Keys remembered for a second sighting.
    static let sightings = 16
    private let state = Mutex(State())

    /// The engine's cache.
    static let shared = ConvBlockedWeightCache(capacity: 8, byteBudget: 16 << 20)

    init(capacity: Int, byteBudget: Int) {
        self.capacity = capacity
        self.byteBudget = byteBudget
    }

    /// The key of `weights` packed for `g` in `layout`.
    static func key(_ g: ConvGeometry, layout: ConvBlockedLayout, weights: [Float], transposing: Bool) -> Key {
        let address = weights.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        return Key(
            address: address, count: weights.count, outChannels: g.outChannels, groups: g.groups,
            inChannelsPerGroup: g.inChannelsPerGroup, kernelHeight: g.kernelHeight, kernelWidth: g.kernelWidth,
            filters: layout.filters, channels: layout.channels, transposing: transposing)
    }

    /// Packed weights for one call: `count` floats for `weights` packed for `g` in `layout`, or,
    /// with `weights` nil (the caller does not let its packing be kept), pooled scratch.
    func lease(
        _ g: ConvGeometry, layout: ConvBlockedLayout, weights: [Float]?, transposing: Bool, count: Int
    ) -> Lease {
        guard let weights, !weights.isEmpty else { return scratchLease(count) }
        let key = Self.key(g, layout: layout, weights: weights, transposing: transposing)
        enum Found {
            case hit(Entry)
            case secondSighting
            case firstSighting
        }
        let found = state.withLock { state -> Found in
            state.clock += 1
            if let index = state.entries.firstIndex(where: { $0.key == key }) {
                state.ticks[index] = state.clock
                return .hit(state.entries[index])
            }
            if let index = state.sightings.firstIndex(of: key) {
                state.sightings.remove(at: index)
                return .secondSighting
            }
            state.sightings.append(key)
            if state.sightings.count > Self.sightings { state.sightings.removeFirst() }
            return .firstSighting
        }
        switch found {
        case .hit(let entry):
            return Lease(pointer: entry.buffer.cacheAligned, isPacked: true, entry: entry, scratch: nil, cache: nil)
        case .secondSighting where 4 * (count + weights.count) <= byteBudget:
            let entry = Entry(key: key, weights: weights, count: count)
            return Lease(pointer: entry.buffer.cacheAligned, isPacked: false, entry: entry, scratch: nil, cache: self)
        case .secondSighting, .firstSighting:
            return scratchLease(count)
        }
    }

    private func scratchLease(_ count: Int) -> Lease {
        let scratch = ParallelScratch.takeCacheAligned(count)
        return Lease(pointer: scratch.cacheAligned, isPacked: false, entry: nil, scratch: scratch, cache: nil)
    }

    /// Keeps `entry`, evicting the least recently used until it fits; another call's packing of
    /// the same key, published first, stays.
    private func insert(_ entry: Entry) {
        // Evicted entries are released after the lock, so their buffers go back outside it.
        let evicted = state.withLock { state -> [Entry] in
            guard !state.entries.contains(where: { $0.key == entry.key }) else { return [] }
            var evicted: [Entry] = []
            var bytes = state.entries.reduce(entry.bytes) { $0 + $1.bytes }
            while !state.entries.isEmpty && (state.entries.count >= capacity || bytes > byteBudget) {
                let oldest = state.ticks.indices.min { state.ticks[$0] < state.ticks[$1] }!
                bytes -= state.entries[oldest].bytes
                evicted.append(state.entries.remove(at: oldest))
                state.ticks.remove(at: oldest)
            }
            state.clock += 1
            state.entries.append(entry)
            state.ticks.append(state.clock)
            return evicted
        }
        _ = evicted
    }

    /// Whether a packing made from `weights`' buffer is kept (for tests).
    func holds(_ weights: [Float]) -> Bool {
        let address = weights.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        return state.withLock { state in state.entries.contains { $0.key.address == address } }
    }

    /// Drops every kept packing and sighting.
    func removeAll() {
        let dropped = state.withLock { state -> [Entry] in
            defer { state = State() }
            return state.entries
        }
        _ = dropped
    }
}
