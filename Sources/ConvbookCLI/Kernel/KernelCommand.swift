import ArgumentParser
import Foundation
import Kernel

/// `convbook kernel`: one notebook's session as a child process of `convbook serve`.
///
/// Hidden from help: it speaks length-prefixed JSON frames on standard input and output (see
/// `KernelHost`), not text for people.
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Run one notebook session speaking the kernel protocol on stdin/stdout (used by serve).",
        shouldDisplay: false)

    @Option(help: "Address-space limit of the kernel process in bytes (RLIMIT_AS).")
    var memoryLimit: Int?

    @Option(help: "Seed of the session's random generator.")
    var seed: UInt64 = 0

    @Option(help: "Directory where load_image(name) finds pictures.")
    var imageDirectory: String?

    func validate() throws {
        if let memoryLimit, memoryLimit <= 0 {
            throw ValidationError("--memory-limit must be a positive number of bytes")
        }
    }

    func run() throws {
        let status = KernelHost.main(
            options: KernelHost.Options(memoryLimitBytes: memoryLimit, seed: seed, imageDirectory: imageDirectory))
        // Exit at once, without exit handlers: the evaluator thread may still be inside a cell, and
        // every frame has already been written straight to the pipe.
        Foundation._exit(status)
    }
}
