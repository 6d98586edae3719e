/// Why a request to a kernel could not be answered.
public enum KernelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kernel is running a cell and cannot look at its variables now.
    case busy
    /// The kernel process died (or was restarted) before it answered.
    case died
    /// The kernel process could not be started.
    case startFailed(String)

    /// A sentence for the user.
    public var description: String {
        switch self {
        case .busy: "the kernel is busy running a cell; try again when it has finished"
        case .died: "the kernel stopped before it answered"
        case .startFailed(let reason): "could not start a kernel: \(reason)"
        }
    }
}
