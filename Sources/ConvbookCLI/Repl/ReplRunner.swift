import Foundation
import Lang

/// Runs code in the REPL's session: output streams as it is printed, pictures become files, errors
/// are rendered as everywhere else, and Ctrl-C interrupts the running statement.
final class ReplRunner {
    let session: Session
    let figures: ReplFigures
    let interrupts: ReplInterrupts

    init(session: Session, figures: ReplFigures, waker: Waker?) {
        self.session = session
        self.figures = figures
        interrupts = ReplInterrupts(session: session, waker: waker)
    }

    /// Runs `source`, every top-level expression's value shown; `false` when it raised.
    func run(_ source: Source) -> Bool {
        let figures = figures
        let interrupts = interrupts
        let observer = CellObserver(started: { interrupts.cellStarted() }) { output in
            switch output {
            case .stdout(let text): Self.write(text, to: .standardOutput)
            case .stderr(let text): Self.write(text, to: .standardError)
            case .result(let text): Self.write(text + "\n", to: .standardOutput)
            case .display(let figure): Self.write(figures.show(figure), to: .standardOutput)
            case .liveDisplay(let figure, let id, let update):
                Self.write(figures.show(figure, liveID: id, update: update), to: .standardOutput)
            case .clear: break
            }
        }
        let result = interrupts.running {
            session.run(source, showsEveryResult: true, observer: observer)
        }
        if !result.errors.isEmpty {
            let rendered = ErrorFormatter.render(result.errors)
            Self.write(rendered.hasSuffix("\n") ? rendered : rendered + "\n", to: .standardError)
        }
        return result.errors.isEmpty
    }

    private static func write(_ text: String, to handle: FileHandle) {
        guard !text.isEmpty else { return }
        handle.write(Data(text.utf8))
    }
}
