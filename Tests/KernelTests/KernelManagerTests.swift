import Foundation
import Notebook
import Testing

import struct Lang.SessionVariable

@testable import Kernel

/// The manager driving real `convbook kernel` children. Serialized: the timing checks should not
/// compete with each other for the machine's two cores.
@Suite("Kernel manager", .serialized, .timeLimit(.minutes(1)))
struct KernelManagerTests {
    /// A loop that keeps a debug build busy for a few hundred milliseconds.
    /// About 200 ms of interpreter work in a debug build when the machine is quiet; three of them
    /// follow the streaming test's first line, so that line leads the cell's end by far more than
    /// the test's 50 ms even when the other suites load both cores.
    static let busyLoop = "j = 0\nwhile j < 100000:\n    j += 1\n"

    @Test("a cell's outputs arrive in order and end with done")
    func happyPath() async throws {
        let manager = KernelManager(configuration: KernelTestSupport.configuration())
        let events = await KernelTestSupport.run("print('hi')\nprint(2 * 3)\n1 + 1", on: manager, cell: "a")
        #expect(events.first?.event == .started(cellID: "a", executionCount: 1))
        #expect(events.stdout == "hi\n6\n")
        #expect(events.resultText == "2")
        #expect(events.status == .done)
        let second = await KernelTestSupport.run("x = 5\nx * 2", on: manager, cell: "b")
        #expect(second.first?.event == .started(cellID: "b", executionCount: 2))
        #expect(second.resultText == "10")
        await manager.shutdown()
    }

    @Test("a toy cell makes the round trip through the child; the times are printed, not judged")
    func roundTrip() async throws {
        let manager = KernelManager(configuration: KernelTestSupport.configuration())
        _ = await KernelTestSupport.run("x = 1", on: manager)
        var times: [Double] = []
        for index in 0..<200 {
            let start = ContinuousClock.now
            let events = await KernelTestSupport.run("x + \(index)", on: manager)
            times.append(milliseconds(ContinuousClock.now - start))
            #expect(events.resultText == String(1 + index), "\(events.outputs)")
        }
        times.sort()
        print("kernel: toy cell round trip p50 \(times[100]) ms, p99 \(times[198]) ms (this build)")
        await manager.shutdown()
    }

    @Test("printed lines stream while the cell is still running")
    func streaming() async throws {
        let manager = KernelManager(configuration: KernelTestSupport.configuration())
        let code =
            "for i in range(3):\n    print(i)\n"
            + Self.busyLoop.split(separator: "\n").map { "    " + $0 }.joined(
                separator: "\n")
        let events = await KernelTestSupport.run(code, on: manager)
        #expect(events.stdout == "0\n1\n2\n")
        let first = try #require(events.first { if case .output = $0.event { true } else { false } })
        let finish = try #require(events.finishTime)
        let lead = milliseconds(finish - first.time)
        print("kernel: first printed line arrived \(lead) ms before the cell finished")
        // Three busy loops follow the first line, so it must arrive well before the end.
        #expect(lead > 50)
        #expect(events.outputs.count >= 2, "the lines arrived as separate outputs, not one at the end")
        await manager.shutdown()
    }

    @Test("`while True: pass` stops on interrupt, quickly, and the kernel stays usable")
    func interruptLatency() async throws {
        let manager = KernelManager(configuration: KernelTestSupport.configuration())
        _ = await KernelTestSupport.run("x = 41", on: manager)
        let pid = await manager.processIdentifier(notebookID: "nb")
        let stream = await manager.execute(CellRun(cellID: "loop", code: "while True: pass"), notebookID: "nb")
        var iterator = stream.makeAsyncIterator()
        #expect(await iterator.next() == .started(cellID: "loop", executionCount: 2))
        try await Task.sleep(for: .milliseconds(200))
        let asked = ContinuousClock.now
        await manager.interrupt(notebookID: "nb")
        var events: [TimedEvent] = []
        while let event = await iterator.next() { events.append(TimedEvent(event: event, time: .now)) }
        let latency = milliseconds(try #require(events.finishTime) - asked)
        print("kernel: interrupt latency \(latency) ms")
        #expect(latency < 1000)
        #expect(events.status == .interrupted)
        #expect(events.error?.name == .keyboardInterrupt)
        let after = await KernelTestSupport.run("x + 1", on: manager)
        #expect(after.resultText == "42")
        #expect(await manager.processIdentifier(notebookID: "nb") == pid)
        await manager.shutdown()
    }

    @Test("an interrupt sent before the cell starts is not lost")
    func interruptBeforeStart() async throws {
        let manager = KernelManager(configuration: KernelTestSupport.configuration())
        // No kernel exists yet: the interrupt reaches the child right behind the execute request.
        let stream = await manager.execute(CellRun(cellID: "loop", code: "while True: pass"), notebookID: "nb")
        await manager.interrupt(notebookID: "nb")
        let events = await KernelTestSupport.collect(stream)
        #expect(events.status == .interrupted)
        #expect(events.error?.name == .keyboardInterrupt)
        await manager.shutdown()
    }

    @Test("a cell sent while another of the notebook's runs is refused; the running one goes on")
    func busyNotebookRefusesACell() async throws {
        let manager = KernelManager(configuration: KernelTestSupport.configuration())
        let running = await manager.execute(CellRun(cellID: "a", code: "while True: pass"), notebookID: "nb")
        let refused = await KernelTestSupport.collect(
            await manager.execute(CellRun(cellID: "b", code: "print('never')"), notebookID: "nb"))
        #expect(refused.error?.name == .kernelError)
        #expect(refused.error?.message.contains("already running cell a") == true)
        #expect(refused.status == .error)
        #expect(refused.stdout == "")
        await manager.interrupt(notebookID: "nb")
        let events = await KernelTestSupport.collect(running)
        #expect(events.first?.event == .started(cellID: "a", executionCount: 1))
        #expect(events.status == .interrupted)
        await manager.shutdown()
    }

    /// Waits until `/proc/PID/stat` shows the process stopped (state `T`), for at most 2 s.
    private func waitUntilStopped(_ pid: Int32) async throws {
        let deadline = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < deadline {
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            // The state follows the command name, which is in parentheses: "PID (comm) S ...".
            if let close = stat.lastIndex(of: ")"), stat[close...].dropFirst(2).first == "T" { return }
            try await Task.sleep(for: .milliseconds(1))
        }
        Issue.record("the kernel process \(pid) did not stop within 2 s")
    }

    @Test("a cell that ignores the interrupt has its kernel killed after the grace period")
    func graceKill() async throws {
        let manager = KernelManager(
            configuration: KernelTestSupport.configuration { $0.interruptGrace = .milliseconds(300) })
        let stream = await manager.execute(CellRun(cellID: "a", code: "while True: pass"), notebookID: "nb")
        var iterator = stream.makeAsyncIterator()
        _ = await iterator.next()
        // A stopped process cannot honour the interrupt flag, as a cell stuck in native code could not.
        let pid = try #require(await manager.processIdentifier(notebookID: "nb"))
        kill(pid, SIGSTOP)
        // kill() returns before the child has stopped; until it has, it may still honour the interrupt.
        try await waitUntilStopped(pid)
        let asked = ContinuousClock.now
        await manager.interrupt(notebookID: "nb")
        var events: [TimedEvent] = []
        while let event = await iterator.next() { events.append(TimedEvent(event: event, time: .now)) }
        let waited = milliseconds(try #require(events.finishTime) - asked)
        #expect(events.status == .died)
        #expect(events.error?.message == KernelManager.kernelDiedMessage)
        #expect(waited >= 300 && waited < 3000, "killed after \(waited) ms")
        #expect(await KernelTestSupport.run("1 + 2", on: manager).resultText == "3")
        await manager.shutdown()
    }

    @Test("a cell allocating 10**12 elements gets a clear error and the kernel lives on")
    func hugeAllocation() async throws {
        let manager = KernelManager(configuration: KernelTestSupport.configuration())
        _ = await KernelTestSupport.run("import torch\nkept = 7", on: manager)
        let pid = await manager.processIdentifier(notebookID: "nb")
        let events = await KernelTestSupport.run("x = torch.zeros(10**6, 10**6)", on: manager)
        #expect(events.status == .error)
        let error = try #require(events.error)
        print("kernel: 10**12 elements → \(error.name): \(error.message)")
        // PyTorch raises RuntimeError for an allocation it cannot make; the engine refuses before trying.
        #expect(error.name == .runtimeError)
        #expect(error.message.contains("1000000000000 elements"))
        #expect(await KernelTestSupport.run("kept", on: manager).resultText == "7")
        #expect(await manager.processIdentifier(notebookID: "nb") == pid)
        await manager.shutdown()
    }

    @Test("infinite recursion is a RecursionError, not a crash")
    func infiniteRecursion() async throws {
        let manager = KernelManager(configuration: KernelTestSupport.configuration())
        let pid = try #require(
            await { () async -> Int32? in
                _ = await KernelTestSupport.run("kept = 1", on: manager)
                return await manager.processIdentifier(notebookID: "nb")
            }())
        let events = await KernelTestSupport.run("def f(n):\n    return f(n + 1)\nf(0)", on: manager)
        #expect(events.status == .error)
        #expect(events.error?.name == .recursionError)
        #expect(await KernelTestSupport.run("kept", on: manager).resultText == "1")
        #expect(await manager.processIdentifier(notebookID: "nb") == pid)
        await manager.shutdown()
    }

    @Test("a killed kernel ends its cell as died, and the next cell runs in a fresh session")
    func killedKernel() async throws {
        let manager = KernelManager(configuration: KernelTestSupport.configuration())
        _ = await KernelTestSupport.run("x = 1", on: manager)
        let pid = try #require(await manager.processIdentifier(notebookID: "nb"))
        let stream = await manager.execute(CellRun(cellID: "loop", code: "while True: pass"), notebookID: "nb")
        var iterator = stream.makeAsyncIterator()
        _ = await iterator.next()
        kill(pid, SIGKILL)
        var events: [TimedEvent] = []
        while let event = await iterator.next() { events.append(TimedEvent(event: event, time: .now)) }
        #expect(events.status == .died)
        #expect(events.error?.name == .kernelDied)
        #expect(events.error?.message == "kernel died — restarted")
        // Restarted at once, before any new run asks for it.
        let newPID = await manager.processIdentifier(notebookID: "nb")
        #expect(newPID != nil && newPID != pid)
        let next = await KernelTestSupport.run("x", on: manager)
        #expect(next.error?.name == .nameError, "the new session does not know x")
        #expect(next.first?.event == .started(cellID: "c", executionCount: 1))
        #expect(await manager.processIdentifier(notebookID: "nb") == newPID)
        await manager.shutdown()
    }

    @Test(
        "a tensor past the memory limit is a MemoryError naming its shape; the variables and the kernel live on",
        arguments: [
            ("x = torch.zeros(16000, 16000)", "[16000, 16000]"),
            ("xs = []\nfor i in range(200):\n    xs.append(torch.ones(1000, 1000, 10))", "[1000, 1000, 10]"),
            ("a = torch.ones(1000, 1000)\nys = []\nwhile True:\n    ys.append(a * 2)", "[1000, 1000]"),
            (
                "w = torch.ones(1000, 1000, requires_grad=True)\nys = []\nwhile True:\n    ys.append(w * w)",
                "[1000, 1000]"
            ),
        ])
    func tensorMemoryError(code: String, shape: String) async throws {
        try await expectTensorMemoryError(code: code, shapes: [shape])
    }

    @Test(
        "every kind of operation that makes a tensor is refused with MemoryError at the limit, also in backward",
        arguments: [
            ("a = torch.ones(1000, 1000)", "ys.append(a.exp())", ["[1000, 1000]"]),
            ("a = torch.ones(1000, 1000)", "ys.append(torch.sigmoid(a))", ["[1000, 1000]"]),
            ("a = torch.ones(1000, 1000)", "ys.append(a.relu())", ["[1000, 1000]"]),
            ("a = torch.ones(1000, 1000)", "ys.append(torch.zeros_like(a))", ["[1000, 1000]"]),
            ("a = torch.ones(1000, 1000)", "ys.append(torch.rand_like(a))", ["[1000, 1000]"]),
            ("a = torch.ones(1000, 1000)", "ys.append(a.clone())", ["[1000, 1000]"]),
            ("a = torch.ones(1000, 1000)", "ys.append(a.long())", ["[1000, 1000]"]),
            ("a = torch.ones(1000, 1000, 2)", "ys.append(a.sum(2))", ["[1000, 1000]"]),
            ("a = torch.ones(1000, 1000, 2)", "ys.append(a.argmax(2))", ["[1000, 1000]"]),
            (
                "a = torch.ones(1000, 1000, requires_grad=True)",
                "y = torch.sigmoid(a)\n    y.sum().backward()\n    ys.append(y)", ["[1000, 1000]"]
            ),
            // Writing into a buffer another tensor shares (a reshaped or unsqueezed copy; `.data`
            // and `detach()` alias the tensor instead, as in PyTorch) copies it first.
            (
                "a = torch.ones(1000, 1000)", "b = a.unsqueeze(0)\n    b[0, 0, 0] = 2.0\n    ys.append(b)",
                ["[1, 1000, 1000]"]
            ),
            (
                "a = torch.ones(1000, 1000)", "b = a.view(1000, 1000)\n    b[1, 2] = 2.0\n    ys.append(b)",
                ["[1000, 1000]"]
            ),
            (
                "a = torch.ones(1000, 1000)", "b = a.reshape(1000, 1000)\n    b[a < 0] = 2.0\n    ys.append(b)",
                ["[1000, 1000]"]
            ),
            // An int tensor read as floats.
            ("a = torch.ones(1000, 1000, dtype=torch.long)", "ys.append(torch.sigmoid(a))", ["[1000, 1000]"]),
            // The offsets behind indexing, strided slices and pad, and what they gather.
            ("a = torch.ones(1000, 1000)\ni = torch.arange(1000)", "ys.append(a[i])", ["[1000, 1000]"]),
            ("a = torch.ones(1000, 2000)", "ys.append(a[:, ::2])", ["[1000, 1000]"]),
            ("a = torch.ones(1000, 1000)", "ys.append(a[a > 0])", ["[1000, 1000]", "[1000000]"]),
            (
                "import torch.nn.functional as F\na = torch.ones(1000, 998)", "ys.append(F.pad(a, (1, 1)))",
                ["[1000, 1000]", "[1000, 998]"]
            ),
            // allclose compares in double precision (through isclose): its temporaries are admitted too.
            ("a = torch.ones(3000, 3000)", "ys.append(torch.allclose(a, a))", ["[3000, 3000]"]),
            // Convolution results, forward and backward.
            (
                "import torch.nn.functional as F\nx = torch.ones(10, 1, 100, 100)\nw = torch.ones(10, 1, 1, 1)",
                "ys.append(F.conv2d(x, w))", ["[10, 10, 100, 100]"]
            ),
            (
                "import torch.nn.functional as F\nx = torch.ones(10, 10, 100, 100, requires_grad=True)\nw = torch.ones(1, 10, 1, 1)",
                "F.conv2d(x, w).sum().backward()\n    ys.append(x.grad)\n    x.grad = None",
                ["[10, 10, 100, 100]", "[10, 1, 100, 100]"]
            ),
        ])
    func tensorMemoryErrorInEveryFamily(setup: String, step: String, shapes: [String]) async throws {
        // Most of the limit is taken first by large tensors made until the first refusal (quick
        // even in a debug build), so that the loop of the operation under test reaches the limit
        // within a few steps.
        let code = """
            \(setup)
            fill = []
            try:
                while True:
                    fill.append(torch.ones(1000, 1000, 8))
            except MemoryError:
                pass
            ys = []
            while True:
                \(step)
            """
        try await expectTensorMemoryError(code: code, shapes: shapes)
    }

    /// Runs `code`, which grows tensors past a 1.5 GiB limit, and checks that the cell ends in a
    /// `MemoryError` naming one of `shapes` while the session, its variables and its process live on.
    private func expectTensorMemoryError(code: String, shapes: [String]) async throws {
        let manager = KernelManager(
            configuration: KernelTestSupport.configuration { $0.memoryLimitBytes = 1536 << 20 })
        _ = await KernelTestSupport.run("import torch\nkept = torch.arange(3)", on: manager)
        let pid = await manager.processIdentifier(notebookID: "nb")
        let events = await KernelTestSupport.run(code, on: manager)
        print("kernel: tensor over the memory limit → \(events.error.map { "\($0)" } ?? "no error")")
        #expect(events.error?.name == .memoryError, "\(String(describing: events.error))")
        let message = events.error?.message ?? ""
        #expect(shapes.contains { message.contains("a tensor of shape \($0) needs") }, "\(message)")
        #expect(events.error?.message.contains("memory limit of 1.5 GiB") == true)
        #expect(await KernelTestSupport.run("kept", on: manager).resultText == "tensor([0, 1, 2])")
        #expect(await manager.processIdentifier(notebookID: "nb") == pid)
        // What the cell made before the refusal can be freed, and the session computes on.
        let after = await KernelTestSupport.run(
            "xs = ys = x = a = b = w = fill = None\ntorch.ones(1000, 1000).sum()", on: manager)
        #expect(after.resultText == "tensor(1000000.)")
        await manager.shutdown()
    }

    @Test(
        "growing lists, dicts or strings past the session's share of the memory limit is a MemoryError; the kernel lives on",
        arguments: [
            "x = [[0] * 10**4 for _ in range(10**5)]",
            "s = 'x'\nwhile True:\n    s = s + s",
            "d = {}\ni = 0\nwhile True:\n    d[i] = 'x' * 10000 + str(i)\n    i += 1",
            "l = []\nwhile True:\n    l.append('y' * 10000 + str(len(l)))",
            "l = [0] * 1000\nwhile True:\n    l += l",
        ])
    func memoryErrorInKernel(code: String) async throws {
        let manager = KernelManager(
            configuration: KernelTestSupport.configuration { $0.memoryLimitBytes = 1536 << 20 })
        _ = await KernelTestSupport.run("kept = 'still here'", on: manager)
        let pid = await manager.processIdentifier(notebookID: "nb")
        let events = await KernelTestSupport.run(code, on: manager)
        #expect(events.error?.name == .memoryError, "\(String(describing: events.error))")
        #expect(events.error?.message.contains("memory limit of") == true)
        #expect(await KernelTestSupport.run("kept", on: manager).resultText == "'still here'")
        #expect(await manager.processIdentifier(notebookID: "nb") == pid)
        await manager.shutdown()
    }

    @Test("restart clears the variables and ends the running cell")
    func restart() async throws {
        let manager = KernelManager(configuration: KernelTestSupport.configuration())
        _ = await KernelTestSupport.run("x = 3", on: manager)
        let running = await manager.execute(CellRun(cellID: "a", code: "while True: pass"), notebookID: "nb")
        await manager.restart(notebookID: "nb")
        #expect(await KernelTestSupport.collect(running).status == .interrupted)
        #expect(try await manager.variables(notebookID: "nb") == [])
        let after = await KernelTestSupport.run("x", on: manager)
        #expect(after.error?.name == .nameError)
        await manager.shutdown()
    }

    @Test("a cell too large for one frame is refused without disturbing the kernel")
    func oversizedCell() async throws {
        let manager = KernelManager(configuration: KernelTestSupport.configuration())
        _ = await KernelTestSupport.run("x = 1", on: manager)
        let pid = await manager.processIdentifier(notebookID: "nb")
        let code = "# " + String(repeating: "z", count: KernelManager.maximumCodeBytes)
        let events = await KernelTestSupport.run(code, on: manager)
        #expect(events.status == .error)
        #expect(events.error?.name == .kernelError)
        #expect(await KernelTestSupport.run("x", on: manager).resultText == "1")
        #expect(await manager.processIdentifier(notebookID: "nb") == pid)
        await manager.shutdown()
    }

    @Test("notebooks have separate kernels")
    func separateKernels() async throws {
        let manager = KernelManager(configuration: KernelTestSupport.configuration())
        _ = await KernelTestSupport.run("x = 'one'", on: manager, notebook: "one")
        let other = await KernelTestSupport.run("x", on: manager, notebook: "two")
        #expect(other.error?.name == .nameError)
        let one = await manager.processIdentifier(notebookID: "one")
        let two = await manager.processIdentifier(notebookID: "two")
        #expect(one != nil && two != nil && one != two)
        await manager.shutdown()
        #expect(await manager.processIdentifier(notebookID: "one") == nil)
    }

    @Test("idle kernels are reaped and their notebooks start fresh")
    func idleReaping() async throws {
        let manager = KernelManager(
            configuration: KernelTestSupport.configuration { $0.idleTimeout = .milliseconds(300) })
        _ = await KernelTestSupport.run("x = 1", on: manager)
        let pid = try #require(await manager.processIdentifier(notebookID: "nb"))
        var reaped = false
        for _ in 0..<50 where !reaped {
            try await Task.sleep(for: .milliseconds(100))
            reaped = await manager.processIdentifier(notebookID: "nb") == nil
        }
        #expect(reaped)
        // The process is gone too (SIGKILL, then reaped by Foundation).
        var gone = false
        for _ in 0..<50 where !gone {
            gone = kill(pid, 0) != 0
            if !gone { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(gone)
        // The server hears of it, to tell the page the variables are gone.
        var ended = manager.endedSessions.makeAsyncIterator()
        #expect(await ended.next() == EndedSession(notebookID: "nb", reason: .idle(.milliseconds(300))))
        #expect(await KernelTestSupport.run("x", on: manager).error?.name == .nameError)
        await manager.shutdown()
    }

    @Test("a kernel that exits between cells is reported as an ended session")
    func exitBetweenCells() async throws {
        let manager = KernelManager(configuration: KernelTestSupport.configuration())
        _ = await KernelTestSupport.run("x = 1", on: manager)
        let pid = try #require(await manager.processIdentifier(notebookID: "nb"))
        kill(pid, SIGKILL)
        var ended = manager.endedSessions.makeAsyncIterator()
        let report = await ended.next()
        #expect(report?.notebookID == "nb")
        let exited =
            switch report?.reason {
            case .exited?: true
            default: false
            }
        #expect(exited, "\(String(describing: report))")
        #expect(await KernelTestSupport.run("x", on: manager).error?.name == .nameError)
        await manager.shutdown()
    }

    @Test("while a cell runs, the variables are those after the last cell that finished")
    func variablesWhileRunning() async throws {
        let manager = KernelManager(configuration: KernelTestSupport.configuration())
        _ = await KernelTestSupport.run("a = 1", on: manager)
        // Asking once (the panel opened) makes the kernel keep a copy after every later cell.
        #expect(
            try await manager.sessionVariables(notebookID: "nb")
                == SessionVariables([
                    SessionVariable(name: "a", typeName: "int", shape: nil, dtype: nil, summary: "1")
                ]))
        _ = await KernelTestSupport.run("b = 2", on: manager)
        let stream = await manager.execute(CellRun(cellID: "loop", code: "c = 3\nwhile True: pass"), notebookID: "nb")
        var iterator = stream.makeAsyncIterator()
        _ = await iterator.next()
        var dated: SessionVariables?
        for _ in 0..<200 where dated == nil {
            let answer = try await manager.sessionVariables(notebookID: "nb")
            if answer.asOf != nil { dated = answer } else { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(dated?.asOf == 2)
        #expect(dated?.variables.map(\.name) == ["a", "b"])
        // Asked before its first run (the panel was open), a new session keeps copies from its first cell on.
        #expect(try await manager.sessionVariables(notebookID: "fresh") == SessionVariables([]))
        _ = await KernelTestSupport.run("f = 1", on: manager, notebook: "fresh")
        let loop = await manager.execute(CellRun(cellID: "loop", code: "while True: pass"), notebookID: "fresh")
        var fresh = loop.makeAsyncIterator()
        _ = await fresh.next()
        var first: SessionVariables?
        for _ in 0..<200 where first == nil {
            let answer = try await manager.sessionVariables(notebookID: "fresh")
            if answer.asOf != nil { first = answer } else { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(
            first
                == SessionVariables(
                    [SessionVariable(name: "f", typeName: "int", shape: nil, dtype: nil, summary: "1")], asOf: 1))
        await manager.interrupt(notebookID: "fresh")
        while await fresh.next() != nil {}
        await manager.interrupt(notebookID: "nb")
        while await iterator.next() != nil {}
        let after = try await manager.sessionVariables(notebookID: "nb")
        #expect(after.asOf == nil)
        #expect(after.variables.map(\.name) == ["a", "b", "c"])
        await manager.shutdown()
    }

    @Test("variables and the heatmap of a tensor variable")
    func variables() async throws {
        let manager = KernelManager(configuration: KernelTestSupport.configuration())
        #expect(try await manager.variables(notebookID: "nb") == [])
        _ = await KernelTestSupport.run(
            "import torch\nX = torch.arange(6.0).reshape(2, 3)\nn = 3\nnames = ['a', 'b']", on: manager)
        let variables = try await manager.variables(notebookID: "nb")
        #expect(variables.map(\.name) == ["X", "n", "names"], "the torch module is left out")
        #expect(
            variables.first
                == SessionVariable(
                    name: "X", typeName: "Tensor", shape: [2, 3], dtype: "float32",
                    summary: "min 0.0, max 5.0, mean 2.5"))
        #expect(variables.last?.shape == [2])
        let png = try #require(try await manager.variableHeatmap(notebookID: "nb", name: "X"))
        #expect(png.prefix(4) == [0x89, 0x50, 0x4E, 0x47])
        #expect(try await manager.variableHeatmap(notebookID: "nb", name: "n") == nil)
        #expect(try await manager.variableHeatmap(notebookID: "nb", name: "missing") == nil)
        // While a cell runs the session belongs to it: a kernel that has no copy of its variables from
        // before (nobody asked until now) says so at once instead of waiting.
        _ = await KernelTestSupport.run("y = 1", on: manager, notebook: "other")
        let stream = await manager.execute(CellRun(cellID: "loop", code: "while True: pass"), notebookID: "other")
        var iterator = stream.makeAsyncIterator()
        _ = await iterator.next()
        // (`started` is sent just before the evaluator takes the session, so ask until it has.)
        var sawBusy = false
        for _ in 0..<200 where !sawBusy {
            do {
                _ = try await manager.variables(notebookID: "other")
                try await Task.sleep(for: .milliseconds(10))
            } catch KernelError.busy {
                sawBusy = true
            }
        }
        #expect(sawBusy)
        await manager.interrupt(notebookID: "other")
        while await iterator.next() != nil {}
        #expect(try await manager.variables(notebookID: "other").count == 1)
        await manager.shutdown()
    }

    @Test("stop forgets a notebook's kernel and ends its cells")
    func stop() async throws {
        let manager = KernelManager(configuration: KernelTestSupport.configuration())
        _ = await KernelTestSupport.run("x = 1", on: manager)
        let running = await manager.execute(CellRun(cellID: "a", code: "while True: pass"), notebookID: "nb")
        await manager.stop(notebookID: "nb")
        #expect(await KernelTestSupport.collect(running).status == .interrupted)
        #expect(await manager.processIdentifier(notebookID: "nb") == nil)
        #expect(await KernelTestSupport.run("x", on: manager).error?.name == .nameError)
        await manager.shutdown()
    }
}
