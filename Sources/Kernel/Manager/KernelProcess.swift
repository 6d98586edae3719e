import Foundation
import Synchronization

/// One `convbook kernel` child process: its pipes, a reader thread turning its frames into events,
/// and a serial queue writing requests.
///
/// Blocking reads and writes happen on a dedicated thread and a dispatch queue, never on Swift's
/// cooperative pool. The event stream ends with ``Event/exited(_:)`` when the child's output
/// reaches end of file (it exited, crashed or was killed).
final class KernelProcess: Sendable {
    /// What the child said, or that it is gone.
    enum Event: Sendable {
        /// A message from the kernel.
        case message(KernelMessage)
        /// The child has exited; the text says how (`exit status 1`, `signal 9`).
        case exited(String)
    }

    /// A number unique within the manager, telling a replaced process's late events apart.
    let serial: Int
    /// The child's process id.
    let processIdentifier: Int32
    /// The child's messages, ending with `exited`.
    let events: AsyncStream<Event>

    private let process: Process
    private let input: Pipe
    private let output: Pipe
    private let writer: FrameWriter
    private let writeQueue: DispatchQueue
    private let exit = ExitSignal()

    /// Starts `configuration.executable kernel …` with pipes on its standard input and output (its
    /// standard error is the server's).
    init(configuration: KernelConfiguration, serial: Int) throws {
        self.serial = serial
        process = Process()
        input = Pipe()
        output = Pipe()
        // Resolved here, in the parent: `/proc/self/exe` must name the server's binary, not the child's.
        process.executableURL = URL(fileURLWithPath: configuration.executable).resolvingSymlinksInPath()
        process.arguments = configuration.arguments
        process.standardInput = input
        process.standardOutput = output
        // A crashing kernel is reported as `KernelDied`; the runtime's long backtrace would only delay that.
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        writer = FrameWriter(descriptor: input.fileHandleForWriting.fileDescriptor)
        writeQueue = DispatchQueue(label: "convbook.kernel.\(serial).write")
        let (events, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .unbounded)
        self.events = events
        process.terminationHandler = { [exit] _ in exit.signal() }
        try process.run()
        processIdentifier = process.processIdentifier
        let thread = Thread { [self] in readLoop(continuation) }
        thread.name = "kernel \(serial) reader"
        thread.start()
    }

    /// Sends a request without waiting (a dead child's closed pipe is ignored; its exit event follows).
    func send(_ request: KernelRequest) {
        let payload = request.payload
        writeQueue.async { [writer] in writer.send(payload) }
    }

    /// Sends raw bytes down the request pipe (for tests of the child's protocol checks).
    func sendRaw(_ bytes: [UInt8]) {
        writeQueue.async { [input] in _ = FrameWriter.writeAll(bytes, to: input.fileHandleForWriting.fileDescriptor) }
    }

    /// Kills the child with SIGKILL, unless it has already exited (its pid may then belong to another process).
    func kill() {
        guard !exit.hasExited else { return }
        _ = Foundation.kill(processIdentifier, SIGKILL)
    }

    private func readLoop(_ continuation: AsyncStream<Event>.Continuation) {
        var reader = FrameReader(descriptor: output.fileHandleForReading.fileDescriptor)
        while true {
            do {
                guard let payload = try reader.next() else { break }
                do {
                    continuation.yield(.message(try KernelMessage(payload: payload)))
                } catch {
                    report(
                        "kernel \(processIdentifier) sent a message the server does not understand: \(error.message)")
                }
            } catch {
                // A broken length header: the stream cannot be trusted any more.
                report("kernel \(processIdentifier) broke the protocol (\(error.message)); stopping it")
                kill()
                break
            }
        }
        if !exit.wait(seconds: 5) {
            // Output closed but the process lives on: it can no longer be talked to.
            kill()
            _ = exit.wait(seconds: .infinity)
        }
        let how =
            process.terminationReason == .uncaughtSignal
            ? "signal \(process.terminationStatus)" : "exit status \(process.terminationStatus)"
        continuation.yield(.exited(how))
        continuation.finish()
    }

    private func report(_ text: String) {
        FileHandle.standardError.write(Data("convbook: \(text)\n".utf8))
    }
}

/// Tells the reader thread (and `kill`) that the child has exited and been reaped.
private final class ExitSignal: Sendable {
    private let exited = Atomic<Bool>(false)
    private let semaphore = DispatchSemaphore(value: 0)

    var hasExited: Bool { exited.load(ordering: .sequentiallyConsistent) }

    func signal() {
        exited.store(true, ordering: .sequentiallyConsistent)
        semaphore.signal()
    }

    /// Waits for the exit; `false` if `seconds` passed first.
    func wait(seconds: Double) -> Bool {
        if hasExited { return true }
        guard seconds.isFinite else {
            semaphore.wait()
            return true
        }
        return semaphore.wait(timeout: .now() + seconds) == .success
    }
}
