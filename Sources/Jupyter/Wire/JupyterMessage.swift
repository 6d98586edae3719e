import Foundation
import Notebook

/// One message of the Jupyter messaging protocol (version 5.4), as its parts.
///
/// ```swift
/// let reply = JupyterMessage.reply(to: request, type: "kernel_info_reply", content: ["status": "ok"], session: id)
/// ```
public struct JupyterMessage: Sendable {
    /// The protocol version Convbook speaks.
    public static let protocolVersion = "5.4"

    /// The ZeroMQ routing identities before the delimiter (a ROUTER peer's id, or an iopub topic).
    public var identities: [[UInt8]]
    /// `msg_id`, `msg_type`, `session`, `username`, `date`, `version`.
    public var header: JSONObject
    /// The header of the message this one answers (empty for none).
    public var parentHeader: JSONObject
    /// Free-form metadata.
    public var metadata: JSONObject
    /// The message's content, by type.
    public var content: JSONObject
    /// Extra binary frames after the content.
    public var buffers: [[UInt8]]

    /// Creates a message from its parts.
    public init(
        identities: [[UInt8]] = [], header: JSONObject, parentHeader: JSONObject = JSONObject(),
        metadata: JSONObject = JSONObject(), content: JSONObject, buffers: [[UInt8]] = []
    ) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    /// `header.msg_type`, e.g. `execute_request`.
    public var type: String { header["msg_type"]?.stringValue ?? "" }
    /// `header.msg_id`.
    public var id: String { header["msg_id"]?.stringValue ?? "" }

    /// A new message of `type` from session `session`, answering `parent` if given.
    public static func make(
        type: String, content: JSONObject, parent: JupyterMessage?, session: String,
        identities: [[UInt8]] = [], metadata: JSONObject = JSONObject()
    ) -> JupyterMessage {
        let header: JSONObject = [
            "msg_id": .string(UUID().uuidString.lowercased()),
            "msg_type": .string(type),
            "session": .string(session),
            "username": "convbook",
            "date": .string(MessageDate.now()),
            "version": .string(protocolVersion),
        ]
        return JupyterMessage(
            identities: identities, header: header, parentHeader: parent?.header ?? JSONObject(),
            metadata: metadata, content: content)
    }

    /// The reply of `type` to `request`, routed back to the request's sender.
    public static func reply(
        to request: JupyterMessage, type: String, content: JSONObject, session: String,
        metadata: JSONObject = JSONObject()
    ) -> JupyterMessage {
        make(
            type: type, content: content, parent: request, session: session, identities: request.identities,
            metadata: metadata)
    }
}

/// Dates in message headers: ISO 8601 in UTC with microseconds and an explicit zone, as Jupyter writes them.
enum MessageDate {
    /// Now, e.g. `2026-11-20T09:15:02.123456Z`.
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))."
            + "\(pad(Int32(spec.tv_nsec / 1000), 6))Z"
    }
}
