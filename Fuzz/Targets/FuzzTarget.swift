import Foundation
import Lang
import Notebook

/// The code the server runs on text it does not control, one entry per reader, with the properties
/// each must keep on any input.
///
/// A target never throws on bad input: it returns the properties that were broken (empty when none).
/// A trap (index out of range, arithmetic overflow) inside a target is itself the failure; the fuzz
/// test in `make test` and `make fuzz` (libFuzzer) both feed targets through ``run(_:)``.
///
/// ```swift
/// let problems = FuzzTarget.lang.run(Array("print(f'{\"".utf8))
/// problems.isEmpty  // true: a SyntaxError, not a crash
/// ```
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The lexer, parser, name analysis and the error formatter.
    case lang
    /// The `.ipynb` reader, then what the server does with a notebook it read (export, HTML, percent).
    case ipynb
    /// The percent-format `.py` reader and its round trip.
    case percent
    /// The markdown renderer of the HTML export.
    case markdown
    /// The JSON reader (request bodies, stored outputs, notebook files) and its writer.
    case json

    /// Runs the target on one input; returns the properties the input broke.
    public func run(_ bytes: [UInt8]) -> [String] {
        switch self {
        case .lang: LangTarget.run(String(decoding: bytes, as: UTF8.self))
        case .ipynb: NotebookTargets.ipynb(bytes)
        case .percent: NotebookTargets.percent(bytes)
        case .markdown: NotebookTargets.markdown(String(decoding: bytes, as: UTF8.self))
        case .json: NotebookTargets.json(bytes)
        }
    }
}
