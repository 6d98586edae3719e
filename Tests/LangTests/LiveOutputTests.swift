import Lang
import Testing

@Suite("Output beyond stdout: stderr, clear_output, live figures")
struct LiveOutputTests {
    @Test("print(file=sys.stderr) and sys.stderr.write go to standard error, in order with stdout")
    func stderr() {
        let result = Session().run(
            "import sys\nprint('a')\nprint('b', file=sys.stderr)\nsys.stderr.write('c\\n')\nprint('d')")
        #expect(result.outputs == [.stdout("a\n"), .stderr("b\n"), .stderr("c\n"), .stdout("d\n")])
    }

    @Test("clear_output is an output of its own, importable from IPython.display")
    func clearOutput() {
        let result = Session().run("from IPython.display import clear_output\nprint('a')\nclear_output(wait=True)")
        #expect(result.outputs == [.stdout("a\n"), .clear(wait: true)])
    }

    @Test("d2l.Animator shows one figure and redraws it at each add")
    func animator() {
        let result = Session().run(
            "from d2l import torch as d2l\nanimator = d2l.Animator(xlabel='epoch', legend=['loss'])\n"
                + "for epoch in range(3):\n    animator.add(epoch + 1, 1.0 / (epoch + 1))")
        #expect(result.succeeded)
        let updates = result.outputs.compactMap { output -> Bool? in
            if case .liveDisplay(_, _, let update) = output { return update }
            return nil
        }
        #expect(updates == [false, true, true])
    }
}
