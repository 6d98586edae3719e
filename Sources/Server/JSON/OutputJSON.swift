import Notebook

/// Outputs as the web page reads them (`web/js/outputs.js`).
///
/// Live outputs are built from the values the kernel sent; stored outputs from the store's nbformat JSON
/// (pictures as `sha256:` references), which is how they are kept. Both make the same objects:
/// `{type: "stream", name, text}`, `{type: "result", text, executionCount, displayId?}`,
/// `{type: "image", sha256, width, height, url, text, displayId?}` and
/// `{type: "error", name, message, traceback, line, column, endLine, endColumn}` (the location of the
/// error in its cell, or nulls).
enum OutputJSON {
    /// The page's object for one output.
    static func output(_ output: CellOutput) -> JSONValue {
        switch output {
        case .stream(let name, let text):
            return stream(name: .string(name.rawValue), text: text)
        case .executeResult(let count, let data, let metadata):
            return bundle(
                data, metadata: metadata, executionCount: count.map(JSONIO.number) ?? .null, displayID: nil)
        case .displayData(let data, let metadata, let displayID):
            return bundle(data, metadata: metadata, executionCount: .null, displayID: displayID)
        case .error(let name, let value, let traceback, let location):
            return error(
                name: .string(name.rawValue), message: .string(value), traceback: traceback, location: location)
        }
    }

    /// The page's objects for a stored outputs list (`NotebookOutline.CellOutline.outputsJSON`).
    static func outputs(fromStoredJSON text: String) -> [JSONValue] {
        guard let list = try? JSONParser.parse(Array(text.utf8)).arrayValue else { return [] }
        return list.compactMap(output(fromStored:))
    }

    /// One stored nbformat output object as the page's object.
    static func output(fromStored value: JSONValue) -> JSONValue? {
        guard let object = value.objectValue, let type = object["output_type"]?.stringValue else { return nil }
        switch type {
        case "stream":
            return stream(name: object["name"] ?? "stdout", text: joined(object["text"]))
        case "execute_result", "display_data":
            let data = object["data"]?.objectValue ?? JSONObject()
            let text = joined(data["text/plain"])
            let displayID = object["transient"]?.objectValue?["display_id"]?.stringValue
            if let reference = data["image/png"]?.stringValue,
                reference.hasPrefix(IPYNBCodec.sha256ReferencePrefix)
            {
                let size = object["metadata"]?.objectValue?["image/png"]?.objectValue
                return image(
                    sha256: String(reference.dropFirst(IPYNBCodec.sha256ReferencePrefix.count)), size: size,
                    text: text, displayID: displayID)
            }
            return result(text: text, executionCount: object["execution_count"] ?? .null, displayID: displayID)
        case "error":
            let traceback = object["traceback"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let location = object["metadata"]?.objectValue?[IPYNBCodec.convbookMetadataKey]?.objectValue?["location"]
                .flatMap(ErrorLocation.init(jsonValue:))
            return error(
                name: object["ename"] ?? "", message: object["evalue"] ?? "", traceback: traceback, location: location)
        default:
            return nil
        }
    }

    // MARK: - The page's objects

    private static func stream(name: JSONValue, text: String) -> JSONValue {
        JSONIO.object([("type", "stream"), ("name", name), ("text", .string(text))])
    }

    private static func bundle(
        _ data: MimeBundle, metadata: JSONObject, executionCount: JSONValue, displayID: String?
    ) -> JSONValue {
        let text = data.plainText ?? ""
        if let png = data.png {
            return image(
                sha256: png.sha256, size: metadata["image/png"]?.objectValue, text: text, displayID: displayID)
        }
        return result(text: text, executionCount: executionCount, displayID: displayID)
    }

    private static func image(sha256: String, size: JSONObject?, text: String, displayID: String?) -> JSONValue {
        JSONIO.object(
            [
                ("type", "image"), ("sha256", .string(sha256)),
                ("width", size?["width"] ?? .null), ("height", size?["height"] ?? .null),
                ("url", .string("/api/outputs/\(sha256).png")), ("text", .string(text)),
            ] + displayMember(displayID))
    }

    private static func result(text: String, executionCount: JSONValue, displayID: String?) -> JSONValue {
        JSONIO.object(
            [("type", "result"), ("text", .string(text)), ("executionCount", executionCount)]
                + displayMember(displayID))
    }

    /// A live display's id (nbformat's `transient.display_id`), which `update` events name.
    private static func displayMember(_ displayID: String?) -> [(String, JSONValue)] {
        displayID.map { [("displayId", .string($0))] } ?? []
    }

    private static func error(
        name: JSONValue, message: JSONValue, traceback: [String], location: ErrorLocation?
    ) -> JSONValue {
        JSONIO.object([
            ("type", "error"), ("name", name), ("message", message),
            ("traceback", .array(traceback.map { .string($0) })),
            ("line", location.map { JSONIO.number($0.line) } ?? .null),
            ("column", location.map { JSONIO.number($0.column) } ?? .null),
            ("endLine", location.map { JSONIO.number($0.endLine) } ?? .null),
            ("endColumn", location.map { JSONIO.number($0.endColumn) } ?? .null),
        ])
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
