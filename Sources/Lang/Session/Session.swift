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
    let lock = Mutex<Int>(0)
    nonisolated(unsafe) let interpreter: Interpreter
    /// The flag `interrupt()` sets; exposed so a host can share it.
    public let interruptFlag: InterruptFlag
    /// The native stack size of the evaluator thread.
    public static let evaluatorStackSize = 512 << 20

    /// Creates a session with the given limits and random seed; `imageSource` is where
    /// `load_image(name)` finds pictures (without one, `load_image` raises `RuntimeError`).
    ///
    /// With `progress`, d2l's `Trainer` hands it one line per epoch
    /// (`epoch 3/10  train_loss 0.612  val_loss 0.598  val_acc 0.781`), on the evaluator thread: a
    /// headless host prints them; the page and Jupyter show the live figure instead.
    public init(
        limits: ExecutionLimits = ExecutionLimits(), seed: UInt64 = 0, imageSource: (any ImageSource)? = nil,
        progress: (@Sendable (String) -> Void)? = nil
    ) {
        interruptFlag = InterruptFlag()
        interpreter = Interpreter(limits: limits, interrupt: interruptFlag, seed: seed)
        interpreter.display.imageSource = imageSource
        interpreter.progressSink = progress
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
    ///
    /// With an `observer`, each output is also handed to it as soon as it is produced (printed
    /// lines, figures, the result), on the evaluator thread; the returned result still lists them all.
    public func run(_ source: Source, showsEveryResult: Bool = false, observer: CellObserver? = nil) -> CellResult {
        let box = ResultBox()
        let ran = EvaluatorThread.run(stackSize: Session.evaluatorStackSize) { [self] in
            lock.withLock { _ in
                box.result = Session.execute(
                    source, in: interpreter, showsEveryResult: showsEveryResult, observer: observer)
            }
        }
        guard ran else {
            // Without address space for the stack (a memory limit nearly used up) there is no thread to wait for.
            let message = "not enough memory to start the cell (the session holds too much data; restart it)"
            return CellResult(
                outputs: [], errors: [LangError(.memoryError, message, source: source, range: SourceRange(0, 0))])
        }
        return box.result ?? CellResult(outputs: [], errors: [])
    }

    /// Runs a source on the calling thread, which must have a native stack of at least
    /// ``evaluatorStackSize`` (a host's own long-lived evaluator thread, which saves starting a thread
    /// per cell); otherwise the same as ``run(_:showsEveryResult:observer:)``.
    public func runOnCurrentThread(
        _ source: Source, showsEveryResult: Bool = false, observer: CellObserver? = nil
    ) -> CellResult {
        lock.withLock { _ in
            Session.execute(source, in: interpreter, showsEveryResult: showsEveryResult, observer: observer)
        }
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

    private static func execute(
        _ source: Source, in interpreter: Interpreter, showsEveryResult: Bool, observer: CellObserver?
    ) -> CellResult {
        interpreter.interrupt.clear()
        interpreter.interruptNote = nil
        interpreter.interruptDeferredUntil = nil
        observer?.started()
        let parsed = Parser.parse(source)
        guard parsed.errors.isEmpty else { return CellResult(outputs: [], errors: parsed.errors) }
        let recorder = OutputRecorder(observer: observer)
        let lineSink: ((String) -> Void)? = observer.map { _ in { recorder.record(.stdout($0)) } }
        interpreter.output = OutputBuffer(limit: interpreter.limits.maximumOutputBytes, lineSink: lineSink)
        interpreter.display.startCell()
        interpreter.display.sink = observer.map { _ in { recorder.record($0) } }
        defer {
            interpreter.output = OutputBuffer(limit: interpreter.limits.maximumOutputBytes)
            interpreter.display.sink = nil
        }
        interpreter.source = source
        interpreter.scope = interpreter.globals
        interpreter.function = nil
        interpreter.runningFunction = nil
        interpreter.frameName = "<module>"
        interpreter.callDepth = 0
        interpreter.handledErrors = []
        interpreter.deadline = interpreter.limits.timeLimit.map { ContinuousClock.now + $0 }
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
                    // A figure value shows as its picture, as a notebook shows a figure left last in a cell.
                    if case .object(let figure as FigureObject) = value {
                        interpreter.emit(figure.figure)
                        flush(interpreter, into: recorder)
                        continue
                    }
                    let text = try interpreter.repr(value)
                    flush(interpreter, into: recorder)
                    recorder.record(.result(text))
                } else {
                    _ = try interpreter.execute(statement)
                }
            }
        } catch {
            errors.append(error.langError(topLevel: source, range: current))
        }
        flush(interpreter, into: recorder)
        return CellResult(outputs: recorder.outputs, errors: errors)
    }

    private static func flush(_ interpreter: Interpreter, into recorder: OutputRecorder) {
        for output in interpreter.takeOutputs() { recorder.record(output) }
    }
}

/// A cell's outputs in order, each also handed to the observer when there is one; the result keeps them
/// folded (live displays in their last drawing, clears applied), the observer sees every change.
private final class OutputRecorder {
    // Lives on the evaluator thread for one cell.
    private var fold = OutputFold()
    private let observer: CellObserver?

    init(observer: CellObserver?) { self.observer = observer }

    var outputs: [CellOutput] { fold.outputs }

    func record(_ output: CellOutput) {
        fold.apply(output)
        observer?.output(output)
    }
}

/// Carries the result from the evaluator thread back to the caller.
private final class ResultBox: @unchecked Sendable {
    // `@unchecked Sendable`: written once on the evaluator thread, read after the caller joined it.
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
