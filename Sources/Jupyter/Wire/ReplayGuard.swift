/// Remembers the signatures of the messages already accepted, so a captured message sent again is refused.
///
/// A signature covers the header, whose `msg_id` is unique, so two genuine messages never share one.
/// Like `jupyter_client`, the guard keeps a bounded history (the oldest tenth is forgotten when it is
/// full), which is far more than a replay within a session could outrun.
public struct ReplayGuard: Sendable {
    /// The most signatures remembered.
    public let capacity: Int
    private var seen: Set<[UInt8]> = []
    private var order: [[UInt8]] = []

    /// A guard remembering up to `capacity` signatures.
    public init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 10)
    }

    /// Records `signature`; `false` if it was seen before (the message is a replay).
    public mutating func admit(_ signature: [UInt8]) -> Bool {
        guard seen.insert(signature).inserted else { return false }
        order.append(signature)
        if order.count > capacity {
            let forgotten = order.count / 10
            for old in order.prefix(forgotten) { seen.remove(old) }
            order.removeFirst(forgotten)
        }
        return true
    }
}
