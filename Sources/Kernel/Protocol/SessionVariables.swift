import struct Lang.SessionVariable

/// A session's variables, live or as of the last cell that finished.
///
/// While a cell runs, the session belongs to it and its variables cannot be read; a kernel whose variables
/// were asked for keeps a copy taken after each cell finishes and answers with that, saying which cell
/// (`asOf`, its `In [n]` number) it is from.
public struct SessionVariables: Sendable, Equatable {
    /// The variables, by name.
    public var variables: [SessionVariable]
    /// `nil` when they are the session's variables now; else the execution count of the cell after which
    /// they were taken (a later cell is running).
    public var asOf: Int?

    /// Creates a list.
    public init(_ variables: [SessionVariable], asOf: Int? = nil) {
        self.variables = variables
        self.asOf = asOf
    }
}
