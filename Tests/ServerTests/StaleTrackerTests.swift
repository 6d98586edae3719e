import Testing

@testable import Server

/// The stale rules of api.md on hand-built histories.
@Suite struct StaleTrackerTests {
    func cell(_ id: String, _ source: String, defines: Set<String>, uses: Set<String>) -> StaleTracker.CellState {
        StaleTracker.CellState(id: id, source: source, defines: defines, uses: uses)
    }

    @Test func neverRunCellsAreNotStale() {
        let tracker = StaleTracker()
        #expect(tracker.staleCells([cell("a", "X = 1", defines: ["X"], uses: [])]).isEmpty)
    }

    @Test func editedSourceIsStale() {
        var tracker = StaleTracker()
        tracker.recordRun(cellID: "a", source: "X = 1", defines: ["X"])
        #expect(tracker.staleCells([cell("a", "X = 1", defines: ["X"], uses: [])]).isEmpty)
        #expect(tracker.staleCells([cell("a", "X = 2", defines: ["X"], uses: [])]) == ["a"])
    }

    @Test func aLaterRunOfADefinerMakesReadersStaleAndTheirReadersToo() {
        var tracker = StaleTracker()
        let cells = [
            cell("a", "X = 1", defines: ["X"], uses: []),
            cell("b", "Y = X", defines: ["Y"], uses: ["X"]),
            cell("c", "Z = Y", defines: ["Z"], uses: ["Y"]),
            cell("d", "print(Z)", defines: [], uses: ["Z", "print"]),
            cell("e", "W = 1", defines: ["W"], uses: []),
        ]
        for run in cells { tracker.recordRun(cellID: run.id, source: run.source, defines: run.defines) }
        #expect(tracker.staleCells(cells).isEmpty)
        tracker.recordRun(cellID: "a", source: "X = 1", defines: ["X"])
        #expect(tracker.staleCells(cells) == ["b", "c", "d"])
        tracker.reset()
        #expect(tracker.staleCells(cells).isEmpty)
    }

    @Test func aNeverRunDependentStaysFresh() {
        var tracker = StaleTracker()
        let cells = [cell("a", "X = 1", defines: ["X"], uses: []), cell("b", "Y = X", defines: ["Y"], uses: ["X"])]
        tracker.recordRun(cellID: "a", source: "X = 1", defines: ["X"])
        #expect(tracker.staleCells([cell("a", "X = 2", defines: ["X"], uses: []), cells[1]]) == ["a"])
    }
}
