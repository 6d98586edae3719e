/// The natives d2l's `Trainer` (``D2LTrainingPrelude``) uses to stop cleanly and report progress:
///
/// - `_uninterruptible(step)` calls `step()` with interrupts held back, so Ctrl-C or the page's interrupt
///   never leaves a model half updated by a Python optimizer step (`d2l.SGD` updates one parameter at a
///   time). A held interrupt lands at the next check after the step; a step that runs longer than
///   ``stepGrace`` is interrupted anyway, so a cell always stays stoppable.
/// - `_interrupt_note(text)` says where training is (`None` clears it): the message of a
///   `KeyboardInterrupt` raised meanwhile.
/// - `_progress(line)` hands one line per epoch to the host (`convbook run` prints it on stderr); where
///   no host asked for them, it does nothing.
extension Interpreter {
    /// The longest an interrupt waits for a step to finish.
    static let stepGrace = Duration.seconds(1)

    /// Defines `_uninterruptible`, `_interrupt_note` and `_progress` in `d2l`.
    func defineTrainingControl(in d2l: Module) {
        d2l.define("_uninterruptible") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("_uninterruptible", 1)
            let outer = interpreter.interruptDeferredUntil
            interpreter.interruptDeferredUntil = outer ?? ContinuousClock.now + Interpreter.stepGrace
            defer { interpreter.interruptDeferredUntil = outer }
            return try interpreter.call(arguments.positional[0], Arguments([]))
        }
        d2l.define("_interrupt_note") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("_interrupt_note", 1)
            if case .none = arguments.positional[0] {
                interpreter.interruptNote = nil
            } else {
                interpreter.interruptNote = try interpreter.stringArgument(arguments.positional[0], "note")
            }
            return .none
        }
        d2l.define("_progress") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("_progress", 1)
            let line = try interpreter.stringArgument(arguments.positional[0], "line")
            interpreter.progressSink?(line)
            return .none
        }
        d2l.define("_reports_progress") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("_reports_progress", 0)
            return .bool(interpreter.progressSink != nil)
        }
    }
}
