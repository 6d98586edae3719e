import Diagnostics
import Foundation

/// Turns parsed `.ipynb` JSON into a `NotebookDocument`, naming the exact place of every problem
/// (`cells[3].cell_type 'foo'`).
struct IPYNBReader {
    let fileName: String
    let now: Date
    /// Looks up the bytes of a picture stored by hash (`"image/png": "sha256:…"`); `nil` for files,
    /// where pictures are always inline base64.
    var picture: (@Sendable (String) -> [UInt8]?)? = nil

    func notebook(from json: JSONValue) throws(NotebookFileError) -> NotebookDocument {
        guard let top = json.objectValue else {
            throw fail(.invalidStructure, at: "", "the top level must be a JSON object, found \(json.typeDescription)")
        }
        guard let version = top["nbformat"] else {
            throw fail(.unsupportedVersion, at: "", "missing required key 'nbformat' (is this a Jupyter notebook?)")
        }
        guard let major = version.intValue else {
            throw fail(
                .unsupportedVersion, at: "nbformat", "nbformat must be an integer, found \(version.typeDescription)")
        }
        guard major == IPYNBCodec.nbformat else {
            throw fail(
                .unsupportedVersion, at: "nbformat",
                "nbformat \(major) is not supported; Convbook reads nbformat 4 (Jupyter can upgrade older notebooks)")
        }
        var metadata = try object(top["metadata"] ?? .object(JSONObject()), at: "metadata")
        let cellValues = try array(try required(top, "cells", at: ""), at: "cells")

        var seen: [CellID: Int] = [:]
        var cells: [Cell] = []
        var cellsWithoutID: [Int] = []
        for (position, value) in cellValues.enumerated() {
            let path = "cells[\(position)]"
            let (cell, hadID) = try self.cell(from: value, at: path)
            if hadID {
                if let first = seen[cell.id] {
                    throw fail(.duplicateCellID, at: "\(path).id", "\(path).id '\(cell.id)' duplicates cells[\(first)]")
                }
                seen[cell.id] = position
            } else {
                cellsWithoutID.append(position)
            }
            cells.append(cell)
        }
        var taken = Set(seen.keys)
        for position in cellsWithoutID {
            let id = CellID.random(avoiding: taken)
            taken.insert(id)
            cells[position].id = id
        }

        let title = metadata["title"]?.stringValue ?? NotebookDocument.title(cells: cells, fileName: fileName)
        let own = metadata[IPYNBCodec.convbookMetadataKey]?.objectValue ?? JSONObject()
        let created = own["created"]?.stringValue.flatMap(Timestamp.parse) ?? now
        let updated = own["updated"]?.stringValue.flatMap(Timestamp.parse) ?? created
        let id = own["id"]?.stringValue ?? UUID().uuidString.lowercased()
        // What export writes afresh is not kept, so a round trip does not duplicate it.
        for key in ["title", "kernelspec", "language_info", IPYNBCodec.convbookMetadataKey] { metadata[key] = nil }
        return NotebookDocument(
            id: id, title: title, created: created, updated: updated, metadata: metadata, cells: cells)
    }

    // MARK: - Cells

    private func cell(from value: JSONValue, at path: String) throws(NotebookFileError) -> (Cell, hadID: Bool) {
        let fields = try object(value, at: path)
        let typeValue = try required(fields, "cell_type", at: path)
        let typeName = try string(typeValue, at: "\(path).cell_type")
        guard let kind = Cell.Kind(rawValue: typeName) else {
            throw fail(
                .unknownCellType, at: "\(path).cell_type",
                "\(path).cell_type \(MessageQuoting.quote(typeName)) is not a cell type Convbook knows "
                    + "(code, markdown, raw)"
            )
        }
        var id = CellID.random()
        var hadID = false
        if let idValue = fields["id"] {
            let text = try string(idValue, at: "\(path).id")
            guard let valid = CellID(text) else {
                throw fail(
                    .invalidCellID, at: "\(path).id",
                    "\(path).id \(MessageQuoting.quote(text)) is not a valid cell id "
                        + "(1 to 64 letters, digits, '_' or '-')"
                )
            }
            id = valid
            hadID = true
        }
        let source = try multilineString(try required(fields, "source", at: path), at: "\(path).source")
        var metadata = try object(fields["metadata"] ?? .object(JSONObject()), at: "\(path).metadata")
        let tags = try self.tags(metadata["tags"], at: "\(path).metadata.tags")
        let timing = metadata["execution"]?.objectValue.flatMap(timing(from:))
        metadata["tags"] = nil
        metadata["execution"] = nil

        var executionCount: Int?
        var outputs: [CellOutput] = []
        if kind == .code {
            executionCount = try optionalInt(fields["execution_count"], at: "\(path).execution_count")
            let outputValues = try array(fields["outputs"] ?? .array([]), at: "\(path).outputs")
            for (position, output) in outputValues.enumerated() {
                outputs.append(try self.output(from: output, at: "\(path).outputs[\(position)]"))
            }
        }
        if let location = Self.takeErrorLocation(from: &metadata) {
            // nbformat's error outputs have no metadata, so a file keeps the location in its cell's.
            if let last = outputs.lastIndex(where: { $0.exceptionName != nil }),
                case .error(let name, let value, let traceback, nil) = outputs[last]
            {
                outputs[last] = .error(name: name, value: value, traceback: traceback, location: location)
            }
        }
        let cell = Cell(
            id: id, kind: kind, source: source, tags: tags, executionCount: executionCount, outputs: outputs,
            timing: timing, metadata: metadata)
        return (cell, hadID)
    }

    /// Removes `convbook.errorLocation` from a cell's metadata (and `convbook` if nothing else is left in it),
    /// returning the location it held.
    private static func takeErrorLocation(from metadata: inout JSONObject) -> ErrorLocation? {
        let key = IPYNBCodec.convbookMetadataKey
        guard var own = metadata[key]?.objectValue, let value = own["errorLocation"] else { return nil }
        own["errorLocation"] = nil
        metadata[key] = own.isEmpty ? nil : .object(own)
        return ErrorLocation(jsonValue: value)
    }

    private func tags(_ value: JSONValue?, at path: String) throws(NotebookFileError) -> [String] {
        guard let value else { return [] }
        var tags: [String] = []
        for (position, element) in try array(value, at: path).enumerated() {
            tags.append(try string(element, at: "\(path)[\(position)]"))
        }
        return tags
    }

    /// Timing from JupyterLab's `execution` keys; a cell whose timing cannot be read simply has none.
    private func timing(from execution: JSONObject) -> CellTiming? {
        let startKeys = ["iopub.execute_input", "shell.execute_reply.started", "iopub.status.busy"]
        let endKeys = ["shell.execute_reply", "iopub.status.idle"]
        func date(_ keys: [String]) -> Date? {
            keys.lazy.compactMap { execution[$0]?.stringValue.flatMap(Timestamp.parse) }.first
        }
        guard let start = date(startKeys) else { return nil }
        return CellTiming(start: start, end: date(endKeys))
    }

    // MARK: - Outputs

    func output(from value: JSONValue, at path: String) throws(NotebookFileError) -> CellOutput {
        let fields = try object(value, at: path)
        let type = try string(try required(fields, "output_type", at: path), at: "\(path).output_type")
        switch type {
        case "stream":
            let name = try string(try required(fields, "name", at: path), at: "\(path).name")
            guard let stream = CellOutput.StreamName(rawValue: name) else {
                throw fail(
                    .unknownOutputType, at: "\(path).name",
                    "\(path).name \(MessageQuoting.quote(name)) is not a stream Convbook knows (stdout, stderr)")
            }
            return .stream(
                stream, text: try multilineString(try required(fields, "text", at: path), at: "\(path).text"))
        case "execute_result":
            return .executeResult(
                executionCount: try optionalInt(fields["execution_count"], at: "\(path).execution_count"),
                data: try bundle(try required(fields, "data", at: path), at: "\(path).data"),
                metadata: try object(fields["metadata"] ?? .object(JSONObject()), at: "\(path).metadata"))
        case "display_data":
            return .displayData(
                data: try bundle(try required(fields, "data", at: path), at: "\(path).data"),
                metadata: try object(fields["metadata"] ?? .object(JSONObject()), at: "\(path).metadata"),
                displayID: try displayID(fields["transient"], at: "\(path).transient"))
        case "error":
            let name = try string(try required(fields, "ename", at: path), at: "\(path).ename")
            let value = try string(try required(fields, "evalue", at: path), at: "\(path).evalue")
            var traceback: [String] = []
            let lines = try array(try required(fields, "traceback", at: path), at: "\(path).traceback")
            for (position, line) in lines.enumerated() {
                traceback.append(try string(line, at: "\(path).traceback[\(position)]"))
            }
            let location = fields["metadata"]?.objectValue?[IPYNBCodec.convbookMetadataKey]?.objectValue?["location"]
                .flatMap(ErrorLocation.init(jsonValue:))
            return .error(name: ExceptionName(name), value: value, traceback: traceback, location: location)
        default:
            throw fail(
                .unknownOutputType, at: "\(path).output_type",
                "\(path).output_type \(MessageQuoting.quote(type)) is not an output type Convbook knows "
                    + "(stream, execute_result, display_data, error)")
        }
    }

    private func bundle(_ value: JSONValue, at path: String) throws(NotebookFileError) -> MimeBundle {
        var other = try object(value, at: path)
        var bundle = MimeBundle()
        if let text = other["text/plain"] {
            bundle.text = try multilineString(text, at: "\(path)['text/plain']")
            other["text/plain"] = nil
        }
        if let png = other["image/png"] {
            let base64 = try multilineString(png, at: "\(path)['image/png']")
            if let picture, base64.hasPrefix(IPYNBCodec.sha256ReferencePrefix) {
                let hash = String(base64.dropFirst(IPYNBCodec.sha256ReferencePrefix.count))
                guard let bytes = picture(hash) else {
                    throw fail(
                        .invalidStructure, at: "\(path)['image/png']",
                        "\(path)['image/png'] refers to picture \(hash), which is missing")
                }
                let image = PNGImage(bytes: bytes)
                guard image.sha256 == hash else {
                    throw fail(
                        .invalidStructure, at: "\(path)['image/png']",
                        "\(path)['image/png']: the bytes stored for \(hash) hash to \(image.sha256)")
                }
                bundle.png = image
                other["image/png"] = nil
                bundle.other = other
                return bundle
            }
            guard let bytes = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else {
                throw fail(.invalidStructure, at: "\(path)['image/png']", "\(path)['image/png'] is not valid base64")
            }
            bundle.png = PNGImage(bytes: [UInt8](bytes))
            other["image/png"] = nil
        }
        bundle.other = other
        return bundle
    }

    // MARK: - Typed access with paths

    /// An error about the value at `path` (`cells[3].cell_type`; empty for the whole file).
    private func fail(_ kind: NotebookFileError.Kind, at path: String, _ message: String) -> NotebookFileError {
        NotebookFileError(file: fileName, kind: kind, path: path, message: message)
    }

    private func required(_ object: JSONObject, _ key: String, at path: String) throws(NotebookFileError) -> JSONValue {
        guard let value = object[key] else {
            throw fail(
                .invalidStructure, at: path,
                "\(path.isEmpty ? "the top level" : path) is missing the required key '\(key)'")
        }
        return value
    }

    private func object(_ value: JSONValue, at path: String) throws(NotebookFileError) -> JSONObject {
        guard let object = value.objectValue else {
            throw fail(.invalidStructure, at: path, "\(path) must be an object, found \(value.typeDescription)")
        }
        return object
    }

    private func array(_ value: JSONValue, at path: String) throws(NotebookFileError) -> [JSONValue] {
        guard let array = value.arrayValue else {
            throw fail(.invalidStructure, at: path, "\(path) must be a list, found \(value.typeDescription)")
        }
        return array
    }

    private func string(_ value: JSONValue, at path: String) throws(NotebookFileError) -> String {
        guard let string = value.stringValue else {
            throw fail(.invalidStructure, at: path, "\(path) must be a string, found \(value.typeDescription)")
        }
        return string
    }

    /// `transient.display_id` of a display, as Jupyter's messages and Convbook's store carry it: a string, or
    /// absent; other transient fields are dropped, as Jupyter drops them.
    private func displayID(_ transient: JSONValue?, at path: String) throws(NotebookFileError) -> String? {
        guard let transient, transient != .null else { return nil }
        let fields = try object(transient, at: path)
        guard let id = fields["display_id"], id != .null else { return nil }
        return try string(id, at: "\(path).display_id")
    }

    private func optionalInt(_ value: JSONValue?, at path: String) throws(NotebookFileError) -> Int? {
        guard let value, value != .null else { return nil }
        guard let number = value.intValue else {
            throw fail(
                .invalidStructure, at: path, "\(path) must be an integer or null, found \(value.typeDescription)")
        }
        return number
    }

    /// nbformat stores text either as one string or as a list of strings to concatenate.
    private func multilineString(_ value: JSONValue, at path: String) throws(NotebookFileError) -> String {
        switch value {
        case .string(let text):
            return text
        case .array(let parts):
            var text = ""
            for (position, part) in parts.enumerated() {
                guard let piece = part.stringValue else {
                    throw fail(
                        .invalidStructure, at: "\(path)[\(position)]",
                        "\(path)[\(position)] must be a string, found \(part.typeDescription)")
                }
                text += piece
            }
            return text
        default:
            throw fail(
                .invalidStructure, at: path,
                "\(path) must be a string or a list of strings, found \(value.typeDescription)")
        }
    }
}
