import Foundation
import Lang
import Render
import Synchronization

/// The child side of a kernel: reads requests on standard input, runs cells in one `Lang.Session`,
/// writes events to the protocol channel.
///
/// Requests are read on the main thread, so an `interrupt` arrives while a cell runs on the runner
/// thread. Before anything else, the real standard output is duplicated for the frames and fd 1 is
/// pointed at standard error, so a stray `print` or library write can never corrupt the channel.
///
/// **Interrupts are tied to runs.** `Session.run` clears the interrupt flag when a cell starts, so a
/// flag set just before would be lost. The host therefore records the run number of every interrupt
/// request; the runner checks it when the cell starts (through ``CellObserver/started``, called
/// right after the clear) and sets the flag again, and a run interrupted before it was dequeued is
/// not evaluated at all. Recorded numbers up to a finished run are forgotten when it finishes.
///
/// `convbook kernel` runs ``main(options:)``.
public final class KernelHost: Sendable {
    /// How the kernel is set up.
    public struct Options: Sendable {
        /// The address-space cap (`RLIMIT_AS`) in bytes; `nil` for none.
        public var memoryLimitBytes: Int?
        /// The seed of the session's random generator.
        public var seed: UInt64
        /// Where `load_image(name)` finds pictures; `nil` for nowhere.
        public var imageDirectory: String?

        /// Creates options.
        public init(memoryLimitBytes: Int? = nil, seed: UInt64 = 0, imageDirectory: String? = nil) {
            self.memoryLimitBytes = memoryLimitBytes
            self.seed = seed
            self.imageDirectory = imageDirectory
        }

        /// The limits of the kernel's session when `addressSpaceInUse` bytes of the address-space
        /// cap are taken (by code, libraries, threads' stacks and arenas). The session's data may
        /// take a third of what is left once the evaluator's stack is reserved
        /// (``ExecutionLimits/maximumMemoryBytes``): its estimate leaves out the spare capacity
        /// of growing arrays, the copies some operations make for a moment, and tensors, which
        /// must fit in the rest, so that growing lists or strings ends in `MemoryError` rather
        /// than in a failed allocation that kills the kernel.
        func sessionLimits(addressSpaceInUse: Int) -> ExecutionLimits {
            var limits = ExecutionLimits()
            if let memoryLimitBytes {
                let room = memoryLimitBytes - addressSpaceInUse - Session.evaluatorStackSize
                limits.maximumMemoryBytes = max(0, room) / 3
            }
            return limits
        }
    }

    /// What the reader and the runner share.
    struct RunState {
        /// The run being evaluated, if any.
        var current: Int?
        /// Runs asked to stop (queued, running or already finished).
        var interrupted: Set<Int> = []
        /// Whether the variables were ever asked for: from then on a copy is taken after every cell.
        var variablesWatched = false
        /// The variables after the last cell that finished (its execution count), answered while a cell runs.
        var lastVariables: (executionCount: Int, variables: [SessionVariable])?
    }

    let session: Session
    let writer: FrameWriter
    let coalescer: StreamCoalescer
    let throttle: LiveDisplayThrottle
    let queue = HostRunQueue()
    let state = Mutex(RunState())

    init(options: Options, limits: ExecutionLimits, writer: FrameWriter) {
        let imageSource = options.imageDirectory.map { path in
            DirectoryImageSource(
                directories: [.init(url: URL(fileURLWithPath: path, isDirectory: true), label: "data/")]
            ) { bytes in try ImageLoader.tensor(fromPNG: bytes) }
        }
        session = Session(limits: limits, seed: options.seed, imageSource: imageSource)
        self.writer = writer
        let coalescer = StreamCoalescer(writer: writer)
        self.coalescer = coalescer
        throttle = LiveDisplayThrottle { change, run in coalescer.send(change, run: run) }
    }

    /// Runs a kernel on this process's standard input and output until `shutdown` or the end of the
    /// input; returns the exit status (0, or 2 when the input stream broke the protocol).
    public static func main(options: Options) -> Int32 {
        if let bytes = options.memoryLimitBytes, !MemoryLimit.apply(bytes: bytes) {
            FileHandle.standardError.write(Data("convbook kernel: could not set the memory limit\n".utf8))
        }
        let channel = dup(STDOUT_FILENO)
        guard channel >= 0, dup2(STDERR_FILENO, STDOUT_FILENO) >= 0 else {
            FileHandle.standardError.write(Data("convbook kernel: could not set up the protocol channel\n".utf8))
            return 1
        }
        _ = fcntl(channel, F_SETFD, FD_CLOEXEC)
        let limits = options.sessionLimits(addressSpaceInUse: MemoryLimit.addressSpaceInUse())
        let host = KernelHost(options: options, limits: limits, writer: FrameWriter(descriptor: channel))
        // The runner evaluates cells itself, on a stack as large as a session's evaluator thread, so
        // a cell costs no thread start (the kernel's round trip is mostly thread hand-offs).
        let runner = Thread { [host] in host.runLoop() }
        runner.stackSize = Session.evaluatorStackSize
        runner.name = "kernel runner"
        runner.start()
        host.writer.send(KernelMessage.ready(processID: getpid()).payload)
        return host.readLoop()
    }

    /// Reads and dispatches requests until the input ends.
    private func readLoop() -> Int32 {
        var reader = FrameReader(descriptor: STDIN_FILENO)
        while true {
            let payload: [UInt8]
            do {
                guard let next = try reader.next() else { return 0 }
                payload = next
            } catch {
                // The length header is unusable, so the stream cannot be resynchronised.
                writer.send(KernelMessage.protocolError(message: error.message).payload)
                return 2
            }
            let request: KernelRequest
            do {
                request = try KernelRequest(payload: payload)
            } catch {
                writer.send(KernelMessage.protocolError(message: error.message).payload)
                continue
            }
            switch request {
            case .execute(let run, let cell):
                queue.push(cell, run: run)
            case .interrupt(let run):
                state.withLock { state in
                    state.interrupted.insert(run)
                    if state.current == run { session.interrupt() }
                }
            case .variables(let request):
                writer.send(variablesReply(request: request).payload)
            case .variableHeatmap(let request, let name):
                writer.send(heatmapReply(request: request, name: name).payload)
            case .complete(let request, let code, let cursor):
                writer.send(completionReply(request: request, code: code, cursor: cursor).payload)
            case .inspect(let request, let code, let cursor, let detailLevel):
                writer.send(
                    inspectionReply(request: request, code: code, cursor: cursor, detailLevel: detailLevel).payload)
            case .shutdown:
                return 0
            }
        }
    }
}
