import Notebook
import Synchronization

/// The pictures of running cells' outputs, served from memory until the store has them.
///
/// A page loads a picture (`/api/outputs/{sha256}.png`) as soon as the output event naming it arrives,
/// which may be before the coordinator's next save writes it to the store; a live figure redrawn ten
/// times a second names a new picture each time. The newest pictures are kept here (at most
/// ``maximumCount`` or ``maximumBytes``, the oldest go first), so those loads never miss.
final class LivePictures: Sendable {
    private struct Entries {
        var bytes: [String: [UInt8]] = [:]
        var order: [String] = []
        var totalBytes = 0
    }

    /// The most pictures kept.
    static let maximumCount = 256
    /// The most bytes kept.
    static let maximumBytes = 32 << 20

    private let entries = Mutex(Entries())

    /// Keeps the pictures of an output.
    func keep(_ output: CellOutput) {
        guard let png = output.data?.png else { return }
        entries.withLock { entries in
            guard entries.bytes[png.sha256] == nil else { return }
            entries.bytes[png.sha256] = png.bytes
            entries.order.append(png.sha256)
            entries.totalBytes += png.bytes.count
            while entries.order.count > Self.maximumCount || entries.totalBytes > Self.maximumBytes,
                entries.order.count > 1
            {
                let oldest = entries.order.removeFirst()
                entries.totalBytes -= entries.bytes.removeValue(forKey: oldest)?.count ?? 0
            }
        }
    }

    /// The bytes of a picture kept here, by SHA-256 hex digest.
    func picture(sha256: String) -> [UInt8]? {
        entries.withLock { $0.bytes[sha256] }
    }
}
