import Foundation
import Notebook

/// What a Jupyter client tells a kernel in its connection file: where to bind the five sockets and
/// the key that signs every message.
///
/// ```json
/// {"transport": "tcp", "ip": "127.0.0.1", "shell_port": 53794, "iopub_port": 53795,
///  "stdin_port": 53796, "control_port": 53797, "hb_port": 53798,
///  "signature_scheme": "hmac-sha256", "key": "a0436f6c-1916-498b-8eb9-e81ab9368e84"}
/// ```
public struct ConnectionFile: Sendable, Hashable {
    /// `tcp` or `ipc`.
    public var transport: String
    /// The address (tcp) or path prefix (ipc).
    public var ip: String
    /// The shell channel's port (tcp) or path suffix (ipc); likewise for the other channels.
    public var shellPort: Int
    /// The iopub channel's port.
    public var iopubPort: Int
    /// The stdin channel's port.
    public var stdinPort: Int
    /// The control channel's port.
    public var controlPort: Int
    /// The heartbeat channel's port.
    public var heartbeatPort: Int
    /// The HMAC key; empty means messages are not signed.
    public var key: [UInt8]
    /// Only `hmac-sha256` is supported.
    public var signatureScheme: String

    /// Reads and checks a connection file.
    public init(contentsOf path: String) throws(ConnectionFileError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        try self.init(json: Array(data), path: path)
    }

    /// Parses a connection file's JSON text; `path` names it in errors.
    public init(json: [UInt8], path: String = "connection file") throws(ConnectionFileError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(json, maxDepth: 8)
        } catch {
            throw .invalid(path, "not valid JSON: \(error.message)")
        }
        guard let object = value.objectValue else { throw .invalid(path, "the top level must be an object") }
        func port(_ name: String) throws(ConnectionFileError) -> Int {
            guard let port = object[name]?.intValue, (0...65535).contains(port) else {
                throw .invalid(path, "'\(name)' must be a port number")
            }
            return port
        }
        transport = object["transport"]?.stringValue ?? "tcp"
        guard ["tcp", "ipc"].contains(transport) else {
            throw .invalid(path, "transport '\(transport)' is not supported (tcp or ipc)")
        }
        ip = object["ip"]?.stringValue ?? "127.0.0.1"
        shellPort = try port("shell_port")
        iopubPort = try port("iopub_port")
        stdinPort = try port("stdin_port")
        controlPort = try port("control_port")
        heartbeatPort = try port("hb_port")
        key = Array((object["key"]?.stringValue ?? "").utf8)
        signatureScheme = object["signature_scheme"]?.stringValue ?? "hmac-sha256"
        guard signatureScheme == "hmac-sha256" else {
            throw .invalid(path, "signature scheme '\(signatureScheme)' is not supported (hmac-sha256)")
        }
    }

    /// The ZeroMQ endpoint of a channel's port: `tcp://127.0.0.1:53794` or `ipc://kernel-ipc-53794`.
    public func endpoint(port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
    }
}

/// Why a connection file was refused.
public enum ConnectionFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(String)
    /// The file is not a usable connection file; the second text says why.
    case invalid(String, String)

    /// A sentence for the user.
    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read the connection file \(path)"
        case .invalid(let path, let reason): "\(path): \(reason)"
        }
    }
}
