import ArgumentParser
import Foundation
import Lang
import Notebook
import Runner

/// `convbook run NOTEBOOK`: runs a notebook (or a plain script) headless in one fresh session.
///
/// Outputs stream to stdout as cells finish, errors and progress go to stderr, and the executed notebook
/// can be written as `.ipynb` and/or HTML — atomically, and also when a cell failed or the run was
/// interrupted, so what ran is kept.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a notebook (.ipynb or percent-format .py) or a plain script in one fresh session.",
        discussion: """
            Code cells run top to bottom; each cell's printed text and results are printed as it finishes, with a \
            progress line per cell ([3/7] In [3]: K = torch.stack…) and a summary on stderr; d2l's Trainer adds a line per \
            epoch there (epoch 3/10  train_loss 0.612  val_loss 0.598  val_acc 0.781). A .py file without \
            '# %%' markers is a plain script: one cell, every top-level expression's value shown, no progress lines.

            Parameters (-p NAME=VALUE) are injected papermill-style as a cell tagged 'injected-parameters' after \
            the cell tagged 'parameters' (or first). VALUE is used as written when it is a literal of the language \
            (3, -0.5, 1e-3, True, None, 'text', (6, 8), [1, 2]); anything else is taken as a string (-p cmap=gray \
            means cmap = 'gray').

            Pictures appear on stdout as a short text such as <heatmap 6×8>; --images DIR also writes them as \
            PNG files. load_image(name) reads PNG files from data/ next to the notebook and from notebooks/data/.

            Exit status: 0 every cell ran; 1 a cell raised (the run stops there unless --allow-errors, and the \
            written notebook records the error); 2 bad usage or an unreadable or invalid notebook (nothing is \
            written); 3 the --timeout passed or the run was interrupted with Ctrl-C (what ran is still written).
            """
    )

    @Argument(help: "The notebook (.ipynb or percent-format .py) or plain script to run.")
    var notebook: String

    @Option(
        name: [.customShort("p"), .customLong("parameter")],
        help: ArgumentHelp(
            "Set a parameter, injected after the 'parameters' cell (repeatable).", valueName: "NAME=VALUE")
    )
    var parameters: [String] = []

    @Option(
        help: ArgumentHelp(
            "Write the executed notebook here: percent format for .py, else .ipynb whatever the extension (as papermill).",
            valueName: "OUT.ipynb"))
    var output: String?

    @Option(help: ArgumentHelp("Write the executed notebook as a standalone HTML page.", valueName: "OUT.html"))
    var html: String?

    @Option(help: ArgumentHelp("Stop the whole run after this many seconds (exit status 3).", valueName: "S"))
    var timeout: Double?

    @Option(help: ArgumentHelp("Stop any one cell after this many seconds (it raises TimeoutError).", valueName: "S"))
    var timeLimit: Double?

    @Option(
        help: ArgumentHelp(
            "Also write the pictures the cells show as numbered PNG files (001.png, 002.png, …) to this directory.",
            valueName: "DIR"))
    var images: String?

    @Flag(help: "Keep running after a cell raises (the exit status is still 1).")
    var allowErrors = false

    @Flag(name: .shortAndLong, help: "No progress lines or summary on stderr.")
    var quiet = false

    func run() async throws {
        let options: NotebookRunner.Options
        let input: RunInput
        do {
            options = try runnerOptions()
            try checkDestinations()
            input = try RunInput.load(path: notebook)
        } catch {
            RunReporter.printError("convbook run: \(error.message)")
            throw ExitCode(2)
        }
        var imageWriter: FigureFileWriter?
        if let images {
            do {
                imageWriter = try FigureFileWriter(directory: images)
            } catch {
                RunReporter.printError("convbook run: cannot create '\(images)': \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        var runOptions = options
        runOptions.scriptName = input.scriptName
        runOptions.imageSource = ScriptImageSource.make(scriptPath: notebook)
        if !quiet {
            runOptions.trainingProgress = { line in RunReporter.printError(line) }
        }
        let runner = NotebookRunner(options: runOptions)
        let reporter = RunReporter(showsProgress: !quiet && input.scriptName == nil, imageWriter: imageWriter)
        if let note = NonFiniteNumber.note(input.replacedNumbers), !quiet {
            RunReporter.printError("convbook run: note: \(note)")
        }
        if !options.parameters.isEmpty, input.document.parametersCellIndex == nil, !quiet {
            RunReporter.printError(
                "convbook run: warning: no cell is tagged 'parameters'; the parameters are set in a first cell")
        }
        // The first Ctrl-C stops the run after the running cell (what ran is still written); a second quits.
        let interruption = SignalHandler([SIGINT], quitStatus: 3) {
            RunReporter.printError("\nconvbook run: interrupting (Ctrl-C again to quit at once)")
            runner.interrupt()
        } onRepeat: {
            RunReporter.printError("\nconvbook run: interrupted again; quitting without writing")
        }
        let result = await runner.runAsync(input.document) { progress in reporter.report(progress) }
        interruption.cancel()
        reporter.summarize(result, timeout: options.timeout)
        do {
            try write(result.notebook)
        } catch {
            RunReporter.printError("convbook run: \(error)")
            throw ExitCode(2)
        }
        // A picture that could not be written to --images fails the run as a cell error does.
        let status = result.outcome == .completed && reporter.imageFailures > 0 ? 1 : result.outcome.exitCode
        if status != 0 { throw ExitCode(status) }
    }

    /// The runner's options from the command line; refuses bad values before anything runs.
    private func runnerOptions() throws(RunUsageError) -> NotebookRunner.Options {
        var options = NotebookRunner.Options()
        options.allowErrors = allowErrors
        for argument in parameters {
            do {
                options.parameters.append(try RunParameter(argument: argument))
            } catch {
                throw RunUsageError(message: error.description)
            }
        }
        if let timeout {
            options.timeout = try Self.duration(timeout, option: "--timeout")
        }
        if let timeLimit {
            options.limits.timeLimit = try Self.duration(timeLimit, option: "--time-limit")
        }
        return options
    }

    private static func duration(_ seconds: Double, option: String) throws(RunUsageError) -> Duration {
        guard seconds.isFinite, seconds > 0, seconds < 1e9 else {
            throw RunUsageError(message: "\(option) must be a positive number of seconds, not \(seconds)")
        }
        return .milliseconds(Int((seconds * 1000).rounded(.up)))
    }

    /// The format `--output` writes: the one its extension names, else `.ipynb` (papermill writes any path
    /// as a notebook, and pipelines name outputs as they like).
    static func outputFormat(of path: String) -> NotebookFormat {
        NotebookFormat(fileName: path) ?? .ipynb
    }

    /// Refuses output paths that cannot be written before running, so a long run is not wasted.
    private func checkDestinations() throws(RunUsageError) {
        if let output {
            if Self.outputFormat(of: output) == .html {
                throw RunUsageError(message: "--output writes .ipynb or .py; use --html \(output) for HTML")
            }
        }
        if let html, NotebookFormat(fileName: html) != .html {
            throw RunUsageError(message: "--html must name a .html file, not '\(html)'")
        }
        for path in [output, html].compactMap(\.self) {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
            else { throw RunUsageError(message: "cannot write '\(path)': the directory '\(directory)' does not exist") }
        }
    }

    private func write(_ document: NotebookDocument) throws(NotebookFileError) {
        if let output {
            try NotebookFiles.write(document, to: URL(fileURLWithPath: output), as: Self.outputFormat(of: output))
        }
        if let html {
            ExportRenderers.install()
            try NotebookFiles.write(document, to: URL(fileURLWithPath: html))
        }
    }
}

/// A command line `convbook run` refuses (exit status 2).
struct RunUsageError: Error {
    /// What is wrong, as one sentence.
    var message: String
}
