/// One cell to run: its id and the code it runs.
///
/// The one form a cell takes on its way to the interpreter: the server's queue holds it, ``KernelManager``
/// numbers it into a ``KernelRequest/execute(run:_:)`` and the kernel's runner thread evaluates it. Only
/// the language's `Source`, made from it in the kernel, is another.
public struct CellRun: Sendable, Hashable {
    /// The cell's id, which its events and an error's location name.
    public var cellID: String
    /// The code to evaluate.
    public var code: String

    /// The cell `cellID` with `code`.
    public init(cellID: String, code: String) {
        self.cellID = cellID
        self.code = code
    }
}
