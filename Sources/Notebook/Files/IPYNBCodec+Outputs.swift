extension IPYNBCodec {
    /// How pictures are written in output JSON.
    public enum PictureEncoding: Sendable, Hashable {
        /// Base64 PNG bytes inline, as in `.ipynb` files.
        case inline
        /// `"image/png": "sha256:<hex>"`: the bytes are kept elsewhere (the store keeps each picture once).
        case sha256Reference
    }

    /// The prefix of a picture reference in `sha256Reference` encoding.
    public static let sha256ReferencePrefix = "sha256:"

    /// A cell's outputs as compact nbformat JSON text (for a database column).
    ///
    /// ```swift
    /// let text = IPYNBCodec.outputsJSON(cell.outputs, pictures: .sha256Reference)
    /// for png in notebook.pngImages { store.keep(png.sha256, png.bytes) }
    /// ```
    public static func outputsJSON(_ outputs: [CellOutput], pictures: PictureEncoding = .inline) -> String {
        JSONWriter.compact(.array(outputs.map { jsonValue(of: $0, pictures: pictures) }))
    }

    /// Outputs from `outputsJSON` text. `picture` returns the bytes for a SHA-256 hex digest; it is asked
    /// for every `sha256:` reference, and bytes that do not hash to the digest are refused.
    /// `source` names the data in errors (e.g. `"notebook 12, cell abc"`).
    public static func outputs(
        fromJSON text: String, source: String, picture: (@Sendable (String) -> [UInt8]?)? = nil
    ) throws(NotebookFileError) -> [CellOutput] {
        let bytes = Array(text.utf8)
        let json = try parseJSON(bytes, name: source)
        guard let list = json.arrayValue else {
            throw NotebookFileError(
                file: source, kind: .invalidStructure, message: "outputs must be a list, found \(json.typeDescription)")
        }
        let reader = IPYNBReader(fileName: source, now: .distantPast, picture: picture)
        var outputs: [CellOutput] = []
        do {
            for (position, value) in list.enumerated() {
                outputs.append(try reader.output(from: value, at: "outputs[\(position)]"))
            }
        } catch {
            throw locate(error, in: bytes, droppingFirst: 1)
        }
        return outputs
    }
}
