import ArgumentParser
import Foundation
import Lang

/// `convbook repl`: an interactive prompt over one session.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "An interactive prompt: type Python/PyTorch code, see results as Python shows them.")

    func run() throws {
        let session = Session(imageSource: ScriptImageSource.make(scriptPath: nil))
        var reader = ReplReader()
        var number = 0
        prompt(">>> ")
        while let line = readLine(strippingNewline: true) {
            guard let chunk = reader.add(line) else {
                prompt("... ")
                continue
            }
            if !chunk.trimmingCharacters(in: .whitespaces).isEmpty {
                number += 1
                let result = session.run(Source(name: "Cell [\(number)]", text: chunk), showsEveryResult: true)
                FileHandle.standardOutput.write(Data(result.transcript.utf8))
                if !result.errors.isEmpty {
                    FileHandle.standardError.write(Data(ErrorFormatter.render(result.errors).utf8))
                }
            }
            prompt(">>> ")
        }
        if let chunk = reader.finish() {
            number += 1
            let result = session.run(Source(name: "Cell [\(number)]", text: chunk), showsEveryResult: true)
            FileHandle.standardOutput.write(Data(result.transcript.utf8))
            FileHandle.standardError.write(Data(ErrorFormatter.render(result.errors).utf8))
        }
        prompt("\n")
    }

    /// Prompts go to stderr (as `python -i` does) so piped output stays clean.
    private func prompt(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
