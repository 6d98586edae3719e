import Diagnostics
import Foundation
import Lang
import Notebook
import Runner

extension KernelHost {
    /// Runs queued cells one at a time, forever (the process ends when the reader returns).
    func runLoop() {
        var executionCount = 0
        while true {
            let (run, cell) = queue.take()
            executionCount += 1
            execute(cell, run: run, executionCount: executionCount)
        }
    }

    private func execute(_ cell: CellRun, run: Int, executionCount: Int) {
        let alreadyInterrupted = state.withLock { state in
            state.current = run
            return state.interrupted.contains(run)
        }
        writer.send(KernelMessage.started(run: run, cellID: cell.cellID, executionCount: executionCount).payload)
        let start = ContinuousClock.now
        let status: CellRunStatus
        if alreadyInterrupted {
            let name = ExceptionName.keyboardInterrupt
            coalescer.send(.error(name: name, value: "", traceback: [name.rawValue]), run: run)
            status = .interrupted
        } else {
            status = evaluate(cell, run: run, executionCount: executionCount)
        }
        let elapsed = ContinuousClock.now - start
        state.withLock { state in
            state.current = nil
            state.interrupted = state.interrupted.filter { $0 > run }
        }
        let milliseconds = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
        writer.send(KernelMessage.finished(run: run, status: status, elapsedMilliseconds: milliseconds).payload)
        keepVariables(after: executionCount)
    }

    /// Evaluates one cell, streaming its outputs; returns how it ended.
    private func evaluate(_ cell: CellRun, run number: Int, executionCount: Int) -> CellRunStatus {
        let observer = CellObserver(
            started: { [self] in
                state.withLock { state in
                    if state.interrupted.contains(number) { session.interrupt() }
                }
            },
            output: { [self] output in send(output, run: number, executionCount: executionCount) })
        let source = Source.cell(executionCount, text: cell.code)
        let result = session.runOnCurrentThread(source, observer: observer)
        // The last drawing of every live display goes out before the cell is reported finished.
        throttle.flush()
        coalescer.flush()
        guard let error = CellOutputConversion.errorOutput(result.errors, cell: source, cellID: cell.cellID) else {
            return .done
        }
        coalescer.send(error, run: number)
        return error.exceptionName == .keyboardInterrupt ? .interrupted : .error
    }

    /// Sends one output of run `run` on its way: printed text to the coalescer, redraws of live displays to
    /// the throttle, everything else converted (figures drawn) at once.
    private func send(_ output: Lang.CellOutput, run: Int, executionCount: Int) {
        switch output {
        case .stdout(let text):
            coalescer.append(text, run: run)
        case .liveDisplay(let content, let id, true):
            throttle.update(content, id: id, run: run)
        case .liveDisplay(_, let id, false):
            // A redraw of the earlier displays under this id must not land after the new one.
            if throttle.isPending(id: id) { throttle.flush() }
            sendConverted(output, run: run, executionCount: executionCount)
            throttle.shown(id: id)
        case .clear:
            throttle.flush()
            sendConverted(output, run: run, executionCount: executionCount)
        case .stderr, .result, .display, .displayText:
            sendConverted(output, run: run, executionCount: executionCount)
        }
    }

    private func sendConverted(_ output: Lang.CellOutput, run: Int, executionCount: Int) {
        switch CellOutputConversion.converted(output, executionCount: executionCount) {
        case .outputs(let outputs): for converted in outputs { coalescer.send(converted, run: run) }
        case .change(let change): coalescer.send(change, run: run)
        }
    }
}
