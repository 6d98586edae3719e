extension StaleTracker {
    /// The cells "Run stale" would run, in notebook order, and those among them it should not run without
    /// asking.
    struct RerunPlan: Sendable, Equatable {
        /// A cell that rebinds names it reads, where the values it would read are its own (or come from
        /// below it): running it again applies it twice.
        struct Unrepeatable: Sendable, Equatable {
            var cellID: String
            /// The names it reads and rebinds, sorted.
            var names: [String]
        }

        /// The stale cells, and the cells that would become stale when those ran, in notebook order.
        var cells: [String]
        /// The cells of `cells` that are not repeatable now, in notebook order.
        var unrepeatable: [Unrepeatable]
    }

    /// The mark of every cell among `cells` (code cells in notebook order) that is stale or superseded;
    /// cells not listed are up to date (or never ran).
    func marks(_ cells: [CellState]) -> [String: Mark] {
        let positions = Self.positions(cells)
        var marks: [String: Mark] = [:]
        for cell in cells {
            if lostCells.contains(cell.id) {
                marks[cell.id] = .stale(.sessionEnded)
                continue
            }
            guard let run = runs[cell.id] else { continue }
            if run.source != cell.source {
                marks[cell.id] = .stale(.edited)
            } else if let superseded = supersession(of: cell.id, run: run, positions: positions) {
                marks[cell.id] = superseded
            } else if let reason = redefinition(of: cell.id, run: run, positions: positions) {
                marks[cell.id] = .stale(reason)
            }
        }
        return marks
    }

    /// What "Run stale" runs: every stale cell and, since running a cell redefines what it defines, every
    /// cell below that would then become stale (not superseded ones), in notebook order; with the cells
    /// among them that are not repeatable.
    func rerunPlan(_ cells: [CellState]) -> RerunPlan {
        let positions = Self.positions(cells)
        let marks = marks(cells)
        var planned: [Int] = []
        for (index, cell) in cells.enumerated() {
            switch marks[cell.id] {
            case .stale?:
                planned.append(index)
            case .superseded?:
                continue
            case nil:
                guard let run = runs[cell.id] else { continue }
                let affected = planned.contains { above in
                    cells[above].defines.contains { name in
                        guard let provider = run.reads[name] else { return false }
                        return Self.redefinitionCounts(
                            by: cells[above].id, provider: provider, reader: cell.id, positions: positions)
                    }
                }
                if affected { planned.append(index) }
            }
        }
        var unrepeatable: [RerunPlan.Unrepeatable] = []
        for (order, index) in planned.enumerated() {
            let cell = cells[index]
            let earlier = planned[..<order].map { cells[$0] }
            let unsafe = cell.defines.intersection(cell.uses).filter { name in
                !readsFreshValue(of: name, cell: cell, at: index, earlier: earlier, positions: positions)
            }
            if !unsafe.isEmpty { unrepeatable.append(.init(cellID: cell.id, names: unsafe.sorted())) }
        }
        return RerunPlan(cells: planned.map { cells[$0].id }, unrepeatable: unrepeatable)
    }

    // MARK: - The rules

    /// `.superseded` when every name the run defined was redefined later by a cell below it.
    private func supersession(of cellID: String, run: RunRecord, positions: [String: Int]) -> Mark? {
        guard !run.defines.isEmpty, let position = positions[cellID] else { return nil }
        var by: Set<String> = []
        for name in run.defines {
            guard let latest = latestDefinition(of: name), latest.cellID != cellID, latest.sequence > run.sequence,
                let later = positions[latest.cellID], later > position
            else { return nil }
            by.insert(latest.cellID)
        }
        let byCells = by.sorted { positions[$0, default: 0] < positions[$1, default: 0] }
        return .superseded(names: run.defines.sorted(), byCells: byCells)
    }

    /// The first name (alphabetically) the run read that was redefined since in a way that counts, with
    /// the first such cell in notebook order.
    private func redefinition(of cellID: String, run: RunRecord, positions: [String: Int]) -> StaleReason? {
        for name in run.reads.keys.sorted() {
            guard let provider = run.reads[name], let definers = definitions[name] else { continue }
            let later =
                definers
                .filter { $0.key != cellID && $0.value > run.sequence }
                .map(\.key)
                .sorted { positions[$0, default: Int.max] < positions[$1, default: Int.max] }
            for definer in later
            where Self.redefinitionCounts(by: definer, provider: provider, reader: cellID, positions: positions) {
                return .redefined(name: name, byCell: definer)
            }
        }
        return nil
    }

    /// Whether a later definition of a name by `definer` changes what `reader` read from `provider`: when
    /// `definer` is that provider re-run, or stands between it and `reader` in the notebook (above `reader`
    /// when the provider is not above it). A definer below `reader` is the notebook's ordinary flow.
    static func redefinitionCounts(
        by definer: String, provider: Definition?, reader: String, positions: [String: Int]
    ) -> Bool {
        if let provider, provider.cellID == definer { return true }
        guard let definerPosition = positions[definer], let readerPosition = positions[reader],
            definerPosition < readerPosition
        else { return false }
        guard let provider, let providerPosition = positions[provider.cellID], providerPosition < readerPosition
        else { return true }
        return definerPosition > providerPosition
    }

    /// Whether `cell`, run again now, reads `name` fresh from above rather than the value it made itself:
    /// a cell above it that runs earlier in the same plan defines it, or its latest definition is a run
    /// of a cell above it that came after the cell's own last run.
    private func readsFreshValue(
        of name: String, cell: CellState, at index: Int, earlier: [CellState], positions: [String: Int]
    ) -> Bool {
        if earlier.contains(where: { $0.defines.contains(name) }) { return true }
        guard let latest = latestDefinition(of: name), latest.cellID != cell.id,
            let position = positions[latest.cellID], position < index
        else { return false }
        return latest.sequence > (runs[cell.id]?.sequence ?? 0)
    }

    /// Each cell's index in notebook order.
    static func positions(_ cells: [CellState]) -> [String: Int] {
        var positions: [String: Int] = [:]
        for (index, cell) in cells.enumerated() where positions[cell.id] == nil { positions[cell.id] = index }
        return positions
    }
}
