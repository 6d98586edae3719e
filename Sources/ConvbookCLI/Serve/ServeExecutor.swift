import Foundation
import Kernel
import Server

/// The executor `convbook serve` runs cells with: one `convbook kernel` child process per notebook.
enum ServeExecutor {
    /// Kernel processes started from this very binary.
    static func make(
        memoryLimitBytes: Int? = 4 << 30, imageDirectory: String? = nil, idleTimeout: Duration? = .seconds(30 * 60)
    ) -> any CellExecutor {
        var configuration = KernelConfiguration(executable: "/proc/self/exe")
        configuration.memoryLimitBytes = memoryLimitBytes
        configuration.imageDirectory = imageDirectory
        configuration.idleTimeout = idleTimeout
        return KernelManager(configuration: configuration)
    }
}
