import Lang
import Testing

@testable import Server

/// The stale rules of `StaleTracker` (issue 23) on notebooks whose names come from `NameAnalysis`, as the
/// server analyses them.
@Suite struct StaleTrackerTests {
    /// A notebook of code cells (id → source, in order) and the tracker of its session.
    struct Book {
        var cells: [(id: String, source: String)]
        var tracker = StaleTracker()

        init(_ cells: [(String, String)]) {
            self.cells = cells.map { (id: $0.0, source: $0.1) }
        }

        var states: [StaleTracker.CellState] {
            cells.map { cell in
                let names = NameAnalysis.analyze(cell.source)
                return StaleTracker.CellState(
                    id: cell.id, source: cell.source, defines: names.defines, uses: names.uses)
            }
        }

        /// Runs cells by id, in the order given.
        mutating func run(_ ids: String...) {
            for id in ids {
                let source = cells.first { $0.id == id }!.source
                let names = NameAnalysis.analyze(source)
                tracker.recordRun(cellID: id, source: source, defines: names.defines, uses: names.uses)
            }
        }

        /// Runs every cell top to bottom.
        mutating func runAll() {
            for cell in cells { run(cell.id) }
        }

        mutating func edit(_ id: String, _ source: String) {
            cells[cells.firstIndex { $0.id == id }!].source = source
        }

        var marks: [String: StaleTracker.Mark] { tracker.marks(states) }
        var stale: Set<String> { tracker.staleCells(states) }
        var superseded: Set<String> { Set(marks.filter(\.value.isSuperseded).keys) }
        var plan: StaleTracker.RerunPlan { tracker.rerunPlan(states) }
    }

    /// Section 7.4 of the book as a reader types it: A stacks `K` into three output channels, B defines `X`
    /// and `K` afresh for the 1×1 convolution, C and D use B's values.
    static let sectionSevenFour: [(String, String)] = [
        ("imports", "import torch\nfrom d2l import torch as d2l"),
        ("multiIn", "def corr2d_multi_in(X, K):\n    return sum(d2l.corr2d(x, k) for x, k in zip(X, K))"),
        ("data", "X = torch.tensor([[[0.0, 1.0], [2.0, 3.0]]])\nK = torch.tensor([[[0.0, 1.0], [2.0, 3.0]]])"),
        ("useData", "corr2d_multi_in(X, K)"),
        (
            "multiInOut",
            "def corr2d_multi_in_out(X, K):\n    return torch.stack([corr2d_multi_in(X, k) for k in K], 0)"
        ),
        ("A", "K = torch.stack((K, K + 1, K + 2), 0)\nK.shape"),
        ("useA", "corr2d_multi_in_out(X, K)"),
        ("B", "X = torch.normal(0, 1, (3, 3, 3))\nK = torch.normal(0, 1, (2, 3, 1, 1))"),
        ("C", "show(corr2d_multi_in_out(X, K))"),
        ("D", "explain_conv(X, K[0])"),
    ]

    @Test func neverRunCellsAreNeitherStaleNorSuperseded() {
        let book = Book([("a", "X = 1"), ("b", "X = 2")])
        #expect(book.marks.isEmpty)
    }

    @Test func aCellIsStaleWhenItsSourceChangedSinceItRan() {
        var book = Book([("a", "X = 1")])
        book.run("a")
        #expect(book.marks.isEmpty)
        book.edit("a", "X = 2")
        #expect(book.marks == ["a": .stale(.edited)])
    }

    // Rule 1: what each cell actually read, in run order.

    @Test func theBooksFlowLeavesTheCellsThatReadTheNewestValuesFresh() {
        var book = Book(Self.sectionSevenFour)
        book.runAll()
        // C and D read B's K, the newest: nothing is stale, and there is nothing for "Run stale" to do.
        #expect(book.stale.isEmpty)
        #expect(book.plan.cells.isEmpty)
    }

    @Test func runAllAgainAfterARestartLeavesNothingStale() {
        var book = Book(Self.sectionSevenFour)
        book.run("imports", "data", "B", "C", "A", "D")
        book.tracker.reset()
        book.runAll()
        #expect(book.stale.isEmpty)
    }

    @Test func aReaderIsStaleWhenTheCellItReadFromRunsAgain() {
        var book = Book([("a", "X = 1"), ("b", "Y = X + 1"), ("c", "print(Y)")])
        book.runAll()
        book.run("a")
        #expect(book.marks == ["b": .stale(.redefined(name: "X", byCell: "a"))])
    }

    @Test func aReaderIsStaleWhenACellBetweenItAndWhereItReadRedefinesTheName() {
        var book = Book([("a", "X = 1"), ("between", "X = 2"), ("b", "print(X)"), ("below", "X = 3")])
        book.run("a", "b")
        // A cell further down redefining X later is the notebook's flow, not a change to what b read.
        book.run("below")
        #expect(book.stale.isEmpty)
        // The cell between a and b is the one b would read X from if the notebook ran top to bottom.
        book.run("between")
        #expect(book.marks["b"] == .stale(.redefined(name: "X", byCell: "between")))
    }

    @Test func aCellAboveTheOneItReadFromDoesNotMakeItStale() {
        var book = Book(Self.sectionSevenFour)
        book.runAll()
        // Editing and re-running the first data cell changes what useData and useA read, not what C and D
        // read: B stands between and defines X and K again.
        book.edit("data", "X = torch.ones((1, 2, 2))\nK = torch.ones((1, 2, 2))")
        book.run("data")
        #expect(book.stale == ["useData", "A", "useA"])
    }

    @Test func stalenessDoesNotSpreadToCellsWhoseInputsDidNotChange() {
        var book = Book([("a", "X = 1"), ("b", "Y = X + 1"), ("c", "print(Y)")])
        book.runAll()
        book.edit("a", "X = 5")
        book.run("a")
        // c read Y, which has not changed yet; "Run stale" runs it too, after b redefines Y.
        #expect(book.stale == ["b"])
        #expect(book.plan.cells == ["b", "c"])
    }

    // Rule 2: superseded.

    @Test func aCellWhoseDefinitionsWereAllReplacedLaterIsSupersededNotStale() {
        var book = Book(Self.sectionSevenFour)
        book.runAll()
        #expect(book.marks["A"] == .superseded(names: ["K"], byCells: ["B"]))
        #expect(book.marks["data"] == .superseded(names: ["K", "X"], byCells: ["B"]))
        #expect(book.superseded == ["data", "A"])
        #expect(!book.plan.cells.contains("A"))
    }

    @Test func anEditedSupersededCellIsStale() {
        var book = Book(Self.sectionSevenFour)
        book.runAll()
        book.edit("A", "K = torch.stack((K, K + 1), 0)")
        #expect(book.marks["A"] == .stale(.edited))
    }

    // Rule 3: not repeatable.

    @Test(arguments: ["x += 1", "x = x + 1"])
    func aCellThatRebindsANameItReadsIsNamedByTheRerunPlan(source: String) {
        var book = Book([("a", "x = 0"), ("b", source)])
        book.runAll()
        book.edit("b", source + "\nprint(x)")
        #expect(book.plan == .init(cells: ["b"], unrepeatable: [.init(cellID: "b", names: ["x"])]))
    }

    @Test func theBooksStackCellIsNotRunAgainstTheNewerKernelSilently() {
        var book = Book(Self.sectionSevenFour)
        book.runAll()
        // Edited, A is stale; run now it would stack B's K (K becomes 5-D): the plan names it.
        book.edit("A", "K = torch.stack((K, K + 1), 0)\nK.shape")
        #expect(book.plan.unrepeatable == [.init(cellID: "A", names: ["K"])])
    }

    @Test func aRebindingCellReadingAFreshValueFromAboveIsRepeatable() {
        var book = Book(Self.sectionSevenFour)
        book.runAll()
        book.edit("data", "X = torch.ones((1, 2, 2))\nK = torch.ones((1, 2, 2))")
        book.run("data")
        // K now comes from the data cell above A, newer than A's run: running A again is what a top-to-bottom
        // run does.
        #expect(book.plan == .init(cells: ["useData", "A", "useA"], unrepeatable: []))
    }

    // Rule 4: restart, and a session that ended unasked.

    @Test func aRestartForgetsEverything() {
        var book = Book([("a", "X = 1"), ("b", "print(X)")])
        book.runAll()
        book.edit("a", "X = 2")
        book.tracker.reset()
        #expect(book.marks.isEmpty)
    }

    @Test func aSessionThatEndedUnaskedLeavesEveryCellThatRanStale() {
        var book = Book(Self.sectionSevenFour)
        book.run("imports", "multiIn", "data", "A")
        book.tracker.sessionEnded()
        #expect(
            book.marks == [
                "imports": .stale(.sessionEnded), "multiIn": .stale(.sessionEnded),
                "data": .stale(.sessionEnded), "A": .stale(.sessionEnded),
            ])
        // Run stale runs them in order; A gets its K from the data cell run before it, so nobody is asked.
        #expect(book.plan == .init(cells: ["imports", "multiIn", "data", "A"], unrepeatable: []))
        book.run("imports")
        #expect(book.marks["imports"] == nil)
        #expect(book.stale == ["multiIn", "data", "A"])
    }
}
