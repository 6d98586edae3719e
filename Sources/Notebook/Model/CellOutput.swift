/// One output of a code cell, in nbformat's four kinds.
public enum CellOutput: Sendable, Hashable, Codable {
    /// Which stream printed text went to.
    public enum StreamName: String, Sendable, Hashable, Codable {
        /// Standard output (`print`).
        case stdout
        /// Standard error (warnings).
        case stderr
    }

    /// Text printed while the cell ran.
    case stream(StreamName, text: String)
    /// The value of the cell's last expression.
    case executeResult(executionCount: Int?, data: MimeBundle, metadata: JSONObject = JSONObject())
    /// A value shown explicitly, such as a picture.
    case displayData(data: MimeBundle, metadata: JSONObject = JSONObject())
    /// An exception that stopped the cell: its type name, message, and traceback lines.
    case error(name: String, value: String, traceback: [String])

    /// The data bundle of a result or display, if this output has one.
    public var data: MimeBundle? {
        switch self {
        case .executeResult(_, let data, _), .displayData(let data, _): data
        case .stream, .error: nil
        }
    }
}
