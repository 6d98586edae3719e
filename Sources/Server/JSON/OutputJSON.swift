import Notebook

/// Outputs as the web page reads them (`web/js/outputs.js`), from nbformat output JSON.
///
/// Stored outputs are nbformat JSON with pictures as `sha256:` references; live outputs are turned
/// into the same JSON first, so both paths share this one conversion.
enum OutputJSON {
    /// The page's output objects for a stored outputs list (`NotebookOutline.CellOutline.outputsJSON`).
    static func outputs(fromStoredJSON text: String, source: String) -> [JSONValue] {
        guard let list = try? JSONParser.parse(Array(text.utf8)).arrayValue else { return [] }
        return list.compactMap { output(fromNBFormat: $0, source: source) }
    }

    /// The page's object for one live output.
    static func output(_ output: CellOutput, source: String) -> JSONValue? {
        let text = IPYNBCodec.outputsJSON([output], pictures: .sha256Reference)
        return outputs(fromStoredJSON: text, source: source).first
    }

    /// One nbformat output object as the page's object.
    static func output(fromNBFormat value: JSONValue, source: String) -> JSONValue? {
        guard let object = value.objectValue, let type = object["output_type"]?.stringValue else { return nil }
        switch type {
        case "stream":
            return JSONIO.object([
                ("type", "stream"), ("name", object["name"] ?? "stdout"), ("text", .string(joined(object["text"]))),
            ])
        case "execute_result", "display_data":
            let data = object["data"]?.objectValue ?? JSONObject()
            let text = joined(data["text/plain"])
            let count = object["execution_count"] ?? .null
            // A live display's id (nbformat's transient.display_id), which `update` events name.
            let displayID: [(String, JSONValue)] =
                object["transient"]?.objectValue?["display_id"]?.stringValue.map { [("displayId", .string($0))] }
                ?? []
            if let reference = data["image/png"]?.stringValue,
                reference.hasPrefix(IPYNBCodec.sha256ReferencePrefix)
            {
                let hash = String(reference.dropFirst(IPYNBCodec.sha256ReferencePrefix.count))
                let size = object["metadata"]?.objectValue?["image/png"]?.objectValue
                return JSONIO.object(
                    [
                        ("type", "image"), ("sha256", .string(hash)),
                        ("width", size?["width"] ?? .null), ("height", size?["height"] ?? .null),
                        ("url", .string("/api/outputs/\(hash).png")), ("text", .string(text)),
                    ] + displayID)
            }
            return JSONIO.object(
                [("type", "result"), ("text", .string(text)), ("executionCount", count)] + displayID)
        case "error":
            let traceback = object["traceback"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let location = ErrorLocation.locate(traceback: traceback, source: source)
            return JSONIO.object([
                ("type", "error"), ("name", object["ename"] ?? ""), ("message", object["evalue"] ?? ""),
                ("traceback", .array(traceback.map { .string($0) })),
                ("line", location.map { JSONIO.number($0.line) } ?? .null),
                ("column", location.map { JSONIO.number($0.column) } ?? .null),
            ])
        default:
            return nil
        }
    }

    /// nbformat multiline text (a string or a list of lines) as one string.
    private static func joined(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text): text
        case .array(let lines): lines.compactMap(\.stringValue).joined()
        default: ""
        }
    }
}
