import Notebook

/// The fields of one decoded protocol message, read with errors that name the missing or mistyped field.
struct MessageFields {
    let object: JSONObject
    let type: String

    /// Parses a frame's payload into a JSON object with a string `type`.
    init(payload: [UInt8]) throws(KernelProtocolError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(payload, maxDepth: 64)
        } catch {
            throw KernelProtocolError(
                .malformedJSON, "a frame is not valid JSON: \(error.message) at byte \(error.offset)")
        }
        guard let object = value.objectValue else {
            throw KernelProtocolError(
                .invalidMessage, "a message must be a JSON object, found \(value.typeDescription)")
        }
        guard let type = object["type"]?.stringValue else {
            throw KernelProtocolError(.invalidMessage, "a message needs a string field 'type'")
        }
        self.object = object
        self.type = type
    }

    func string(_ key: String) throws(KernelProtocolError) -> String {
        guard let value = object[key]?.stringValue else { throw missing(key, "a string") }
        return value
    }

    func int(_ key: String) throws(KernelProtocolError) -> Int {
        guard case .number(let number) = object[key], let value = Int(exactly: number) else {
            throw missing(key, "an integer")
        }
        return value
    }

    func double(_ key: String) throws(KernelProtocolError) -> Double {
        guard case .number(let number) = object[key] else { throw missing(key, "a number") }
        return number
    }

    func value(_ key: String) throws(KernelProtocolError) -> JSONValue {
        guard let value = object[key] else { throw missing(key, "a value") }
        return value
    }

    func unknownType() -> KernelProtocolError {
        KernelProtocolError(.invalidMessage, "unknown message type '\(type)'")
    }

    private func missing(_ key: String, _ expected: String) -> KernelProtocolError {
        KernelProtocolError(.invalidMessage, "message '\(type)' needs field '\(key)' to be \(expected)")
    }
}

extension JSONObject {
    /// An object from key-value pairs in order.
    init(fields: [(String, JSONValue)]) {
        self.init(fields.map { JSONObject.Member(key: $0.0, value: $0.1) })
    }
}
