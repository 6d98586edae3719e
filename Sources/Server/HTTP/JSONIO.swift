import Foundation
import HTTPTypes
import Hummingbird
import Notebook

/// Reading JSON request bodies and writing JSON responses, with `Notebook`'s order-keeping JSON values.
enum JSONIO {
    /// A JSON object from members in order.
    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }

    /// A JSON number from an integer.
    static func number(_ value: Int) -> JSONValue { .number(Double(value)) }

    /// A response whose body is `value` as compact JSON.
    static func response(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        response(text: JSONWriter.compact(value), status: status)
    }

    /// A response whose body is JSON text already encoded.
    static func response(text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The request body, refused with 413 when over `limit` bytes.
    static func bodyBytes(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError(.contentTooLarge, "the request body is larger than \(limit) bytes")
        }
        var bytes: [UInt8] = []
        for try await buffer in request.body {
            if bytes.count + buffer.readableBytes > limit {
                throw APIError(.contentTooLarge, "the request body is larger than \(limit) bytes")
            }
            bytes += buffer.readableBytesView
        }
        return bytes
    }

    /// The request body as a JSON object (an empty body reads as `{}`).
    static func bodyObject(_ request: Request, limit: Int) async throws -> JSONObject {
        let bytes = try await bodyBytes(request, limit: limit)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return JSONObject() }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes, maxDepth: 64)
        } catch {
            throw APIError.badRequest("the request body is not valid JSON: \(error.message)")
        }
        guard let object = value.objectValue else {
            throw APIError.badRequest("the request body must be a JSON object, not \(value.typeDescription)")
        }
        return object
    }
}

extension JSONObject {
    /// A required integer member, or 400 naming it.
    func requiredInt(_ key: String) throws -> Int {
        guard let value = self[key] else { throw APIError.badRequest("'\(key)' is missing") }
        guard let number = value.intValue else { throw APIError.badRequest("'\(key)' must be an integer") }
        return number
    }

    /// An optional string member (`nil` when absent or null), or 400 if it is another type.
    func optionalString(_ key: String) throws -> String? {
        guard let value = self[key], value != .null else { return nil }
        guard let text = value.stringValue else { throw APIError.badRequest("'\(key)' must be a string") }
        return text
    }

    /// An optional boolean member (`nil` when absent or null), or 400 if it is another type.
    func optionalBool(_ key: String) throws -> Bool? {
        guard let value = self[key], value != .null else { return nil }
        guard case .bool(let flag) = value else { throw APIError.badRequest("'\(key)' must be true or false") }
        return flag
    }

    /// An optional list of strings (`nil` when absent or null), or 400 if it is anything else.
    func optionalStrings(_ key: String) throws -> [String]? {
        guard let value = self[key], value != .null else { return nil }
        guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
            throw APIError.badRequest("'\(key)' must be a list of strings")
        }
        return list.compactMap(\.stringValue)
    }

    /// A required string member, or 400 naming it.
    func requiredString(_ key: String) throws -> String {
        guard let text = try optionalString(key) else { throw APIError.badRequest("'\(key)' is missing") }
        return text
    }
}
