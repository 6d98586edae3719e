/// Length-prefixed frames: a 4-byte big-endian payload length, then the payload (one JSON message).
///
/// ```swift
/// var decoder = FrameDecoder()
/// decoder.append(FrameCodec.frame(Array("{}".utf8)))
/// try decoder.nextFrame()   // [0x7B, 0x7D]
/// ```
public enum FrameCodec {
    /// The largest payload accepted (a message carrying a big PNG or a long cell fits comfortably).
    public static let maximumPayloadBytes = 64 << 20
    /// The size of the length header.
    public static let headerBytes = 4

    /// The payload with its length header in front.
    public static func frame(_ payload: [UInt8]) -> [UInt8] {
        let length = UInt32(truncatingIfNeeded: payload.count)
        var bytes: [UInt8] = [
            UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF),
        ]
        bytes.reserveCapacity(headerBytes + payload.count)
        bytes.append(contentsOf: payload)
        return bytes
    }
}

/// Splits a byte stream into frames as bytes arrive in arbitrary pieces.
///
/// A header announcing more than `maximumPayloadBytes` (or zero) is refused as soon as its four bytes
/// are in, before anything is allocated for it; after such an error the stream cannot be resynchronised
/// and the caller should close it.
public struct FrameDecoder: Sendable {
    private var buffer: [UInt8] = []
    private var start = 0
    /// The largest payload this decoder accepts.
    public let maximumPayloadBytes: Int

    /// Creates an empty decoder.
    public init(maximumPayloadBytes: Int = FrameCodec.maximumPayloadBytes) {
        self.maximumPayloadBytes = maximumPayloadBytes
    }

    /// Bytes received but not yet returned as frames.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Adds received bytes.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete payload, or `nil` until more bytes arrive.
    public mutating func nextFrame() throws(KernelProtocolError) -> [UInt8]? {
        guard bufferedByteCount >= FrameCodec.headerBytes else { return nil }
        let length =
            Int(buffer[start]) << 24 | Int(buffer[start + 1]) << 16 | Int(buffer[start + 2]) << 8
            | Int(buffer[start + 3])
        guard length > 0 else { throw KernelProtocolError(.emptyFrame, "a frame announced an empty payload") }
        guard length <= maximumPayloadBytes else {
            throw KernelProtocolError(
                .frameTooLarge, "a frame announced \(length) bytes, more than the limit of \(maximumPayloadBytes)")
        }
        guard bufferedByteCount >= FrameCodec.headerBytes + length else { return nil }
        let payloadStart = start + FrameCodec.headerBytes
        let payload = Array(buffer[payloadStart..<(payloadStart + length)])
        start = payloadStart + length
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
            start = 0
        }
        return payload
    }
}
