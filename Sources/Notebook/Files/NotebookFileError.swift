/// Why a notebook file could not be read or written: the file, what went wrong, and where.
///
/// Errors are data. `description` is the one place that turns them into text:
/// `lesson.ipynb:3:14: malformed JSON: expected ',' or '}' after an object member, found '"'`, or
/// `lesson.ipynb:40:10: cells[5].id 'abc' duplicates cells[2]` for a problem in the notebook's structure
/// (its `path` is part of the message, and the line and column are those of the offending value).
public struct NotebookFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The category of problem, for callers that react differently (the CLI exits 2 for all of them).
    public enum Kind: String, Sendable, Hashable {
        /// The file could not be opened or read.
        case unreadable
        /// The file could not be written.
        case unwritable
        /// The file is over the size limit; it was not parsed.
        case tooLarge
        /// The text is not valid JSON.
        case malformedJSON
        /// The JSON nests deeper than the parser allows.
        case tooDeep
        /// Not an nbformat 4 notebook.
        case unsupportedVersion
        /// A required key is missing or a value has the wrong type.
        case invalidStructure
        /// A `cell_type` Convbook does not know.
        case unknownCellType
        /// An `output_type` or stream name Convbook does not know.
        case unknownOutputType
        /// A cell id that breaks nbformat's rule.
        case invalidCellID
        /// Two cells with the same id.
        case duplicateCellID
        /// A percent-format (`# %%`) file that cannot be read.
        case invalidPercentFormat
    }

    /// The file's name as the user gave it.
    public var file: String
    /// The category of problem.
    public var kind: Kind
    /// Line and column of the problem, when known.
    public var position: SourcePosition?
    /// Where in the notebook's structure, e.g. `cells[3].cell_type` (empty for the whole file; `nil` when
    /// the problem is in the text itself).
    public var path: String?
    /// A complete sentence that says what is wrong (and where in the notebook, if that is known).
    public var message: String

    /// Creates an error.
    public init(file: String, kind: Kind, position: SourcePosition? = nil, path: String? = nil, message: String) {
        self.file = file
        self.kind = kind
        self.position = position
        self.path = path
        self.message = message
    }

    public var description: String {
        if let position { return "\(file):\(position.line):\(position.column): \(message)" }
        return "\(file): \(message)"
    }
}
