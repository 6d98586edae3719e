import ConvbookTestSupport
import Diagnostics
import Foundation
import Notebook
import Synchronization
import Testing

@testable import Kernel

/// Starts managers over the `convbook` binary that `swift build --build-tests` puts beside the test bundle.
enum KernelTestSupport {
    /// The built `convbook` binary.
    static var executable: String { PackagePaths.convbook.path }

    /// A configuration for tests: the built binary, 2 GiB of address space, no reaping unless asked.
    static func configuration(_ change: (inout KernelConfiguration) -> Void = { _ in }) -> KernelConfiguration {
        var configuration = KernelConfiguration(executable: executable)
        configuration.memoryLimitBytes = 2 << 30
        configuration.idleTimeout = nil
        change(&configuration)
        return configuration
    }

    /// Runs one cell to its end and returns its events, each with the time it arrived.
    static func run(
        _ code: String, on manager: KernelManager, notebook: String = "nb", cell: String = "c"
    ) async -> [TimedEvent] {
        await collect(await manager.execute(CellRun(cellID: cell, code: code), notebookID: notebook))
    }

    /// All events of a stream, each with the time it arrived.
    static func collect(_ stream: AsyncStream<KernelEvent>) async -> [TimedEvent] {
        var events: [TimedEvent] = []
        for await event in stream { events.append(TimedEvent(event: event, time: .now)) }
        return events
    }
}

/// An event and when the test received it.
struct TimedEvent: Sendable {
    var event: KernelEvent
    var time: ContinuousClock.Instant
}

extension [TimedEvent] {
    /// The outputs, in order.
    var outputs: [CellOutput] {
        compactMap { timed in
            if case .output(_, let output) = timed.event { return output }
            return nil
        }
    }

    /// All printed text, concatenated.
    var stdout: String {
        outputs.map { output in
            if case .stream(.stdout, let text) = output { return text }
            return ""
        }.joined()
    }

    /// The `text/plain` of the cell's result.
    var resultText: String? {
        for output in outputs {
            if case .executeResult(_, let data, _) = output { return data.text }
        }
        return nil
    }

    /// The name and message of the error output, if any.
    var error: (name: ExceptionName, message: String)? {
        for output in outputs {
            if case .error(let name, let value, _, _) = output { return (name, value) }
        }
        return nil
    }

    /// The final status (`nil` if the stream ended without `finished`).
    var status: CellRunStatus? {
        guard case .finished(_, let status, _)? = last?.event else { return nil }
        return status
    }

    /// The time `finished` arrived.
    var finishTime: ContinuousClock.Instant? {
        guard case .finished? = last.map({ $0.event }) else { return nil }
        return last?.time
    }
}

/// Milliseconds in a duration, for reports.
func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
}
