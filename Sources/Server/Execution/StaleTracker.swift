/// Which cells of one notebook are stale or superseded, from the runs of the current session.
///
/// Definitions are tracked per name, in run order: each run records, for every name its source reads,
/// which run of which cell provided the value it read, and every name it defines gets a new definition.
/// From that history (``marks(_:)``):
///
/// - A cell is **stale** when its source changed since it ran; when the session that ran it ended without
///   a restart being asked for (``sessionEnded()``); or when a name it read was redefined after it read
///   it, either by a re-run of the cell it read it from or by a cell that stands between that cell and it
///   in the notebook (the one it would read the name from if the notebook ran top to bottom). A cell
///   further down redefining the name later is the notebook's ordinary flow, so "Run all" leaves nothing
///   stale.
/// - A cell is **superseded** when every name it defined has since been redefined by a later run of a cell
///   below it: its results no longer matter, so it is not stale and "Run stale" leaves it alone (an edit
///   still makes it stale).
/// - A cell whose source rebinds a name it also reads (`K = f(K)`, `x += 1`) is not repeatable: running
///   it again works on the value it made itself; ``rerunPlan(_:)`` names it unless the value it would read
///   comes fresh from a cell above it.
///
/// Cells that never ran in this session are neither.
///
/// ```swift
/// var tracker = StaleTracker()
/// tracker.recordRun(cellID: "a", source: "X = 1", defines: ["X"], uses: [])
/// tracker.recordRun(cellID: "b", source: "Y = X + 1", defines: ["Y"], uses: ["X"])
/// tracker.recordRun(cellID: "a", source: "X = 1", defines: ["X"], uses: [])
/// tracker.marks(cells)["b"]   // .stale(.redefined(name: "X", byCell: "a"))
/// ```
struct StaleTracker: Sendable {
    /// One run of a cell: when (a sequence number), the source it ran, what it defined and what it read.
    struct RunRecord: Sendable {
        var sequence: Int
        var source: String
        var defines: Set<String>
        /// Each name the source reads, with the run that provided the value read (`nil`: no run of this
        /// session had defined it, e.g. a builtin).
        var reads: [String: Definition?]
    }

    /// A definition of a name: the run that made it and its cell.
    struct Definition: Sendable, Hashable {
        var sequence: Int
        var cellID: String
    }

    /// A cell as it is now.
    struct CellState: Sendable {
        var id: String
        var source: String
        var defines: Set<String>
        var uses: Set<String>
    }

    /// Why a cell is stale.
    enum StaleReason: Sendable, Hashable {
        /// Its source changed since it ran.
        case edited
        /// The session that ran it ended (idle timeout, kernel exit): its variables are gone.
        case sessionEnded
        /// `name`, which it read, was redefined later by `byCell` (see the type's rules).
        case redefined(name: String, byCell: String)
    }

    /// How a cell that ran is shown.
    enum Mark: Sendable, Hashable {
        /// Its results no longer match the code or the values it read.
        case stale(StaleReason)
        /// Every name it defined (`names`) was redefined later by cells below it (`byCells`, in notebook order).
        case superseded(names: [String], byCells: [String])

        /// Whether it is `.stale`.
        var isStale: Bool {
            if case .stale = self { return true }
            return false
        }

        /// Whether it is `.superseded`.
        var isSuperseded: Bool {
            if case .superseded = self { return true }
            return false
        }
    }

    /// The last run of every cell that ran in this session.
    private(set) var runs: [String: RunRecord] = [:]
    /// For each name, the cells that defined it in this session and the sequence of their latest such run.
    private(set) var definitions: [String: [String: Int]] = [:]
    /// Cells that ran in a session that has ended unasked: stale until they run again.
    private(set) var lostCells: Set<String> = []
    private var sequence = 0

    /// Records that a cell ran `source` (called when it starts): its reads resolve to the latest
    /// definitions, then the names it defines get it as their latest definition.
    mutating func recordRun(cellID: String, source: String, defines: Set<String>, uses: Set<String>) {
        sequence += 1
        var reads: [String: Definition?] = [:]
        for name in uses { reads[name] = latestDefinition(of: name) }
        runs[cellID] = RunRecord(sequence: sequence, source: source, defines: defines, reads: reads)
        for name in defines { definitions[name, default: [:]][cellID] = sequence }
        lostCells.remove(cellID)
    }

    /// Forgets every run (the session restarted on request): nothing is stale.
    mutating func reset() {
        runs = [:]
        definitions = [:]
        lostCells = []
    }

    /// The session ended without being asked to (its kernel was stopped after being idle, or exited):
    /// every cell that ran in it is stale until it runs again. `running`, a cell that started just as it
    /// ended, runs in the next session and keeps its record.
    mutating func sessionEnded(keeping running: String? = nil) {
        let kept = running.flatMap { runs[$0] }
        lostCells.formUnion(runs.keys.filter { $0 != running })
        runs = [:]
        definitions = [:]
        if let running, let kept {
            runs[running] = kept
            for name in kept.defines { definitions[name, default: [:]][running] = kept.sequence }
        }
    }

    /// The latest definition of `name` in this session.
    func latestDefinition(of name: String) -> Definition? {
        guard let cells = definitions[name], let latest = cells.max(by: { $0.value < $1.value }) else { return nil }
        return Definition(sequence: latest.value, cellID: latest.key)
    }

    /// The stale cells among `cells` (code cells in notebook order).
    func staleCells(_ cells: [CellState]) -> Set<String> {
        Set(marks(cells).filter(\.value.isStale).keys)
    }
}
