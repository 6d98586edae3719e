import Foundation

extension IPYNBCodec {
    /// The notebook as nbformat 4.5 JSON (before layout).
    public static func jsonValue(of notebook: NotebookDocument) -> JSONValue {
        var metadata = notebook.metadata
        metadata["kernelspec"] = kernelspec
        metadata["language_info"] = languageInfo
        metadata["title"] = .string(notebook.title)
        metadata[convbookMetadataKey] = [
            "id": .string(notebook.id),
            "created": .string(Timestamp.format(notebook.created)),
            "updated": .string(Timestamp.format(notebook.updated)),
        ]
        var top = JSONObject()
        top["cells"] = .array(notebook.cells.map(jsonValue(of:)))
        top["metadata"] = .object(metadata)
        top["nbformat"] = .number(Double(nbformat))
        top["nbformat_minor"] = .number(Double(nbformatMinor))
        return .object(top)
    }

    /// The kernelspec `convbook jupyter install` installs, so Jupyter opens the notebook with Convbook's kernel.
    public static let kernelspec: JSONValue = ["name": "convbook", "display_name": "Convbook", "language": "python"]

    /// `language_info` as ipykernel writes it (without the Python version, which Convbook has none of), so
    /// Jupyter, GitHub and editors highlight and save the code as Python.
    public static let languageInfo: JSONValue = [
        "codemirror_mode": ["name": "ipython", "version": 3], "file_extension": ".py", "mimetype": "text/x-python",
        "name": "python", "nbconvert_exporter": "python", "pygments_lexer": "ipython3",
    ]

    static func jsonValue(of cell: Cell) -> JSONValue {
        var metadata = cell.metadata
        metadata["tags"] = cell.tags.isEmpty ? nil : .array(cell.tags.map(JSONValue.string))
        metadata["execution"] = nil
        if let timing = cell.timing {
            var execution: JSONObject = ["iopub.execute_input": .string(Timestamp.format(timing.start))]
            if let end = timing.end { execution["shell.execute_reply"] = .string(Timestamp.format(end)) }
            metadata["execution"] = .object(execution)
        }
        if let location = cell.outputs.lazy.compactMap(\.errorLocation).last {
            // nbformat's error outputs have no metadata, so the location is kept in the cell's.
            var own = metadata[convbookMetadataKey]?.objectValue ?? JSONObject()
            own["errorLocation"] = location.jsonValue
            metadata[convbookMetadataKey] = .object(own)
        }
        var fields = JSONObject()
        fields["cell_type"] = .string(cell.kind.rawValue)
        fields["id"] = .string(cell.id.rawValue)
        fields["metadata"] = .object(metadata)
        fields["source"] = lines(cell.source)
        if cell.kind == .code {
            fields["execution_count"] = cell.executionCount.map { .number(Double($0)) } ?? .null
            fields["outputs"] = .array(cell.outputs.map { jsonValue(of: $0, transient: false) })
        }
        return .object(fields)
    }

    /// One output as nbformat JSON; with `transient`, a display's id is written as `transient.display_id`, as
    /// Jupyter's messages carry it, and an error's location as `metadata.convbook.location` (files leave both
    /// out: nbformat's schema has no place for them).
    static func jsonValue(of output: CellOutput, pictures: PictureEncoding = .inline, transient: Bool = true)
        -> JSONValue
    {
        switch output {
        case .stream(let name, let text):
            return ["output_type": "stream", "name": .string(name.rawValue), "text": lines(text)]
        case .executeResult(let count, let data, let metadata):
            return [
                "output_type": "execute_result",
                "execution_count": count.map { .number(Double($0)) } ?? .null,
                "data": jsonValue(of: data, pictures: pictures),
                "metadata": .object(metadata),
            ]
        case .displayData(let data, let metadata, let displayID):
            var fields: JSONObject = [
                "output_type": "display_data", "data": jsonValue(of: data, pictures: pictures),
                "metadata": .object(metadata),
            ]
            if transient, let displayID { fields["transient"] = ["display_id": .string(displayID)] }
            return .object(fields)
        case .error(let name, let value, let traceback, let location):
            var fields: JSONObject = [
                "output_type": "error", "ename": .string(name.rawValue), "evalue": .string(value),
                "traceback": .array(traceback.map(JSONValue.string)),
            ]
            // The store and the kernel protocol keep the location with the output; files keep it in the cell.
            if transient, let location {
                fields["metadata"] = [convbookMetadataKey: ["location": location.jsonValue]]
            }
            return .object(fields)
        }
    }

    static func jsonValue(of bundle: MimeBundle, pictures: PictureEncoding = .inline) -> JSONValue {
        var data = bundle.other
        if let png = bundle.png {
            switch pictures {
            case .inline: data["image/png"] = .string(Data(png.bytes).base64EncodedString())
            case .sha256Reference: data["image/png"] = .string(sha256ReferencePrefix + png.sha256)
            }
        }
        if let text = bundle.plainText { data["text/plain"] = lines(text) }
        return .object(data)
    }

    /// `<PNG image 64×48>`: the plain-text stand-in for a picture without a text form.
    static func placeholderText(for png: PNGImage) -> String {
        guard let size = png.size else { return "<PNG image>" }
        return "<PNG image \(size.width)×\(size.height)>"
    }

    /// Jupyter's multiline string: a list of lines, each ending in "\n" except the last (`[]` when empty).
    static func lines(_ text: String) -> JSONValue {
        .array(TextLines.splitKeepingNewlines(text).map(JSONValue.string))
    }
}
