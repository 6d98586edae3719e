/// Why a received multipart message was refused.
public enum JupyterWireError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No `<IDS|MSG>` delimiter frame.
    case missingDelimiter
    /// Fewer than the five frames that follow the delimiter (signature, header, parent, metadata, content).
    case missingFrames(Int)
    /// Signing is on and the message has no signature.
    case unsigned
    /// The signature does not match the frames.
    case badSignature
    /// A message with this signature was accepted before.
    case replayed
    /// A JSON frame does not parse, or is not an object; the text names the frame.
    case malformedFrame(String)
    /// The header lacks a required string field.
    case missingHeaderField(String)

    /// A sentence for the user.
    public var description: String {
        switch self {
        case .missingDelimiter: "no <IDS|MSG> delimiter"
        case .missingFrames(let count): "only \(count) frames after the delimiter (at least 5 are needed)"
        case .unsigned: "the message is not signed"
        case .badSignature: "the signature does not match"
        case .replayed: "the message was already received (replayed signature)"
        case .malformedFrame(let frame): "the \(frame) frame is not a JSON object"
        case .missingHeaderField(let field): "the header has no string '\(field)'"
        }
    }
}
