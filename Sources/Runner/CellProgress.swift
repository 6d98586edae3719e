import Notebook

/// A report sent after each code cell of a run finishes, so a caller can stream outputs as they come.
public struct CellProgress: Sendable {
    /// 1-based position of the cell among the notebook's code cells.
    public var position: Int
    /// How many code cells the notebook has.
    public var count: Int
    /// The cell's index in the notebook's `cells`.
    public var cellIndex: Int
    /// The cell's id.
    public var cellID: CellID
    /// The source the cell ran.
    public var source: String
    /// The cell's execution count.
    public var executionCount: Int
    /// How long the cell ran, drawing its pictures included.
    public var elapsed: Duration
    /// What the cell produced (an error output last if it raised).
    public var outputs: [CellOutput]

    /// Whether the cell raised.
    public var raised: Bool {
        outputs.contains { output in
            if case .error = output { return true }
            return false
        }
    }
}
