import Notebook

/// The Jupyter wire format: a message as ZeroMQ frames and back.
///
/// ```text
/// [identity …] "<IDS|MSG>" signature header parent_header metadata content [buffer …]
/// ```
///
/// The signature is the HMAC of the four JSON frames exactly as they travel, so it is checked on the
/// raw bytes before anything is parsed, and a replayed signature is refused before the JSON is read.
public enum WireCodec {
    /// The frame between the routing identities and the signature.
    public static let delimiter = Array("<IDS|MSG>".utf8)

    /// The frames of `message`, signed by `signer`.
    public static func encode(_ message: JupyterMessage, signer: MessageSigner) -> [[UInt8]] {
        let parts = [message.header, message.parentHeader, message.metadata, message.content].map {
            Array(JSONWriter.compact(.object($0)).utf8)
        }
        let signature = Array(signer.signature(of: parts).utf8)
        return message.identities + [delimiter, signature] + parts + message.buffers
    }

    /// The message in `frames`, after checking its signature with `signer` and admitting it to `replayGuard`.
    public static func decode(
        _ frames: [[UInt8]], signer: MessageSigner, replayGuard: inout ReplayGuard
    ) throws(JupyterWireError) -> JupyterMessage {
        guard let split = frames.firstIndex(of: delimiter) else { throw .missingDelimiter }
        let rest = frames[(split + 1)...]
        guard rest.count >= 5 else { throw .missingFrames(rest.count) }
        let signature = rest[rest.startIndex]
        let parts = Array(rest[(rest.startIndex + 1)..<(rest.startIndex + 5)])
        if signer.isSigning {
            guard !signature.isEmpty else { throw .unsigned }
            guard signer.isValid(signature, for: parts) else { throw .badSignature }
            guard replayGuard.admit(signature) else { throw .replayed }
        }
        let names = ["header", "parent_header", "metadata", "content"]
        var objects: [JSONObject] = []
        for (part, name) in zip(parts, names) {
            guard let value = try? JSONParser.parse(part, maxDepth: 128), let object = value.objectValue else {
                throw .malformedFrame(name)
            }
            objects.append(object)
        }
        for field in ["msg_id", "msg_type"] where objects[0][field]?.stringValue == nil {
            throw .missingHeaderField(field)
        }
        return JupyterMessage(
            identities: Array(frames[..<split]), header: objects[0], parentHeader: objects[1],
            metadata: objects[2], content: objects[3], buffers: Array(rest.dropFirst(5)))
    }
}
