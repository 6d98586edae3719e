import Diagnostics
import Foundation
import Notebook
import Synchronization
import Testing

@testable import Runner

/// The headless runner on small notebooks; expected outputs follow Python's and Jupyter's rules.
@Suite("notebook runner")
struct NotebookRunnerTests {
    /// Runs `cells` with `options` and returns the result.
    private func run(_ cells: [Cell], _ options: NotebookRunner.Options = .init()) -> NotebookRunResult {
        NotebookRunner(options: options).run(NotebookDocument(title: "t", cells: cells))
    }

    private func stdout(_ cell: Cell) -> String {
        cell.outputs.map { output in
            if case .stream(.stdout, let text) = output { return text }
            return ""
        }.joined()
    }

    private func errorName(_ cell: Cell) -> String? {
        for case .error(let name, _, _, _) in cell.outputs { return name.rawValue }
        return nil
    }

    @Test("code cells run in order in one session; counts 1…n skip markdown; results are execute_results")
    func outputsAndCounts() {
        let result = run([
            .markdown("# Title"), .code("x = 2\nprint(x)\nx * 3"), .markdown("text"), .code("y = x + 1"),
            .code("y"),
        ])
        #expect(result.outcome == .completed)
        #expect(result.cellsRun == 3 && result.codeCellCount == 3 && result.failedCells.isEmpty)
        let cells = result.notebook.cells
        #expect(cells.map(\.executionCount) == [nil, 1, nil, 2, 3])
        #expect(
            cells[1].outputs == [
                .stream(.stdout, text: "2\n"), .executeResult(executionCount: 1, data: MimeBundle(text: "6")),
            ])
        #expect(cells[3].outputs.isEmpty)
        #expect(cells[4].outputs == [.executeResult(executionCount: 3, data: MimeBundle(text: "3"))])
        #expect(cells[0].outputs.isEmpty && cells[0].timing == nil)
        for index in [1, 3, 4] {
            let timing = cells[index].timing
            #expect(timing?.end != nil && (timing?.duration ?? -1) >= 0)
        }
    }

    @Test("old outputs are cleared before running")
    func clearsOldOutputs() {
        var stale = Cell.code("print('new')")
        stale.outputs = [.stream(.stdout, text: "old\n")]
        stale.executionCount = 7
        var never = Cell.code("print('never')")
        never.outputs = [.stream(.stdout, text: "stale\n")]
        never.executionCount = 8
        let result = run([stale, .code("1/0"), never])
        #expect(result.notebook.cells[0].outputs == [.stream(.stdout, text: "new\n")])
        #expect(result.notebook.cells[0].executionCount == 1)
        #expect(result.notebook.cells[2].outputs.isEmpty && result.notebook.cells[2].executionCount == nil)
    }

    @Test("the first error stops the run and is recorded as Jupyter stores it")
    func errorStops() throws {
        let result = run([.code("a = 1"), .code("b = a\n1/0"), .code("print('after')")])
        #expect(result.outcome == .failed(cellIndex: 1))
        #expect(result.cellsRun == 2 && result.failedCells == [1])
        let error = try #require(result.notebook.cells[1].outputs.last)
        guard case .error(let name, let value, let traceback, let location) = error else {
            Issue.record("expected an error output, got \(error)")
            return
        }
        #expect(name == ExceptionName("ZeroDivisionError") && value == "division by zero")
        // The carets' range, as data: line 2, columns 1 up to (not including) 4.
        let cellID = result.notebook.cells[1].id.rawValue
        #expect(location == ErrorLocation(cellID: cellID, line: 2, column: 1, endLine: 2, endColumn: 4))
        #expect(
            traceback == [
                "Traceback (most recent call last):", "  Cell [2], line 2, in <module>", "    1/0", "    ^^^",
                "ZeroDivisionError: division by zero",
            ])
        #expect(result.notebook.cells[2].executionCount == nil && result.notebook.cells[2].outputs.isEmpty)
        #expect(result.outcome.exitCode == 1)
    }

    @Test("an error raised in a function another cell defined is located at this cell's call")
    func errorLocatedInItsOwnCell() throws {
        let define = "def f(x):\n    return x / 0\n"
        let result = run([.code(define), .code("y = 1\nz = f(y) + 1")])
        guard
            case .error(let name, _, let traceback, let location) = try #require(result.notebook.cells[1].outputs.last)
        else {
            Issue.record("expected an error output")
            return
        }
        #expect(name == ExceptionName("ZeroDivisionError"))
        #expect(traceback.contains("  Cell [1], line 2, in f"))
        let cellID = result.notebook.cells[1].id.rawValue
        #expect(location == ErrorLocation(cellID: cellID, line: 2, column: 5, endLine: 2, endColumn: 9))
    }

    @Test("allowErrors keeps running after an error; the outcome names the first failing cell")
    func allowErrors() {
        var options = NotebookRunner.Options()
        options.allowErrors = true
        let result = run([.code("undefined_name"), .code("print('after')"), .code("[][1]")], options)
        #expect(result.outcome == .failed(cellIndex: 0))
        #expect(result.failedCells == [0, 2] && result.cellsRun == 3)
        #expect(errorName(result.notebook.cells[0]) == "NameError")
        #expect(stdout(result.notebook.cells[1]) == "after\n")
        #expect(errorName(result.notebook.cells[2]) == "IndexError")
    }

    @Test("a cell's syntax errors are all listed in one error output")
    func syntaxErrors() throws {
        let result = run([.code("x = (1 +\ny = 2\nprint(x")])
        guard
            case .error(let name, _, let traceback, let location) = try #require(result.notebook.cells[0].outputs.last)
        else {
            Issue.record("expected an error output")
            return
        }
        #expect(name == ExceptionName("SyntaxError"))
        #expect(location?.cellID == result.notebook.cells[0].id.rawValue)
        #expect(traceback.contains { $0.hasPrefix("  Cell [1], line") })
        #expect(traceback.last?.hasPrefix("SyntaxError") == true)
    }

    @Test("parameters are injected after the parameters cell, in order, and override its values")
    func parameterInjection() throws {
        var options = NotebookRunner.Options()
        options.parameters = [
            try RunParameter(argument: "size=8"), try RunParameter(argument: "name=hello"),
            try RunParameter(argument: "size=9"),
        ]
        let result = run(
            [.markdown("# P"), .code("size = 3\nname = 'a'", tags: [Cell.parametersTag]), .code("print(size, name)")],
            options)
        let cells = result.notebook.cells
        #expect(cells.map(\.kind) == [.markdown, .code, .code, .code])
        #expect(cells[2].tags == [Cell.injectedParametersTag])
        #expect(cells[2].source == "# Parameters\nsize = 8\nname = 'hello'\nsize = 9")
        #expect(cells.map(\.executionCount) == [nil, 1, 2, 3])
        #expect(stdout(cells[3]) == "9 hello\n")
    }

    @Test("without a parameters cell the injected cell comes first; no parameters, no cell")
    func injectionWithoutParametersCell() throws {
        var options = NotebookRunner.Options()
        options.parameters = [try RunParameter(argument: "k=2")]
        let result = run([.code("print(k * 2)")], options)
        #expect(result.notebook.cells.map(\.source) == ["# Parameters\nk = 2", "print(k * 2)"])
        #expect(stdout(result.notebook.cells[1]) == "4\n")
        #expect(run([.code("1")]).notebook.cells.count == 1)
    }

    @Test(
        "a parameter's value is a literal of the language when it reads as one, else a string",
        arguments: [
            ("3", "3"), ("-2", "-2"), ("0.5", "0.5"), ("1e-3", "0.001"), ("True", "True"), ("None", "None"),
            ("'gray'", "'gray'"), ("\"gray\"", "'gray'"), ("(6, 8)", "(6, 8)"), ("[1, -2.5]", "[1, -2.5]"),
            ("{'a': 1}", "{'a': 1}"), ("gray", "'gray'"), ("a b", "'a b'"), ("it's", "\"it's\""),
            ("1 + 2", "'1 + 2'"), ("", "''"), ("[1, x]", "'[1, x]'"), ("true", "'true'"), (" 7 ", "7"),
            ("back\\slash", "'back\\\\slash'"), ("print(1)", "'print(1)'"),
            ("1.", "1.0"), (".5", "0.5"), ("-.5", "-0.5"), ("(5)", "5"), ("(1,)", "(1,)"), ("[]", "[]"),
            ("{}", "{}"), ("007", "'007'"), ("000", "0"), ("1e", "'1e'"), ("0x10", "'0x10'"), ("Truex", "'Truex'"),
            ("'a\\'b'", "\"a'b\""), ("'open", "\"'open\""), ("(1, [2, (3,)])", "(1, [2, (3,)])"),
            ("1 2", "'1 2'"),
        ])
    func parameterLiterals(value: String, pythonRepr: String) throws {
        var options = NotebookRunner.Options()
        options.parameters = [try RunParameter(argument: "v=" + value)]
        let result = run([.code("print(repr(v))")], options)
        #expect(result.outcome == .completed)
        #expect(stdout(result.notebook.cells[1]) == pythonRepr + "\n")
    }

    @Test("bad parameter arguments are refused", arguments: ["x", "3x=1", "for=1", "=1", "a-b=2", "é=1"])
    func badParameters(argument: String) {
        #expect(throws: RunParameterError.self) { try RunParameter(argument: argument) }
    }

    @Test("the whole-run timeout interrupts the running cell and skips the rest")
    func timeout() async throws {
        var options = NotebookRunner.Options()
        options.timeout = .milliseconds(300)
        let notebook = NotebookDocument(
            title: "loop", cells: [.code("print('start')"), .code("while True:\n    pass"), .code("print('never')")])
        let result = await NotebookRunner(options: options).runAsync(notebook)
        #expect(result.outcome == .timedOut && result.outcome.exitCode == 3)
        #expect(result.cellsRun == 2 && result.failedCells.isEmpty)
        #expect(stdout(result.notebook.cells[0]) == "start\n")
        guard
            case .error(let name, let value, let traceback, let location) = try #require(
                result.notebook.cells[1].outputs.last)
        else {
            Issue.record("expected an error output")
            return
        }
        #expect(name == .timeoutError && value.contains("0.3 s"))
        // The interrupt stopped the loop somewhere in it; the location is kept through the renaming.
        #expect(location?.cellID == result.notebook.cells[1].id.rawValue)
        #expect(traceback.last == "TimeoutError: " + value)
        #expect(result.notebook.cells[2].executionCount == nil)
        #expect(result.elapsed < .seconds(5))
    }

    @Test("interrupt() stops the running cell with KeyboardInterrupt and skips the rest")
    func interrupt() async throws {
        let runner = NotebookRunner()
        let started = Mutex(false)
        let notebook = NotebookDocument(
            title: "loop", cells: [.code("print('start')"), .code("while True:\n    pass"), .code("print('never')")])
        let task = Task { await runner.runAsync(notebook) { _ in started.withLock { $0 = true } } }
        while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(100))
        runner.interrupt()
        let result = await task.value
        #expect(result.outcome == .interrupted && result.outcome.exitCode == 3)
        #expect(result.cellsRun == 2)
        #expect(errorName(result.notebook.cells[1]) == "KeyboardInterrupt")
        #expect(result.notebook.cells[2].executionCount == nil)
    }

    @Test("an interrupt before the run starts runs nothing")
    func interruptBeforeRun() {
        let runner = NotebookRunner()
        runner.interrupt()
        let result = runner.run(NotebookDocument(title: "t", cells: [.code("print(1)")]))
        #expect(result.outcome == .interrupted && result.cellsRun == 0)
        #expect(result.notebook.cells[0].outputs.isEmpty)
    }

    @Test("the progress callback sees every cell that ran, in order, with its outputs")
    func progress() {
        let reports = Mutex<[CellProgress]>([])
        let notebook = NotebookDocument(
            title: "t", cells: [.markdown("m"), .code("print('a')"), .code("2 + 2"), .code("1/0"), .code("3")])
        let result = NotebookRunner().run(notebook) { report in reports.withLock { $0.append(report) } }
        let seen = reports.withLock { $0 }
        #expect(seen.map(\.position) == [1, 2, 3] && seen.allSatisfy { $0.count == 4 })
        #expect(seen.map(\.cellIndex) == [1, 2, 3])
        #expect(seen.map(\.cellID) == [1, 2, 3].map { result.notebook.cells[$0].id })
        #expect(seen.map(\.raised) == [false, false, true])
        #expect(seen[1].outputs == [.executeResult(executionCount: 2, data: MimeBundle(text: "4"))])
    }

    @Test("pictures become display_data with a PNG, its CSS size and a text fallback")
    func pictures() throws {
        let result = run([.code("import torch\nshow(torch.ones(2, 3))\nprint('after')")])
        #expect(result.outcome == .completed)
        let outputs = result.notebook.cells[0].outputs
        #expect(outputs.count == 2)
        guard case .displayData(let data, let metadata, _) = try #require(outputs.first) else {
            Issue.record("expected display_data first, got \(outputs)")
            return
        }
        let png = try #require(data.png)
        let size = try #require(png.size)
        let declared = try #require(metadata["image/png"]?.objectValue)
        // Drawn at 2× and declared at half size, so it stays crisp.
        #expect(declared["width"]?.intValue.map { $0 * 2 } == size.width)
        #expect(declared["height"]?.intValue.map { $0 * 2 } == size.height)
        #expect(data.text?.hasPrefix("<") == true && data.text?.contains("2×3") == true)
        #expect(outputs[1] == .stream(.stdout, text: "after\n"))
        // The HTML export shows the picture at its declared size.
        let html = HTMLExporter.render(result.notebook)
        let width = try #require(declared["width"]?.intValue)
        let height = try #require(declared["height"]?.intValue)
        #expect(html.contains("width=\"\(width)\" height=\"\(height)\" src=\"data:image/png;base64,"))
    }

    @Test("script mode names the file in tracebacks and shows every top-level value")
    func scriptMode() throws {
        var options = NotebookRunner.Options()
        options.scriptName = "demo.py"
        let result = run([.code("1\nprint('p')\n2\nundefined")], options)
        let outputs = result.notebook.cells[0].outputs
        #expect(
            outputs.prefix(3) == [
                .executeResult(executionCount: 1, data: MimeBundle(text: "1")), .stream(.stdout, text: "p\n"),
                .executeResult(executionCount: 1, data: MimeBundle(text: "2")),
            ])
        guard case .error(_, _, let traceback, _) = try #require(outputs.last) else {
            Issue.record("expected an error output")
            return
        }
        #expect(traceback.contains("  File \"demo.py\", line 4, in <module>"))
    }

    @Test("every run starts from a fresh session")
    func freshSession() {
        let runner = NotebookRunner()
        _ = runner.run(NotebookDocument(title: "a", cells: [.code("x = 1")]))
        let second = runner.run(NotebookDocument(title: "b", cells: [.code("x")]))
        #expect(errorName(second.notebook.cells[0]) == "NameError")
    }
}
