import Foundation
import Synchronization

/// Writes whole frames to a file descriptor, one writer at a time, so that frames from several
/// threads never interleave.
public final class FrameWriter: Sendable {
    private let descriptor: Mutex<Int32>

    /// Writes to `descriptor` (not closed by the writer).
    public init(descriptor: Int32) {
        self.descriptor = Mutex(descriptor)
    }

    /// Sends one payload as a frame; `false` when the other end has gone (the pipe is closed).
    @discardableResult
    public func send(_ payload: [UInt8]) -> Bool {
        let frame = FrameCodec.frame(payload)
        return descriptor.withLock { fd in FrameWriter.writeAll(frame, to: fd) }
    }

    /// Writes every byte, retrying partial writes and interrupted calls.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}

/// Reads frames from a file descriptor with blocking reads; meant for a thread of its own.
struct FrameReader {
    let descriptor: Int32
    var decoder = FrameDecoder()
    private var chunk = [UInt8](repeating: 0, count: 64 << 10)

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// The next payload; `nil` at end of file; throws on a frame that cannot be read.
    mutating func next() throws(KernelProtocolError) -> [UInt8]? {
        while true {
            if let frame = try decoder.nextFrame() { return frame }
            let count = chunk.withUnsafeMutableBytes { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                return read(descriptor, base, buffer.count)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return nil }
            decoder.append(chunk[0..<count])
        }
    }
}
