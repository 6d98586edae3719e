/// Which cells of one notebook are stale: their results no longer match the code or the data they read.
///
/// A cell is stale when (a) it ran and its source has changed since, or (b) it ran before the latest
/// run of another cell that defines a name it uses, or (c) a cell it depends on is stale. Cells that
/// never ran (in this session) are never stale.
struct StaleTracker: Sendable {
    /// One run of a cell: when (a sequence number), the source it ran, and the names that source defines.
    struct RunRecord: Sendable {
        var sequence: Int
        var source: String
        var defines: Set<String>
    }

    /// A cell as it is now.
    struct CellState: Sendable {
        var id: String
        var source: String
        var defines: Set<String>
        var uses: Set<String>
    }

    private(set) var runs: [String: RunRecord] = [:]
    private var sequence = 0

    /// Records that a cell ran `source` (called when it starts).
    mutating func recordRun(cellID: String, source: String, defines: Set<String>) {
        sequence += 1
        runs[cellID] = RunRecord(sequence: sequence, source: source, defines: defines)
    }

    /// Forgets every run (the session restarted).
    mutating func reset() {
        runs = [:]
    }

    /// The stale cells among `cells` (code cells in notebook order).
    func staleCells(_ cells: [CellState]) -> Set<String> {
        var stale = Set<String>()
        for cell in cells {
            guard let run = runs[cell.id] else { continue }
            if run.source != cell.source {
                stale.insert(cell.id)
                continue
            }
            for other in cells where other.id != cell.id {
                guard let otherRun = runs[other.id], otherRun.sequence > run.sequence else { continue }
                if !otherRun.defines.isDisjoint(with: cell.uses) {
                    stale.insert(cell.id)
                    break
                }
            }
        }
        // (c): staleness flows from a cell to every cell that has run and uses a name it defines.
        var changed = true
        while changed {
            changed = false
            for cell in cells where runs[cell.id] != nil && !stale.contains(cell.id) {
                let dependsOnStale = cells.contains { other in
                    other.id != cell.id && stale.contains(other.id) && !other.defines.isDisjoint(with: cell.uses)
                }
                if dependsOnStale {
                    stale.insert(cell.id)
                    changed = true
                }
            }
        }
        return stale
    }
}
