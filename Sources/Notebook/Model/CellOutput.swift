import Diagnostics

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
    /// A value shown explicitly, such as a picture. `displayID` is Jupyter's `transient.display_id`: the id a
    /// live display is shown under, so an ``OutputChange/update(id:_:)`` can redraw it in place. It travels
    /// with live outputs and is kept in the store, but not written to `.ipynb` files (Jupyter does not save it).
    case displayData(data: MimeBundle, metadata: JSONObject = JSONObject(), displayID: String? = nil)
    /// An exception that stopped the cell: its class name, message, traceback lines, and where in the cell
    /// it was raised (`nil` when the error has no place in the cell's code, such as a dead kernel).
    case error(name: ExceptionName, value: String, traceback: [String], location: ErrorLocation? = nil)

    /// The data bundle of a result or display, if this output has one.
    public var data: MimeBundle? {
        switch self {
        case .executeResult(_, let data, _), .displayData(let data, _, _): data
        case .stream, .error: nil
        }
    }

    /// The class name of an error output, else `nil`.
    public var exceptionName: ExceptionName? {
        if case .error(let name, _, _, _) = self { return name }
        return nil
    }

    /// Where an error output's exception was raised, if it says.
    public var errorLocation: ErrorLocation? {
        if case .error(_, _, _, let location) = self { return location }
        return nil
    }

    /// The display id of a `display_data` shown under one, else `nil`.
    public var displayID: String? {
        if case .displayData(_, _, let id) = self { return id }
        return nil
    }
}
