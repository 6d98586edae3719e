/// Where in its cell an error was raised: the range of the innermost traceback frame that lies in the
/// cell's own code, as 1-based lines and columns (columns count characters; the end is exclusive).
///
/// The interpreter knows the range; it travels with the `error` output (``CellOutput/error(name:value:traceback:location:)``)
/// to the page, which highlights the line, to the store, and to `.ipynb` files, where nbformat's error
/// outputs have no room for it and it is kept in the cell's metadata (`metadata.convbook.errorLocation`).
public struct ErrorLocation: Sendable, Hashable, Codable {
    /// The cell the range is in.
    public var cellID: String
    /// The first line of the range.
    public var line: Int
    /// The column of its first character.
    public var column: Int
    /// The last line of the range.
    public var endLine: Int
    /// The column just after its last character.
    public var endColumn: Int

    /// A range in cell `cellID`.
    public init(cellID: String, line: Int, column: Int, endLine: Int, endColumn: Int) {
        self.cellID = cellID
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
    }
}

extension ErrorLocation {
    /// `{"cellId": …, "line": …, "column": …, "endLine": …, "endColumn": …}`: the form the store, the kernel
    /// protocol, the page and `.ipynb` metadata share.
    public var jsonValue: JSONValue {
        [
            "cellId": .string(cellID), "line": .number(Double(line)), "column": .number(Double(column)),
            "endLine": .number(Double(endLine)), "endColumn": .number(Double(endColumn)),
        ]
    }

    /// The location in `value` (the form ``jsonValue`` writes), or `nil` when it is not one: a location is
    /// a convenience for the reader, so a damaged one is dropped rather than refusing the notebook.
    public init?(jsonValue value: JSONValue) {
        guard let fields = value.objectValue, let cellID = fields["cellId"]?.stringValue else { return nil }
        func number(_ key: String) -> Int? {
            guard case .number(let number)? = fields[key], let whole = Int(exactly: number), whole >= 1 else {
                return nil
            }
            return whole
        }
        guard let line = number("line"), let column = number("column"), let endLine = number("endLine"),
            let endColumn = number("endColumn")
        else { return nil }
        self.init(cellID: cellID, line: line, column: column, endLine: endLine, endColumn: endColumn)
    }
}
