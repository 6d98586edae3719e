import ConvbookTestSupport
import Diagnostics
import Foundation
import Notebook
import Testing

/// `convbook run` as a user runs it: the built binary, temporary files, exit statuses 0/1/2/3.
@Suite("convbook run", .serialized)
final class RunCommandTests {
    let directory: URL

    init() throws {
        directory = try CLIProcess.temporaryDirectory()
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes `text` to `name` in the test's directory and returns its path.
    private func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    private func read(_ name: String) throws -> NotebookDocument {
        try NotebookFiles.read(contentsOf: directory.appendingPathComponent(name))
    }

    static let twoCells = """
        # %% [markdown]
        # # Two cells

        # %% tags=["parameters"]
        n = 2

        # %%
        print('n is', n)
        n * 10

        """

    @Test("exit 0: outputs stream to stdout, progress and a summary to stderr, the notebook and HTML are written")
    func completes() async throws {
        let notebook = try file("two.py", Self.twoCells)
        let result = try await CLIProcess.run([
            "run", notebook, "--output", path("out.ipynb"), "--html", path("out.html"), "-p", "n=7",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "n is 7\n70\n")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(result.stderr)")
        // Cells are named by number and first line, as the notebook shows them, not by internal id.
        #expect(lines[0].wholeMatch(of: /\[1\/3\] In \[1\]: n = 2  \d+\.\d{3} s/) != nil, "\(lines[0])")
        #expect(lines[1].wholeMatch(of: /\[2\/3\] In \[2\]: # Parameters  \d+\.\d{3} s/) != nil, "\(lines[1])")
        #expect(lines[2].wholeMatch(of: /\[3\/3\] In \[3\]: print\('n is', n\)  \d+\.\d{3} s/) != nil, "\(lines[2])")
        #expect(lines.last?.contains("ran 3 of 3 code cells") == true)
        let written = try read("out.ipynb")
        #expect(written.cells.map(\.executionCount) == [nil, 1, 2, 3])
        #expect(written.cells[2].tags == [Cell.injectedParametersTag] && written.cells[2].source.contains("n = 7"))
        #expect(written.cells[3].outputs.last == .executeResult(executionCount: 3, data: MimeBundle(text: "70")))
        let html = try String(contentsOfFile: path("out.html"), encoding: .utf8)
        #expect(html.contains("n is 7"))
        // The markdown cell brings the page's renderer and markdown-it (no math, so no KaTeX), after the cells.
        let main = try #require(html.range(of: "</main>"))
        #expect(!html[..<main.lowerBound].contains("<script"))
        #expect(html[main.upperBound...].components(separatedBy: "<script").count - 1 == 2)
    }

    @Test("--output with another extension writes .ipynb, as papermill does; --output x.html is refused")
    func outputOfAnyName() async throws {
        let notebook = try file("two.py", Self.twoCells)
        let result = try await CLIProcess.run(["run", notebook, "--output", path("executed.out")])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent("executed.out")))
        let written = try NotebookFormat.ipynb.read(bytes, fileName: "executed.out")
        #expect(written.cells.map(\.executionCount) == [nil, 1, 2])
        let html = try await CLIProcess.run(["run", notebook, "--output", path("page.html")])
        #expect(html.status == 2 && html.stderr.contains("--html"), "\(html.stderr)")
        #expect(!exists("page.html"))
    }

    /// Issue 16: `print(f'{"` trapped the parser, so `convbook run` died with status 132 and wrote nothing.
    @Test("exit 1: an incomplete f-string is a SyntaxError in the cell, and the notebook is written")
    func incompleteFStringIsASyntaxError() async throws {
        let notebook = try file("fstring.py", "# %%\nx = 1\n\n# %%\nprint(f'{\"\n")
        let result = try await CLIProcess.run(["run", notebook, "--output", path("fstring.ipynb")])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("SyntaxError: unterminated string literal"))
        let written = try read("fstring.ipynb")
        guard case .error(let name, _, _, _) = written.cells[1].outputs.last else {
            Issue.record("no error output in \(written.cells[1].outputs)")
            return
        }
        #expect(name == ExceptionName("SyntaxError"))
    }

    @Test("exit 1: a cell raises; the run stops there and the written notebook records the error")
    func failsAndStops() async throws {
        let notebook = try file("bad.py", "# %%\nx = 1\n\n# %%\nx / 0\n\n# %%\nprint('after')\n")
        let result = try await CLIProcess.run(["run", notebook, "--output", path("bad.ipynb")])
        #expect(result.status == 1)
        #expect(!result.stdout.contains("after"))
        #expect(result.stderr.contains("ZeroDivisionError: division by zero"))
        #expect(result.stderr.contains("    x / 0\n    ^^^^^"))
        #expect(result.stderr.contains("In [2]: x / 0 raised ZeroDivisionError"), "\(result.stderr)")
        let written = try read("bad.ipynb")
        guard case .error(let name, _, _, _) = written.cells[1].outputs.last else {
            Issue.record("no error output in \(written.cells[1].outputs)")
            return
        }
        #expect(name == ExceptionName("ZeroDivisionError"))
        #expect(written.cells[2].executionCount == nil)
    }

    @Test("exit 1 with --allow-errors: the later cells still run")
    func allowErrors() async throws {
        let notebook = try file("bad.py", "# %%\nx / 0\n\n# %%\nprint('after')\n")
        let result = try await CLIProcess.run(["run", notebook, "--allow-errors", "--output", path("bad.ipynb")])
        #expect(result.status == 1)
        #expect(result.stdout == "after\n")
        #expect(try read("bad.ipynb").cells[1].outputs == [.stream(.stdout, text: "after\n")])
    }

    @Test(
        "exit 2: bad usage or an unreadable or invalid notebook; a precise message and nothing written",
        arguments: [
            ("broken.ipynb", "{\"cells\": [\n  {\"cell_type\": \"code\",, }\n", [String](), "broken.ipynb:2:"),
            ("old.ipynb", "{\"nbformat\": 3, \"nbformat_minor\": 0, \"metadata\": {}, \"cells\": []}", [], "old.ipynb"),
            ("ok.py", "print(1)\n", ["-p", "3x=1"], "'3x'"),
            ("ok.py", "print(1)\n", ["-p", "novalue"], "NAME=VALUE"),
            ("ok.py", "print(1)\n", ["--timeout", "-1"], "--timeout"),
            ("ok.py", "print(1)\n", ["--no-such-option"], "no-such-option"),
            ("ok.py", "print(1)\n", ["--html", "out.txt"], "--html"),
            ("page.html", "<p>hi</p>", [], "page.html"),
        ])
    func refuses(name: String, content: String, extra: [String], mentions: String) async throws {
        let notebook = try file(name, content)
        let result = try await CLIProcess.run(["run", notebook, "--output", path("never.ipynb")] + extra)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(mentions), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!exists("never.ipynb"))
    }

    @Test("exit 2: a missing file; an output directory that does not exist")
    func missingFiles() async throws {
        let missing = try await CLIProcess.run(["run", path("nowhere.ipynb")])
        #expect(missing.status == 2 && missing.stderr.contains("nowhere.ipynb"))
        let notebook = try file("ok.py", "# %%\nprint(1)\n")
        let result = try await CLIProcess.run(["run", notebook, "--output", path("no/such/dir/out.ipynb")])
        #expect(result.status == 2 && result.stdout.isEmpty)
    }

    @Test("exit 3: --timeout stops a runaway cell and what ran is written")
    func timeout() async throws {
        let notebook = try file("loop.py", "# %%\nprint('start')\n\n# %%\nwhile True:\n    pass\n\n# %%\nprint('x')\n")
        let start = Date()
        let result = try await CLIProcess.run(["run", notebook, "--timeout", "0.3", "--output", path("loop.ipynb")])
        #expect(result.status == 3)
        // A bound on correctness, not speed: the run ends instead of looping forever (even on a loaded machine).
        #expect(Date().timeIntervalSince(start) < 60)
        #expect(result.stdout == "start\n")
        let written = try read("loop.ipynb")
        #expect(written.cells[0].outputs == [.stream(.stdout, text: "start\n")])
        guard case .error(let name, _, _, _) = written.cells[1].outputs.last else {
            Issue.record("no error output")
            return
        }
        #expect(name == ExceptionName("TimeoutError"))
        #expect(written.cells[2].executionCount == nil)
    }

    @Test("exit 3: Ctrl-C interrupts the running cell and what ran is written")
    func interrupt() async throws {
        let notebook = try file("loop.py", "# %%\nprint('start')\n\n# %%\nwhile True:\n    pass\n")
        let output = path("loop.ipynb")
        let (result, seen) = try await offPool {
            let (process, stdout, stderr) = try CLIProcess.start(["run", notebook, "--output", output])
            // Wait until the loop cell is running: the first cell's progress line has been printed.
            let deadline = Date().addingTimeInterval(20)
            var seen = Data()
            while !String(decoding: seen, as: UTF8.self).contains("[1/2]"), Date() < deadline {
                let chunk = stderr.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                seen += chunk
            }
            usleep(100_000)
            process.interrupt()
            return (CLIProcess.finish(process, stdout, stderr), String(decoding: seen, as: UTF8.self))
        }
        #expect(result.status == 3)
        #expect((seen + result.stderr).contains("KeyboardInterrupt"))
        let written = try read("loop.ipynb")
        guard case .error(let name, _, _, _) = written.cells[1].outputs.last else {
            Issue.record("no error output")
            return
        }
        #expect(name == ExceptionName("KeyboardInterrupt"))
    }

    @Test("a plain script (no # %% markers) behaves as before: every value shown, no progress lines")
    func plainScript() async throws {
        let script = try file("script.py", "import torch\nprint('hi')\ntorch.ones(2).sum()\n1 + 1\n")
        let result = try await CLIProcess.run(["run", script])
        #expect(result.status == 0)
        #expect(result.stdout == "hi\ntensor(2.)\n2\n")
        #expect(result.stderr.isEmpty)

        let failing = try file("fail.py", "x = 1\ny = x +\n")
        let failed = try await CLIProcess.run(["run", failing])
        #expect(failed.status == 1)
        #expect(failed.stderr.hasPrefix("  File \"\(failing)\", line 2"), "\(failed.stderr)")
        #expect(failed.stderr.contains("\nSyntaxError: "))
    }

    @Test("--images writes each picture as a numbered PNG and says where")
    func images() async throws {
        let notebook = try file(
            "pics.py", "# %%\nimport torch\nshow(torch.ones(2, 2))\n\n# %%\nshow(torch.zeros(3, 3))\n")
        let result = try await CLIProcess.run(["run", notebook, "--images", path("pictures")])
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["001.png", "002.png"] {
            let bytes = try Data(contentsOf: directory.appendingPathComponent("pictures/\(name)"))
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(result.stdout.contains("pictures/\(name)"))
        }
    }

    @Test("d2l's Trainer prints a line per epoch on stderr and the board's final picture is in the written notebook")
    func trainingProgress() async throws {
        let notebook = try file(
            "train.py",
            """
            # %%
            import torch
            from d2l import torch as d2l
            class Small(d2l.DataModule):
                def __init__(self, batch_size=32):
                    super().__init__()
                    self.save_hyperparameters()
                    full = d2l.FashionMNIST(batch_size=batch_size)
                    self.train = torch.utils.data.Subset(full.train, list(range(256)))
                    self.val = torch.utils.data.Subset(full.val, list(range(64)))
                def get_dataloader(self, train):
                    data = self.train if train else self.val
                    return torch.utils.data.DataLoader(data, self.batch_size, shuffle=train)
            data = Small()
            model = d2l.SoftmaxRegression(num_outputs=10, lr=0.1)
            model.apply_init([next(iter(data.get_dataloader(True)))[0]])

            # %%
            trainer = d2l.Trainer(max_epochs=3)
            trainer.fit(model, data)

            """)
        let result = try await CLIProcess.run(["run", notebook, "--output", path("train.ipynb")])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let epochs = lines.filter { $0.hasPrefix("epoch ") }
        #expect(epochs.count == 3, "\(result.stderr)")
        for (index, line) in epochs.enumerated() {
            let pattern = /epoch (\d)\/3  train_loss \d+\.\d{3}  val_loss \d+\.\d{3}  val_acc [01]\.\d{3}/
            #expect(line.wholeMatch(of: pattern)?.output.1 == "\(index + 1)", "\(line)")
        }
        // The epoch lines come while the training cell runs, before its own progress line.
        let firstEpoch = lines.firstIndex { $0.hasPrefix("epoch 1/3") } ?? -1
        let cellLine = lines.firstIndex { $0.hasPrefix("[2/2]") } ?? -1
        #expect(firstEpoch >= 0 && firstEpoch < cellLine, "\(result.stderr)")
        #expect(result.stdout.contains("<plot 3 series"), "\(result.stdout)")
        let written = try read("train.ipynb")
        let pictures = written.cells.last?.outputs.compactMap { output -> [UInt8]? in
            if case .displayData(let data, _, _) = output { return data.png?.bytes }
            return nil
        }
        #expect(pictures?.count == 1 && pictures?.first?.starts(with: [0x89, 0x50, 0x4E, 0x47]) == true)

        let quiet = try await CLIProcess.run(["run", notebook, "--quiet"])
        #expect(quiet.status == 0 && !quiet.stderr.contains("epoch 1/3"), "\(quiet.stderr)")
    }
}
