import Foundation
import Synchronization

/// A running program: globals that persist across cells, the random generator, and the limits.
///
/// `run` evaluates one cell on a dedicated thread with a large native stack (so deep recursion
/// ends in `RecursionError`, never a crash) and returns its outputs. Cells run one at a time.
/// `interrupt()` may be called from any thread to stop the running cell with `KeyboardInterrupt`.
///
/// ```swift
/// let session = Session()
/// _ = session.run("import torch\nX = torch.ones(2, 2)")
/// session.run("X.sum()").result   // "tensor(4.)"
/// ```
public final class Session: @unchecked Sendable {
    // `@unchecked Sendable`: the interpreter is only touched while `lock` is held, and only on the
    // evaluator thread started by `run`; the interrupt flag is atomic.
    private let lock = Mutex<Int>(0)
    private nonisolated(unsafe) let interpreter: Interpreter
    /// The flag `interrupt()` sets; exposed so a host can share it.
    public let interruptFlag: InterruptFlag
    /// The native stack size of the evaluator thread.
    public static let evaluatorStackSize = 512 << 20

    /// Creates a session with the given limits and random seed; `imageSource` is where
    /// `load_image(name)` finds pictures (without one, `load_image` raises `RuntimeError`).
    public init(limits: ExecutionLimits = ExecutionLimits(), seed: UInt64 = 0, imageSource: (any ImageSource)? = nil) {
        interruptFlag = InterruptFlag()
        interpreter = Interpreter(limits: limits, interrupt: interruptFlag, seed: seed)
        interpreter.display.imageSource = imageSource
    }

    /// Stops the running cell (it raises `KeyboardInterrupt`); safe to call from any thread.
    public func interrupt() { interruptFlag.set() }

    /// Runs a cell given as text; it is named `Cell [n]` with `n` counting the session's cells.
    public func run(_ code: String) -> CellResult {
        let number = lock.withLock { count in
            count += 1
            return count
        }
        return run(Source.cell(number, text: code))
    }

    /// Runs a source (a cell or a script file) and returns what it printed and produced.
    ///
    /// With `showsEveryResult`, the value of every top-level expression statement is shown (as
    /// the REPL and `convbook run` do); otherwise only the trailing one (Jupyter's rule).
    public func run(_ source: Source, showsEveryResult: Bool = false) -> CellResult {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            lock.withLock { _ in
                box.result = Session.execute(source, in: interpreter, showsEveryResult: showsEveryResult)
            }
            done.signal()
        }
        thread.stackSize = Session.evaluatorStackSize
        thread.start()
        done.wait()
        return box.result ?? CellResult(outputs: [], errors: [])
    }

    /// Runs a source without blocking the caller's task.
    public func runAsync(_ source: Source, showsEveryResult: Bool = false) async -> CellResult {
        await withCheckedContinuation { continuation in
            let session = self
            Thread.detachNewThread {
                continuation.resume(returning: session.run(source, showsEveryResult: showsEveryResult))
            }
        }
    }

    private static func execute(_ source: Source, in interpreter: Interpreter, showsEveryResult: Bool) -> CellResult {
        interpreter.interrupt.clear()
        let parsed = Parser.parse(source)
        guard parsed.errors.isEmpty else { return CellResult(outputs: [], errors: parsed.errors) }
        interpreter.output = OutputBuffer(limit: interpreter.limits.maximumOutputBytes)
        interpreter.display.startCell()
        interpreter.source = source
        interpreter.scope = interpreter.globals
        interpreter.function = nil
        interpreter.runningFunction = nil
        interpreter.frameName = "<module>"
        interpreter.callDepth = 0
        interpreter.deadline = interpreter.limits.timeLimit.map { ContinuousClock.now + $0 }
        var outputs: [CellOutput] = []
        var errors: [LangError] = []
        var current = SourceRange(0, 0)
        do {
            for (index, statement) in parsed.statements.enumerated() {
                current = statement.range
                if showsEveryResult || index == parsed.statements.count - 1,
                    case .expression(let expression) = statement.kind
                {
                    let value = try interpreter.evaluateStatementExpression(statement, expression)
                    if case .none = value { continue }
                    let text = try interpreter.repr(value)
                    flush(interpreter, into: &outputs)
                    outputs.append(.result(text))
                } else {
                    _ = try interpreter.execute(statement)
                }
            }
        } catch {
            errors.append(error.langError(topLevel: source, range: current))
        }
        flush(interpreter, into: &outputs)
        return CellResult(outputs: outputs, errors: errors)
    }

    private static func flush(_ interpreter: Interpreter, into outputs: inout [CellOutput]) {
        outputs.append(contentsOf: interpreter.takeOutputs())
    }
}

/// Carries the result from the evaluator thread back to the caller.
private final class ResultBox: @unchecked Sendable {
    // `@unchecked Sendable`: written once on the evaluator thread before the semaphore is
    // signalled, read after the caller's wait returns.
    var result: CellResult?
}

extension Interpreter {
    /// Evaluates the trailing expression statement of a cell, attaching its range to errors.
    func evaluateStatementExpression(_ statement: Stmt, _ expression: Expr) throws(PyError) -> Value {
        do {
            return try evaluate(expression)
        } catch var error {
            if error.needsCallerFrame {
                error.traceback.insert(
                    TracebackFrame(function: frameName, source: source, range: statement.range), at: 0)
                error.needsCallerFrame = false
            }
            throw error
        }
    }
}
