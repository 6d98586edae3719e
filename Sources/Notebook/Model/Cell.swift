/// One cell of a notebook.
///
/// Tags and the timing of the last run are fields of their own; anything else found in the cell's
/// metadata is kept in `metadata` and written back unchanged.
public struct Cell: Sendable, Hashable, Codable, Identifiable {
    /// The kind of cell.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Code that runs.
        case code
        /// Markdown prose.
        case markdown
        /// Raw text passed through untouched by Jupyter (kept so imports lose nothing).
        case raw
    }

    /// The tag that marks the cell holding a notebook's parameters (papermill's convention).
    public static let parametersTag = "parameters"
    /// The tag of the cell a runner inserts with parameter values given on the command line.
    public static let injectedParametersTag = "injected-parameters"

    /// The stable identifier.
    public var id: CellID
    /// Code, markdown or raw.
    public var kind: Kind
    /// The text of the cell.
    public var source: String
    /// Tags, in order, e.g. `parameters`.
    public var tags: [String]
    /// The run counter of the last run (code cells only).
    public var executionCount: Int?
    /// Outputs of the last run (code cells only).
    public var outputs: [CellOutput]
    /// When the last run started and ended.
    public var timing: CellTiming?
    /// Other cell metadata, kept verbatim.
    public var metadata: JSONObject

    /// Creates a cell; a new random id is made unless one is given.
    public init(
        id: CellID = .random(), kind: Kind, source: String, tags: [String] = [], executionCount: Int? = nil,
        outputs: [CellOutput] = [], timing: CellTiming? = nil, metadata: JSONObject = JSONObject()
    ) {
        self.id = id
        self.kind = kind
        self.source = source
        self.tags = tags
        self.executionCount = executionCount
        self.outputs = outputs
        self.timing = timing
        self.metadata = metadata
    }

    /// A code cell.
    public static func code(_ source: String, tags: [String] = []) -> Cell {
        Cell(kind: .code, source: source, tags: tags)
    }

    /// A markdown cell.
    public static func markdown(_ source: String, tags: [String] = []) -> Cell {
        Cell(kind: .markdown, source: source, tags: tags)
    }
}
