import Foundation
import Synchronization
import Testing

@testable import Lang

@Suite("Limits: interrupts, time, recursion, output")
struct LimitsTests {
    @Test("an interrupted `while True: pass` stops promptly with KeyboardInterrupt")
    func interrupt() {
        let session = Session()
        let flag = session.interruptFlag
        let firstSet = Mutex<ContinuousClock.Instant?>(nil)
        let finished = Atomic<Bool>(false)
        // A run clears the flag when it starts, so on a loaded machine a single early `set()` could
        // be lost; keep interrupting until the cell returns, as an impatient user would.
        let interrupter = Thread {
            Thread.sleep(forTimeInterval: 0.2)
            while !finished.load(ordering: .acquiring) {
                firstSet.withLock { $0 = $0 ?? .now }
                flag.set()
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        interrupter.start()
        // Synchronous `run`: the caller's thread wakes as soon as the evaluator signals, so no task
        // scheduling delay is added to the measured latency.
        let result = session.run(Source.cell(1, text: "while True:\n    pass\n"))
        let stopped = ContinuousClock.now
        finished.store(true, ordering: .releasing)
        #expect(result.error?.name == .keyboardInterrupt)
        // Correctness bound, generous for a loaded machine: the interrupt lands at the next back-edge.
        let latency = firstSet.withLock { $0 }.map { stopped - $0 }
        #expect(latency.map { $0 < .seconds(5) } == true)
    }

    @Test("a cell over its time limit raises TimeoutError")
    func timeLimit() {
        var limits = ExecutionLimits()
        limits.timeLimit = .milliseconds(100)
        let result = Session(limits: limits).run("i = 0\nwhile True:\n    i += 1\n")
        #expect(result.error?.name == .timeoutError)
    }

    @Test("unbounded recursion is a RecursionError, not a stack overflow (also in debug builds)")
    func recursion() {
        let result = Session().run("def r(n):\n    return r(n + 1) + 1\nr(0)\n")
        #expect(result.error?.name == .recursionError)
        let frames = result.error?.traceback.count ?? 0
        #expect(frames > 100)
        let rendered = result.error.map(ErrorFormatter.render) ?? ""
        #expect(rendered.contains("[Previous line repeated"))
    }

    @Test("the full recursion depth with maximally nested expressions fits the evaluator's stack")
    func deepestFrames() {
        let nested = String(repeating: "(", count: 190) + "n" + String(repeating: " + 0)", count: 190)
        let result = Session().run("def r(n):\n    return r(\(nested) + 1)\nr(0)\n")
        #expect(result.error?.name == .recursionError)
        #expect(result.error?.traceback.count == ExecutionLimits().maximumRecursionDepth + 1)
    }

    @Test("recursion through builtins and comprehensions is bounded too")
    func indirectRecursion() {
        let result = Session().run("def r(n):\n    return [r(n + 1) for _ in range(1)]\nr(0)\n")
        #expect(result.error?.name == .recursionError)
        let sorted = Session().run("def k(v):\n    return sorted([1, 2], key=k)\nk(0)\n")
        #expect(sorted.error?.name == .recursionError)
    }

    @Test("runaway containers stop with MemoryError instead of exhausting memory")
    func containerCap() {
        #expect(Session().run("x = [0] * 10 ** 9").error?.name == .memoryError)
        #expect(Session().run("s = 'ab' * 10 ** 9").error?.name == .memoryError)
    }

    @Test("printed output is capped with a truncation marker")
    func outputCap() {
        var limits = ExecutionLimits()
        limits.maximumOutputBytes = 1000
        let result = Session(limits: limits).run("for i in range(10000):\n    print('line', i)\n")
        #expect(result.errors.isEmpty)
        #expect(result.stdout.utf8.count < 1200)
        #expect(result.stdout.contains("[output truncated"))
    }
}
