import Notebook

/// What a notebook run produced: the executed notebook and how the run ended.
public struct NotebookRunResult: Sendable {
    /// The notebook with outputs, execution counts and timings of the cells that ran (cells that did
    /// not run have none), including the `injected-parameters` cell if parameters were given.
    public var notebook: NotebookDocument
    /// How the run ended.
    public var outcome: RunOutcome
    /// How many code cells ran (the interrupted one included).
    public var cellsRun: Int
    /// How many code cells the notebook has.
    public var codeCellCount: Int
    /// The indices (in `notebook.cells`) of the cells that raised.
    public var failedCells: [Int]
    /// Wall-clock time of the whole run.
    public var elapsed: Duration
}
