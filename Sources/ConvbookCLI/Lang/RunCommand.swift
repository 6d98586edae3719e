import ArgumentParser
import Foundation
import Lang

/// `convbook run script.py`: runs a script in one session and prints what a notebook would show.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a script in one session, printing its output and the value of each expression.",
        discussion: """
            Figures appear as a short text such as <heatmap 6×8>; with --images DIR they are also written \
            to DIR as PNG files. load_image(name) reads PNG files from data/ next to the script and from \
            notebooks/data/. Exit status: 0 on success, 1 when the code raised an error or a figure could \
            not be written, 2 for bad usage or an unreadable file.
            """
    )

    @Argument(help: "The script to run.")
    var script: String

    @Option(help: "Stop the script after this many seconds (default: no limit).")
    var timeLimit: Double?

    @Option(
        help: ArgumentHelp(
            "Write the figures the script shows as numbered PNG files (001.png, 002.png, …) to this directory.",
            valueName: "dir"))
    var images: String?

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: script) else {
            FileHandle.standardError.write(Data("convbook run: cannot read '\(script)'\n".utf8))
            throw ExitCode(2)
        }
        let text = String(decoding: data, as: UTF8.self)
        var limits = ExecutionLimits()
        if let timeLimit { limits.timeLimit = .milliseconds(Int(timeLimit * 1000)) }
        var writer: FigureFileWriter?
        if let images {
            do {
                writer = try FigureFileWriter(directory: images)
            } catch {
                FileHandle.standardError.write(Data("convbook run: cannot create '\(images)': \(error)\n".utf8))
                throw ExitCode(2)
            }
        }
        let session = Session(limits: limits, imageSource: ScriptImageSource.make(scriptPath: script))
        let result = await session.runAsync(Source.file(script, text: text), showsEveryResult: true)
        let transcript = RunTranscript(result, writer: &writer)
        FileHandle.standardOutput.write(Data(transcript.text.utf8))
        for failure in transcript.failures { FileHandle.standardError.write(Data((failure + "\n").utf8)) }
        if !result.errors.isEmpty || !transcript.failures.isEmpty {
            if !result.errors.isEmpty {
                FileHandle.standardError.write(Data(ErrorFormatter.render(result.errors).utf8))
            }
            throw ExitCode(1)
        }
    }
}
