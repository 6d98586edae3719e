import Lang
import Synchronization
import Testing

@Suite("Output beyond stdout: stderr, clear_output, d2l.Animator")
struct LiveOutputTests {
    @Test("print(file=sys.stderr) and sys.stderr.write go to standard error, in order with stdout")
    func stderr() {
        let result = Session().run(
            "import sys\nprint('a')\nprint('b', file=sys.stderr)\nsys.stderr.write('c\\n')\nprint('d')")
        #expect(result.outputs == [.stdout("a\n"), .stderr("b\n"), .stderr("c\n"), .stdout("d\n")])
    }

    @Test("clear_output is a builtin too: the outputs before it are gone from the cell's result")
    func clearOutput() {
        let result = Session().run("print('a')\nclear_output()\nprint('b')")
        #expect(result.outputs == [.stdout("b\n")])
    }

    @Test("d2l.Animator shows one figure and redraws it at each add; the result holds its last drawing")
    func animator() {
        let observed = Mutex<[CellOutput]>([])
        let result = Session().run(
            Source.cell(
                1,
                text: "from d2l import torch as d2l\nanimator = d2l.Animator(xlabel='epoch', legend=['loss'])\n"
                    + "for epoch in range(3):\n    animator.add(epoch + 1, 1.0 / (epoch + 1))"),
            observer: CellObserver(output: { output in observed.withLock { $0.append(output) } }))
        #expect(result.succeeded)
        let updates = observed.withLock { $0 }.compactMap { output -> Bool? in
            if case .liveDisplay(_, _, let update) = output { return update }
            return nil
        }
        #expect(updates == [false, true, true])
        guard case .liveDisplay(.figure(let figure), _, false)? = result.outputs.first else {
            Issue.record("expected one live figure, got \(result.outputs)")
            return
        }
        #expect(result.outputs.count == 1)
        #expect(figure.textFallback.contains("plot"))
    }
}
