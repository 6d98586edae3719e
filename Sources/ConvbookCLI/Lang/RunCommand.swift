import ArgumentParser
import Foundation
import Lang

/// `convbook run script.py`: runs a script in one session and prints what a notebook would show.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a script in one session, printing its output and the value of each expression.",
        discussion: "Exit status: 0 on success, 1 when the code raised an error, 2 for bad usage or an unreadable file."
    )

    @Argument(help: "The script to run.")
    var script: String

    @Option(help: "Stop the script after this many seconds (default: no limit).")
    var timeLimit: Double?

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: script) else {
            FileHandle.standardError.write(Data("convbook run: cannot read '\(script)'\n".utf8))
            throw ExitCode(2)
        }
        let text = String(decoding: data, as: UTF8.self)
        var limits = ExecutionLimits()
        if let timeLimit { limits.timeLimit = .milliseconds(Int(timeLimit * 1000)) }
        let session = Session(limits: limits)
        let result = await session.runAsync(Source.file(script, text: text), showsEveryResult: true)
        FileHandle.standardOutput.write(Data(result.transcript.utf8))
        if !result.errors.isEmpty {
            FileHandle.standardError.write(Data(ErrorFormatter.render(result.errors).utf8))
            throw ExitCode(1)
        }
    }
}
