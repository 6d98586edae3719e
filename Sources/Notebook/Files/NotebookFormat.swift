import Foundation

/// A notebook file format: its name (in `--format`, `?format=` and the page's export menu), file
/// extensions, media type, and how a document is read from and written to it.
///
/// Every place that offers formats — `convbook export`/`run`/`import`, the API's import and export routes,
/// the OpenAPI document, `GET /api/formats` that the page builds its export menu from — reads ``all``.
/// A new format is one new static value here plus its entry in ``all``.
public struct NotebookFormat: Sendable, Hashable, CustomStringConvertible {
    /// The short name: `ipynb`, `py`, `html`.
    public let name: String
    /// What a person calls it, for menus and help.
    public let title: String
    /// The file extensions it is written with and recognised by, lower case, without the dot; the first is
    /// the one written.
    public let extensions: [String]
    /// The `Content-Type` of a download.
    public let mediaType: String
    private let reader: (@Sendable ([UInt8], String, Date) throws(NotebookFileError) -> NotebookDocument)?
    private let writer: @Sendable (NotebookDocument) -> String

    /// Jupyter's `.ipynb` (nbformat 4.5).
    public static let ipynb = NotebookFormat(
        name: "ipynb", title: "Jupyter notebook", extensions: ["ipynb"], mediaType: "application/x-ipynb+json",
        reader: { bytes, name, now throws(NotebookFileError) in try IPYNBCodec.decode(bytes, fileName: name, now: now)
        },
        writer: IPYNBCodec.encode)

    /// A percent-format Python script (`# %%` cells), as Jupytext and VS Code write it.
    public static let percent = NotebookFormat(
        name: "py", title: "Python script (# %% cells)", extensions: ["py"], mediaType: "text/x-python; charset=utf-8",
        reader: { bytes, name, now throws(NotebookFileError) in
            try PercentFormat.decode(bytes, fileName: name, now: now)
        },
        writer: PercentFormat.encode)

    /// A standalone HTML page; written only.
    public static let html = NotebookFormat(
        name: "html", title: "HTML page", extensions: ["html", "htm"], mediaType: "text/html; charset=utf-8",
        reader: nil, writer: HTMLExporter.render)

    /// Every format, in the order menus list them.
    public static let all: [NotebookFormat] = [.ipynb, .percent, .html]

    /// The formats a notebook can be read from.
    public static var readable: [NotebookFormat] { all.filter(\.canRead) }

    /// The format with this short name, or `nil`.
    public static func named(_ name: String) -> NotebookFormat? {
        all.first { $0.name == name }
    }

    /// The format a file name's extension names, or `nil`.
    public init?(fileName: String) {
        let lowered = fileName.lowercased()
        guard
            let format = Self.all.first(where: { format in format.extensions.contains { lowered.hasSuffix("." + $0) } })
        else { return nil }
        self = format
    }

    private init(
        name: String, title: String, extensions: [String], mediaType: String,
        reader: (@Sendable ([UInt8], String, Date) throws(NotebookFileError) -> NotebookDocument)?,
        writer: @escaping @Sendable (NotebookDocument) -> String
    ) {
        self.name = name
        self.title = title
        self.extensions = extensions
        self.mediaType = mediaType
        self.reader = reader
        self.writer = writer
    }

    /// Whether notebooks can be read from this format (HTML is written only).
    public var canRead: Bool { reader != nil }

    /// The extension a written file gets, without the dot.
    public var fileExtension: String { extensions[0] }

    /// Reads a document from a file's bytes; `fileName` names it in errors and titles an untitled notebook.
    public func read(_ bytes: [UInt8], fileName: String, now: Date = Date()) throws(NotebookFileError)
        -> NotebookDocument
    {
        guard let reader else {
            throw NotebookFileError(
                file: fileName, kind: .unreadable,
                message: "a \(title) cannot be read back; read the \(Self.readableNames) notebook it came from")
        }
        return try reader(bytes, fileName, now)
    }

    /// The document as this format's text.
    public func write(_ document: NotebookDocument) -> String {
        writer(document)
    }

    /// ".ipynb or .py": the extensions of the readable formats, for messages.
    public static var readableNames: String { spoken(readable.map { "." + $0.fileExtension }) }
    /// ".ipynb, .py or .html": every format's extension, for messages.
    public static var allNames: String { spoken(all.map { "." + $0.fileExtension }) }

    /// "a, b or c".
    public static func spoken(_ words: [String]) -> String {
        guard let last = words.last else { return "" }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " or " + last
    }

    public var description: String { name }

    public static func == (lhs: NotebookFormat, rhs: NotebookFormat) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
