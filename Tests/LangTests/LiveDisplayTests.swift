import Figures
import Foundation
import Synchronization
import Testing

@testable import Lang

/// IPython's display API (`display`, `display_id`, `DisplayHandle`, `update_display`, `clear_output`)
/// checked against what IPython 8 does (`Golden/ipython_display.json`, written by
/// `Golden/ipython_display_reference.py`), and the live figures built on it.
@Suite("Live displays")
struct LiveDisplayTests {
    // MARK: - Against IPython

    /// The recorded cases: each a list of cells with the events IPython produced for them.
    static let reference: [[(cell: String, events: [[String]])]] = {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("Golden/ipython_display.json"),
            let data = try? Data(contentsOf: url),
            let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let cases = top["cases"] as? [[[String: Any]]]
        else { return [] }
        return cases.map { cells in
            cells.map { cell in
                let events = cell["events"] as? [[String]] ?? []
                return (cell["cell"] as? String ?? "", events)
            }
        }
    }()

    @Test("the IPython reference was read")
    func referenceRead() {
        #expect(Self.reference.count >= 12)
    }

    @Test("each case does what IPython does", arguments: 0..<13)
    func matchesIPython(_ index: Int) throws {
        let cells = try #require(Self.reference.dropFirst(index).first)
        let session = Session()
        _ = session.run("from IPython.display import display, update_display, clear_output")
        var seen: [(cell: String, events: [[String]])] = []
        for (number, cell) in cells.enumerated() {
            let events = Mutex<[[String]]>([])
            let observer = CellObserver(output: { output in
                events.withLock { $0.append(contentsOf: Self.events(output)) }
            })
            let result = session.run(Source.cell(number + 1, text: cell.cell), observer: observer)
            var cellEvents = Self.mergingText(events.withLock { $0 })
            // IPython's result is the repr of the value; Convbook's result output is the same text.
            if let error = result.error { cellEvents.append(["error", error.name.rawValue, error.message]) }
            seen.append((cell.cell, cellEvents))
        }
        let normalized = Self.numberingIDs(seen.map(\.events))
        for (expected, actual) in zip(cells, normalized) {
            #expect(actual == expected.events, "cell \(expected.cell)")
        }
    }

    /// An observed output as the reference writes events.
    static func events(_ output: CellOutput) -> [[String]] {
        switch output {
        case .stdout(let text): [["stdout", text]]
        case .stderr(let text): [["stderr", text]]
        case .result(let text): [["result", text]]
        case .display(let figure): [["display", figure.textFallback, "None"]]
        case .displayText(let text): [["display", text, "None"]]
        case .liveDisplay(let content, let id, let update): [[update ? "update" : "display", content.textFallback, id]]
        case .clear(let wait): [["clear", wait ? "True" : "False"]]
        }
    }

    private static func mergingText(_ events: [[String]]) -> [[String]] {
        var merged: [[String]] = []
        for event in events {
            if event.first == "stdout", merged.last?.first == "stdout" {
                merged[merged.count - 1][1] += event[1]
            } else {
                merged.append(event)
            }
        }
        return merged
    }

    /// Ids of 32 hexadecimal digits become `<id1>`, `<id2>`, … in order of appearance, as in the reference.
    private static func numberingIDs(_ cells: [[[String]]]) -> [[[String]]] {
        var names: [String: String] = [:]
        let pattern = /[0-9a-f]{32}/
        return cells.map { events in
            events.map { event in
                event.map { item in
                    item.replacing(pattern) { match in
                        let id = String(match.output)
                        if let name = names[id] { return name }
                        let name = "<id\(names.count + 1)>"
                        names[id] = name
                        return name
                    }
                }
            }
        }
    }

    // MARK: - Outputs as they stand

    @Test("a cell's result holds each live display once, in its last drawing, where it was first shown")
    func resultIsFolded() {
        let result = Session().run(
            "from IPython.display import update_display\nh = display('a', display_id='x')\nprint('epoch 1')\nh.update('b')\nprint('epoch 2')\n"
                + "update_display('c', display_id='x')")
        #expect(result.outputs.first == .liveDisplay(.text("'c'"), id: "x", update: false))
        #expect(result.outputs.count == 3)
        #expect(result.stdout == "epoch 1\nepoch 2\n")
    }

    @Test("clear_output clears at once; with wait=True just before the next output, which an update is not")
    func clearsAsJupyter() {
        let session = Session()
        _ = session.run("from IPython.display import clear_output")
        #expect(session.run("print(1)\nclear_output()\nprint(2)").outputs == [.stdout("2\n")])
        let waiting = session.run(
            "h = display('a', display_id='w')\nclear_output(wait=True)\nh.update('b')")
        #expect(waiting.outputs == [.liveDisplay(.text("'b'"), id: "w", update: false)])
        let cleared = session.run("display('a')\nclear_output(wait=True)\ndisplay('b')")
        #expect(cleared.outputs == [.displayText("'b'")])
    }

    @Test("an update of a display shown by an earlier cell is kept once, in its latest drawing")
    func foreignUpdate() {
        let session = Session()
        _ = session.run("h = display(1, display_id=True)")
        let result = session.run("for i in range(5):\n    h.update(i)")
        guard case .liveDisplay(.text("4"), _, true) = result.outputs.first, result.outputs.count == 1 else {
            Issue.record("expected one update with the last value, got \(result.outputs)")
            return
        }
    }

    @Test("the observer sees every change, in order; a display flushes the text printed before it")
    func observerSeesChanges() {
        let seen = Mutex<[CellOutput]>([])
        let observer = CellObserver(output: { output in seen.withLock { $0.append(output) } })
        _ = Session().run(
            Source.cell(
                1,
                text:
                    "from IPython.display import *\nprint('a', end='')\nh = display(1, display_id='i')\nh.update(2)\nclear_output(True)"
            ),
            observer: observer)
        #expect(
            seen.withLock { $0 } == [
                .stdout("a"), .liveDisplay(.text("1"), id: "i", update: false),
                .liveDisplay(.text("2"), id: "i", update: true), .clear(wait: true),
            ])
    }

    // MARK: - Figures

    @Test("display=False returns the figure as a value, shown by display() and as a cell's last expression")
    func figureValues() throws {
        let session = Session()
        let made = session.run("fig = plot([1.0, 2.0, 3.0], display=False)\nprint(type(fig).__name__, repr(fig))")
        #expect(made.figures.isEmpty)
        #expect(made.stdout == "Figure <plot 3 points>\n")
        let shown = session.run("display(fig)")
        #expect(shown.figures.count == 1)
        let last = session.run("heatmap([[1, 2], [3, 4]], display=False)")
        #expect(last.figures.count == 1)
        #expect(last.result == nil)
        #expect(session.run("show([[1, 2]], display=True)").figures.count == 1)
    }

    @Test("a figure redrawn under an id: one figure in the result, with the last points")
    func liveFigure() throws {
        let result = Session().run(
            """
            losses = []
            h = None
            for step in range(50):
                losses.append(1.0 / (step + 1))
                fig = plot(losses, display=False)
                if h is None:
                    h = display(fig, display_id=True)
                else:
                    h.update(fig)
            """)
        #expect(result.succeeded, "\(result.errors)")
        let figures = result.figures
        #expect(figures.count == 1)
        let plot = try #require(
            figures.first.flatMap { figure -> LinePlot? in
                if case .plot(let plot) = figure.content { return plot }
                return nil
            })
        #expect(plot.series.first?.ys.count == 50)
    }

    @Test("10,000 redraws in a tight loop are cheap: no drawing happens in the language")
    func manyUpdatesAreCheap() {
        let session = Session()
        let count = Mutex(0)
        let observer = CellObserver(output: { _ in count.withLock { $0 += 1 } })
        let start = ContinuousClock.now
        let result = session.run(
            Source.cell(
                1,
                text:
                    "h = display(0, display_id='n')\nfor i in range(10000):\n    h.update(plot([i, i + 1], display=False))"
            ),
            observer: observer)
        let elapsed = ContinuousClock.now - start
        #expect(result.succeeded)
        #expect(count.withLock { $0 } == 10_001)
        #expect(result.outputs.count == 1)
        #expect(elapsed < .seconds(10), "10,000 redraws took \(elapsed)")
    }

    @Test("clear_output makes room for new figures: a loop that clears and redraws never hits the limit")
    func clearResetsFigureLimit() {
        let result = Session().run(
            "from IPython.display import clear_output\nfor i in range(\(DisplayState.maximumFiguresPerCell + 20)):\n    clear_output(wait=True)\n    show([[i]])"
        )
        #expect(result.figures.count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test("LiveFigure: shown at the first draw, redrawn in place after; a later cell gets a new output")
    func nativeLiveFigure() {
        let session = Session()
        let live = LiveFigure()
        let figure = { (value: Float) in
            try! Figure.plot([LinePlot.Series(xs: [0, 1], ys: [0, Double(value)], label: nil)])
        }
        session.interpreter.builtins["draw"] = .builtin(
            BuiltinFunction("draw") { interpreter, arguments throws(PyError) in
                live.draw(
                    figure(Float(try interpreter.floatArgument(arguments.positional[0], "value"))), in: interpreter)
                return .none
            })
        let seen = Mutex<[CellOutput]>([])
        let observer = CellObserver(output: { output in seen.withLock { $0.append(output) } })
        let first = session.run(Source.cell(1, text: "for i in range(3):\n    draw(i)"), observer: observer)
        let kinds = seen.withLock { outputs in
            outputs.compactMap { output -> Bool? in
                if case .liveDisplay(_, _, let update) = output { return update }
                return nil
            }
        }
        #expect(kinds == [false, true, true])
        #expect(first.figures == [figure(2)])
        let firstID = live.id
        let second = session.run("draw(5)")
        #expect(second.figures == [figure(5)])
        #expect(live.id != firstID, "a later cell shows the figure under a new id")
    }

    // MARK: - Modules

    @Test("from IPython import display gives the module; display and clear_output are also builtins")
    func modules() {
        let session = Session()
        #expect(session.run("from IPython import display\ndisplay.display(1)").outputs == [.displayText("1")])
        let fresh = Session()
        #expect(fresh.run("display(2)").outputs == [.displayText("2")])
        #expect(fresh.run("import IPython.display\nIPython.display.clear_output").succeeded)
        #expect(fresh.run("display(1, foo=2)").error?.message == "display() got an unexpected keyword argument 'foo'")
        // A Convbook convenience, as `show` is (Jupyter's conformance suite calls it bare); IPython's own
        // shells need the import.
        #expect(fresh.run("print('a')\nclear_output()\nprint('b')").outputs == [.stdout("b\n")])
    }

    @Test("time.sleep waits, refuses negative lengths and stops at an interrupt")
    func sleep() {
        let session = Session()
        let start = ContinuousClock.now
        #expect(
            session.run("import time\nt = time.perf_counter()\ntime.sleep(0.05)\ntime.perf_counter() - t >= 0.05")
                .result == "True")
        #expect(ContinuousClock.now - start >= .milliseconds(50))
        #expect(session.run("time.sleep(-1)").error?.message == "sleep length must be non-negative")
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.1)
            session.interrupt()
        }
        let interrupted = ContinuousClock.now
        #expect(session.run("time.sleep(30)").error?.name == .keyboardInterrupt)
        #expect(ContinuousClock.now - interrupted < .seconds(5))
    }
}
