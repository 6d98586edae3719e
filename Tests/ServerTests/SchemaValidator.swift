import Notebook

@testable import Server

/// Checks a JSON value against a JSON Schema of `/api/openapi.json`: the keywords `APISchemas` uses
/// (`type`, `const`, `enum`, `properties`, `required`, `additionalProperties: false`, `items`, `maxItems`,
/// `minimum`, `oneOf`, `anyOf`, `$ref` into `components.schemas`); `format` is not checked. An unknown
/// keyword is reported, so a schema cannot silently use one this checker ignores.
struct SchemaValidator {
    /// `components.schemas` of the document.
    let schemas: JSONObject

    init(document: JSONValue) {
        schemas = document["components"]?["schemas"]?.objectValue ?? JSONObject()
    }

    /// The problems of `value` against `schema`, each naming where (`$.cells[0].outputs[1]`) and what.
    func problems(_ value: JSONValue, _ schema: JSONValue, at path: String = "$") -> [String] {
        guard let schema = schema.objectValue else { return ["\(path): the schema is not an object"] }
        var found: [String] = []
        for member in schema.members {
            switch member.key {
            case "$ref":
                let name = member.value.stringValue?.split(separator: "/").last.map(String.init) ?? ""
                guard let target = schemas[name] else {
                    found.append("\(path): no schema named \(name)")
                    continue
                }
                found += problems(value, target, at: path)
            case "type":
                let types = member.value.arrayValue?.compactMap(\.stringValue) ?? [member.value.stringValue ?? ""]
                if !types.contains(where: { Self.has(value, type: $0) }) {
                    found.append(
                        "\(path): \(value.typeDescription) where the schema wants \(types.joined(separator: " or "))")
                }
            case "const":
                if value != member.value {
                    found.append("\(path): \(JSONWriter.compact(value)) is not \(JSONWriter.compact(member.value))")
                }
            case "enum":
                if !(member.value.arrayValue ?? []).contains(value) {
                    found.append(
                        "\(path): \(JSONWriter.compact(value)) is not one of \(JSONWriter.compact(member.value))")
                }
            case "required":
                guard let object = value.objectValue else { continue }
                for name in member.value.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                    found.append("\(path): '\(name)' is missing")
                }
            case "properties":
                guard let object = value.objectValue, let properties = member.value.objectValue else { continue }
                for property in properties.members {
                    if let inner = object[property.key] {
                        found += problems(inner, property.value, at: "\(path).\(property.key)")
                    }
                }
            case "additionalProperties":
                guard let object = value.objectValue, member.value == .bool(false) else { continue }
                let known = schema["properties"]?.objectValue.map { Set($0.keys) } ?? []
                for key in object.keys where !known.contains(key) {
                    found.append("\(path): '\(key)' is not described by the schema")
                }
            case "items":
                for (index, element) in (value.arrayValue ?? []).enumerated() {
                    found += problems(element, member.value, at: "\(path)[\(index)]")
                }
            case "maxItems":
                if let array = value.arrayValue, let limit = member.value.intValue, array.count > limit {
                    found.append("\(path): \(array.count) items, more than \(limit)")
                }
            case "minimum":
                if case .number(let number) = value, let limit = member.value.intValue, number < Double(limit) {
                    found.append("\(path): \(number) is below \(limit)")
                }
            case "oneOf", "anyOf":
                let options = member.value.arrayValue ?? []
                let results = options.map { problems(value, $0, at: path) }
                let matching = results.filter(\.isEmpty).count
                if matching == 0 {
                    let closest = results.min(by: { $0.count < $1.count }) ?? []
                    found.append("\(path): matches none of \(member.key) (closest: \(closest.joined(separator: "; ")))")
                } else if member.key == "oneOf" && matching > 1 {
                    found.append("\(path): matches \(matching) schemas of oneOf")
                }
            case "format", "description":
                continue
            default:
                found.append("\(path): the checker does not know the keyword '\(member.key)'")
            }
        }
        return found
    }

    static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
            ("object", .object):
            true
        case ("integer", _): value.intValue != nil
        default: false
        }
    }
}

/// The schema `/api/openapi.json` gives a response, found by the request's method and path.
struct ResponseSchemas {
    let document: JSONValue
    let validator: SchemaValidator

    init() throws {
        document = try JSONParser.parse(Array(OpenAPIDocument.json.utf8))
        validator = SchemaValidator(document: document)
    }

    /// The operation a method and path (without query) reach, or `nil` when no documented path matches.
    func operation(method: String, path: String) -> JSONValue? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for member in document["paths"]?.objectValue?.members ?? [] {
            let template = member.key.split(separator: "/", omittingEmptySubsequences: false)
            guard template.count == parts.count || template.last == "{path}" else { continue }
            let matches = zip(template, parts).allSatisfy { pattern, part in
                if pattern == "{path}" { return true }
                if let open = pattern.firstIndex(of: "{"), let close = pattern.firstIndex(of: "}") {
                    let prefix = pattern[..<open]
                    let suffix = pattern[pattern.index(after: close)...]
                    return part.hasPrefix(prefix) && part.hasSuffix(suffix) && part.count > prefix.count + suffix.count
                }
                return pattern == part
            }
            if matches, let operation = member.value[method.lowercased()] { return operation }
        }
        return nil
    }

    /// Whether the document names `contentType` (parameters aside) for this response; `nil` when it does
    /// not describe the route or the status.
    func documents(method: String, path: String, status: Int, contentType: String) -> Bool? {
        guard let responses = operation(method: method, path: path)?["responses"]?.objectValue,
            let response = responses[String(status)] ?? (status >= 400 ? responses["default"] : nil)
        else { return nil }
        let type = String(contentType.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces)
        return response["content"]?.objectValue?[type] != nil
    }

    /// The problems of a JSON response body, or `[]`; `nil` when the document gives the response no
    /// JSON schema (a page, a picture, a route it does not describe).
    func problems(method: String, path: String, status: Int, body: JSONValue) -> [String]? {
        guard let operation = operation(method: method, path: path),
            let responses = operation["responses"]?.objectValue
        else { return nil }
        let response = responses[String(status)] ?? (status >= 400 ? responses["default"] : nil)
        guard let schema = response?["content"]?["application/json"]?["schema"] else {
            return response == nil ? ["status \(status) is not documented"] : nil
        }
        return validator.problems(body, schema)
    }
}
