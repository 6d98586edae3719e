import Notebook

/// One Server-Sent Event as sent on the wire: `event: kind` and one `data:` line of JSON.
struct ServerEvent: Sendable {
    /// The frame's text, ready to write.
    let frame: String

    /// An event of the given kind (`snapshot`, `status`, `output`, `stale`, `kernel`) with a JSON payload.
    init(_ kind: String, _ payload: JSONValue) {
        // Compact JSON has no raw newlines (they are escaped inside strings), so one data line holds it.
        frame = "event: \(kind)\ndata: \(JSONWriter.compact(payload))\n\n"
    }

    /// The keep-alive comment sent every 15 seconds.
    static let ping = ": ping\n\n"
}
