import Foundation

/// Reads and writes Jupyter notebooks (`.ipynb`, nbformat 4.5).
///
/// Export writes what Jupyter writes (sorted keys, one-space indent, sources as lists of lines) with
/// kernelspec `convbook` (display name `Convbook`, language `python`) and `language_info` as ipykernel
/// writes it for Python, so Jupyter resolves the kernel once it is installed and highlights the code.
/// Import accepts any nbformat 4 file: markdown, code and raw cells with their ids, tags, outputs and
/// timing; unknown output MIME types and other metadata are kept verbatim. Markdown-cell attachments are
/// dropped (Convbook has nowhere to show them). Cells without ids (nbformat before 4.5) get fresh ones.
///
/// ```swift
/// let notebook = try IPYNBCodec.decode(bytes, fileName: "lesson.ipynb")
/// let text = IPYNBCodec.encode(notebook)
/// ```
public enum IPYNBCodec {
    /// The nbformat version written: 4.5, the first with cell ids.
    public static let nbformat = 4
    /// The nbformat minor version written.
    public static let nbformatMinor = 5
    /// The key under the notebook metadata where Convbook keeps its own notebook id and dates.
    public static let convbookMetadataKey = "convbook"

    /// Parses an `.ipynb` file's bytes. `fileName` names the file in errors and gives the title when the
    /// notebook has none; `now` dates notebooks that carry no Convbook dates.
    public static func decode(
        _ bytes: [UInt8], fileName: String, now: Date = Date(), maxFileSize: Int = NotebookFiles.maxFileSize
    ) throws(NotebookFileError) -> NotebookDocument {
        if bytes.count > maxFileSize {
            throw NotebookFiles.tooLarge(file: fileName, size: bytes.count, limit: maxFileSize)
        }
        let json = try parseJSON(bytes, name: fileName)
        do {
            return try IPYNBReader(fileName: fileName, now: now).notebook(from: json)
        } catch {
            throw locate(error, in: bytes)
        }
    }

    /// The error with the line and column of the value its `path` names (found again only now, on failure,
    /// so reading a good file keeps no positions).
    /// `droppingFirst` skips leading path steps that name the document itself (an outputs list is `outputs`).
    static func locate(_ error: NotebookFileError, in bytes: [UInt8], droppingFirst: Int = 0) -> NotebookFileError {
        guard error.position == nil, let path = error.path else { return error }
        var located = error
        let components = Array(JSONPath.components(of: path).dropFirst(droppingFirst))
        let offset = JSONParser.offset(of: components, in: bytes)
        located.position = SourcePosition.locate(offset: offset, in: bytes)
        return located
    }

    /// Parses JSON text, turning a syntax error into a `NotebookFileError` with line and column.
    static func parseJSON(_ bytes: [UInt8], name: String) throws(NotebookFileError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw NotebookFileError(
                file: name, kind: error.isDepthLimit ? .tooDeep : .malformedJSON,
                position: SourcePosition.locate(offset: error.offset, in: bytes),
                message: error.isDepthLimit ? error.message : "malformed JSON: \(error.message)")
        }
    }

    /// The notebook as `.ipynb` text, byte for byte as Jupyter would write it.
    public static func encode(_ notebook: NotebookDocument) -> String {
        JSONWriter.jupyter(jsonValue(of: notebook))
    }
}
