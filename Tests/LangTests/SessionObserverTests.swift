import Synchronization
import Testing

@testable import Lang

@Suite("Session observer and variables")
struct SessionObserverTests {
    /// Runs `code` with an observer and returns what it saw and the cell's result.
    private func observe(_ code: String, session: Session = Session()) -> (seen: [CellOutput], result: CellResult) {
        let seen = Mutex<[CellOutput]>([])
        let observer = CellObserver(output: { output in seen.withLock { $0.append(output) } })
        let result = session.run(Source.cell(1, text: code), observer: observer)
        return (seen.withLock { $0 }, result)
    }

    @Test("complete lines reach the observer while the cell runs, in order with figures and the result")
    func streamsInOrder() {
        let session = Session()
        let lines = Mutex<[String]>([])
        // Each line arrives on its own, as it is printed; text flushed at the end would be one chunk.
        let observer = CellObserver(output: { output in
            if case .stdout(let text) = output { lines.withLock { $0.append(text) } }
        })
        let result = session.run(
            Source.cell(1, text: "for i in range(3):\n    print(i)\nprint('a', end='')\nprint('b')\n7"),
            observer: observer)
        #expect(lines.withLock { $0 } == ["0\n", "1\n", "2\n", "ab\n"])
        #expect(result.stdout == "0\n1\n2\nab\n")
        #expect(result.result == "7")
        let (seen, full) = observe("import torch\nprint('before')\nshow(torch.ones(2, 2))\nprint('after', end='')\n1")
        #expect(seen == full.outputs, "the observer saw exactly the outputs the result lists, in order")
        let kinds = seen.map { output -> String in
            switch output {
            case .stdout(let text): "stdout \(text)"
            case .display: "figure"
            case .result(let text): "result \(text)"
            case .stderr, .displayText, .liveDisplay, .clear: "other"
            }
        }
        #expect(kinds == ["stdout before\n", "figure", "stdout after", "result 1"])
    }

    @Test("without an observer, outputs are collected as before")
    func noObserver() {
        let result = Session().run("print(1)\nprint(2)\n3")
        #expect(result.outputs == [.stdout("1\n2\n"), .result("3")])
    }

    @Test("started runs after the interrupt flag is cleared, so an interrupt set there stops the cell")
    func interruptFromStarted() {
        let session = Session()
        session.interrupt()
        let observer = CellObserver(started: { session.interrupt() }, output: { _ in })
        let result = session.run(Source.cell(1, text: "while True:\n    pass"), observer: observer)
        #expect(result.error?.name == .keyboardInterrupt)
        // A stale request made before the cell (and not renewed) is cleared as before.
        session.interrupt()
        #expect(session.run("1 + 1").result == "2")
    }

    @Test("variables lists globals in definition order without modules or private names")
    func variables() throws {
        let session = Session()
        _ = session.run(
            "import torch\nX = torch.tensor([[1.0, -2.0], [3.0, 4.0]])\nn = 3\n_hidden = 1\nxs = [1, 2]\ndef f(a):\n    return a"
        )
        let variables = try #require(session.variables())
        #expect(variables.map(\.name) == ["X", "n", "xs", "f"])
        #expect(
            variables[0]
                == SessionVariable(
                    name: "X", typeName: "Tensor", shape: [2, 2], dtype: "float32",
                    summary: "min -2.0, max 4.0, mean 1.5"))
        #expect(variables[1] == SessionVariable(name: "n", typeName: "int", shape: nil, dtype: nil, summary: "3"))
        #expect(variables[2].shape == [2] && variables[2].summary == "[1, 2]")
        #expect(variables[3].typeName == "function")
        #expect(session.tensor(named: "X")?.shape == [2, 2])
        #expect(session.tensor(named: "n") == nil)
    }

    @Test("a long repr is cut to one line")
    func longSummary() throws {
        let session = Session()
        _ = session.run("s = 'x' * 500\nbig = list(range(1000))")
        let variables = try #require(session.variables())
        #expect(variables[0].summary.count == Session.maximumSummaryLength)
        #expect(variables[0].summary.hasSuffix("…"))
        #expect(variables[1].summary == "a list of 1000 items")
    }
}
