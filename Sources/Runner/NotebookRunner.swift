import Dispatch
import Foundation
import Lang
import Notebook
import Synchronization

/// Runs a notebook's code cells top to bottom in one fresh language session, headless.
///
/// Each code cell gets execution counts 1…n, its outputs (printed text as `stream`, the trailing
/// expression as `execute_result`, pictures as `display_data`, an exception as `error`) and its timing.
/// Parameters are injected papermill-style as an `injected-parameters` cell after the cell tagged
/// `parameters`. The run stops at the first cell that raises unless `allowErrors` is set; a whole-run
/// `timeout` or a call to ``interrupt()`` (from any thread, e.g. a Ctrl-C handler) stops the running cell
/// cooperatively and ends the run.
///
/// ```swift
/// var options = NotebookRunner.Options()
/// options.parameters = [try RunParameter(argument: "size=8")]
/// let run = NotebookRunner(options: options).run(notebook) { progress in
///     print("[\(progress.position)/\(progress.count)] \(progress.elapsed)")
/// }
/// run.outcome            // .completed
/// run.notebook.cells[1]  // executionCount 1, outputs …
/// ```
public final class NotebookRunner: Sendable {
    /// How a run behaves.
    public struct Options: Sendable {
        /// Values injected as an `injected-parameters` cell, in order (none: no cell is injected).
        public var parameters: [RunParameter] = []
        /// Keep running after a cell raises (the error is still recorded and the outcome is `failed`).
        public var allowErrors = false
        /// The longest the whole run may take; `nil` for no limit.
        public var timeout: Duration?
        /// The session's limits (recursion depth, per-cell time limit, output cap).
        public var limits = ExecutionLimits()
        /// The session's random seed.
        public var seed: UInt64 = 0
        /// Run as a plain script with this file name: cells are named `File "name"` in tracebacks and every
        /// top-level expression shows its value, as `convbook run script.py` always did.
        public var scriptName: String?
        /// Where `load_image(name)` finds pictures; without one it raises `RuntimeError`.
        public var imageSource: (any ImageSource)?
        /// Where d2l's `Trainer` sends a line per epoch (`epoch 3/10  train_loss 0.612  val_loss 0.598  val_acc
        /// 0.781`), on the session's thread; `nil` drops them (the board's picture is in the outputs anyway).
        public var trainingProgress: (@Sendable (String) -> Void)?

        /// The default options: no parameters, stop at the first error, no time limit.
        public init() {}
    }

    /// Why the run was stopped from outside.
    private enum StopReason {
        case timedOut
        case interrupted
    }

    private struct State {
        var session: Session?
        var stopReason: StopReason?
    }

    /// How often the watchdog checks the deadline and repeats a pending interrupt (a cell clears the
    /// session's interrupt flag when it starts, so a request that lands just then must be made again).
    private static let watchInterval = DispatchTimeInterval.milliseconds(10)

    /// The options of this runner.
    public let options: Options
    private let state = Mutex(State())

    /// Creates a runner; each call to `run` uses a fresh session.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Stops the run: the running cell raises `KeyboardInterrupt` and no further cell runs. Safe to call from
    /// any thread, also before the run starts (then no cell runs).
    public func interrupt() {
        let session = state.withLock { state -> Session? in
            if state.stopReason == nil { state.stopReason = .interrupted }
            return state.session
        }
        session?.interrupt()
    }

    /// Runs the notebook's code cells, calling `progress` after each one (on the runner's thread).
    public func run(
        _ notebook: NotebookDocument, progress: (@Sendable (CellProgress) -> Void)? = nil
    ) -> NotebookRunResult {
        let clock = ContinuousClock()
        let start = clock.now
        var document = notebook.clearingOutputs()
        if !options.parameters.isEmpty {
            document.injectParameters(source: RunParameter.injectedSource(options.parameters))
        }
        let session = Session(
            limits: options.limits, seed: options.seed, imageSource: options.imageSource,
            progress: options.trainingProgress)
        state.withLock { $0.session = session }
        let watchdog = startWatchdog(deadline: options.timeout.map { start + $0 })
        defer {
            watchdog.cancel()
            state.withLock { $0.session = nil }
        }

        let codeCells = document.cells.indices.filter { document.cells[$0].kind == .code }
        var cellsRun = 0
        var failedCells: [Int] = []
        var stoppedBy: StopReason?
        for (position, index) in codeCells.enumerated() {
            if let reason = currentStopReason(deadline: options.timeout.map { start + $0 }) {
                stoppedBy = reason
                break
            }
            let executionCount = position + 1
            let cell = document.cells[index]
            let source =
                options.scriptName.map { Source.file($0, text: cell.source) }
                ?? Source.cell(executionCount, text: cell.source)
            let startDate = Date()
            let cellStart = clock.now
            let result = session.run(source, showsEveryResult: options.scriptName != nil)
            var outputs = CellOutputConversion.outputs(
                of: result, executionCount: executionCount, cell: source, cellID: cell.id.rawValue)
            let elapsed = clock.now - cellStart
            let reason = result.succeeded ? nil : currentStopReason(deadline: nil)
            if reason == .timedOut, let timeout = options.timeout {
                outputs = CellOutputConversion.replacingInterrupt(in: outputs, timeout: timeout)
            }
            document.cells[index].executionCount = executionCount
            document.cells[index].outputs = outputs
            document.cells[index].timing = CellTiming(start: startDate, end: Date())
            cellsRun += 1
            progress?(
                CellProgress(
                    position: executionCount, count: codeCells.count, cellIndex: index, cellID: cell.id,
                    source: cell.source, executionCount: executionCount, elapsed: elapsed, outputs: outputs))
            if result.succeeded { continue }
            if let reason {
                stoppedBy = reason
                break
            }
            failedCells.append(index)
            if !options.allowErrors { break }
        }

        let outcome: RunOutcome =
            switch stoppedBy {
            case .timedOut: .timedOut
            case .interrupted: .interrupted
            case nil: failedCells.first.map { .failed(cellIndex: $0) } ?? .completed
            }
        return NotebookRunResult(
            notebook: document, outcome: outcome, cellsRun: cellsRun, codeCellCount: codeCells.count,
            failedCells: failedCells, elapsed: clock.now - start)
    }

    /// Runs the notebook on a thread of its own, without blocking the caller's task.
    public func runAsync(
        _ notebook: NotebookDocument, progress: (@Sendable (CellProgress) -> Void)? = nil
    ) async -> NotebookRunResult {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { [self] in
                continuation.resume(returning: run(notebook, progress: progress))
            }
        }
    }

    // MARK: - Stopping

    /// The reason to stop, recording a timeout first if `deadline` has passed.
    private func currentStopReason(deadline: ContinuousClock.Instant?) -> StopReason? {
        state.withLock { state in
            if state.stopReason == nil, let deadline, ContinuousClock.now >= deadline { state.stopReason = .timedOut }
            return state.stopReason
        }
    }

    /// A timer that, every few milliseconds, records a timeout once `deadline` passes and interrupts the
    /// session while a stop is pending.
    private func startWatchdog(deadline: ContinuousClock.Instant?) -> any DispatchSourceTimer {
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + Self.watchInterval, repeating: Self.watchInterval)
        timer.setEventHandler { [self] in
            let session = state.withLock { state -> Session? in
                if state.stopReason == nil, let deadline, ContinuousClock.now >= deadline {
                    state.stopReason = .timedOut
                }
                return state.stopReason == nil ? nil : state.session
            }
            session?.interrupt()
        }
        timer.resume()
        return timer
    }
}
