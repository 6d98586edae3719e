/// How a ``KernelManager`` starts and supervises kernel processes.
///
/// ```swift
/// var configuration = KernelConfiguration(executable: "/proc/self/exe")
/// configuration.memoryLimitBytes = 2 << 30
/// let kernels = KernelManager(configuration: configuration)
/// ```
public struct KernelConfiguration: Sendable {
    /// The path of the `convbook` binary started as `convbook kernel`.
    public var executable: String
    /// The address-space cap (`RLIMIT_AS`) of each kernel; `nil` for none. Default 4 GiB.
    public var memoryLimitBytes: Int?
    /// How long a cell may ignore an interrupt before its kernel is killed. Default 2 s.
    public var interruptGrace: Duration
    /// Kernels idle this long are stopped (their session is lost); `nil` keeps them. Default 30 min.
    public var idleTimeout: Duration?
    /// The seed of each new session's random generator.
    public var seed: UInt64
    /// Where `load_image(name)` finds pictures (the notebooks' data directory); `nil` for nowhere.
    public var imageDirectory: String?

    /// The defaults, running kernels from `executable`.
    public init(executable: String) {
        self.executable = executable
        memoryLimitBytes = 4 << 30
        interruptGrace = .seconds(2)
        idleTimeout = .seconds(30 * 60)
        seed = 0
        imageDirectory = nil
    }

    /// The command-line arguments of `convbook kernel`.
    var arguments: [String] {
        var arguments = ["kernel", "--seed", String(seed)]
        if let memoryLimitBytes { arguments += ["--memory-limit", String(memoryLimitBytes)] }
        if let imageDirectory { arguments += ["--image-directory", imageDirectory] }
        return arguments
    }
}
