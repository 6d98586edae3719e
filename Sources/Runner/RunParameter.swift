import Lang
import Notebook

/// A parameter given to a notebook run (`-p NAME=VALUE`), injected papermill-style as `NAME = value`.
///
/// The value text is kept as written when it is a literal of the language — an int (`3`, `-2`), a float
/// (`0.5`, `1e-3`), `True`, `False`, `None`, a quoted string (`'abc'`, `"abc"`), or a tuple, list or dict
/// of literals (`(6, 8)`); anything else becomes a string (papermill's rule: try a literal, else a string),
/// so `-p cmap=gray` and `-p cmap="'gray'"` mean the same.
///
/// ```swift
/// let size = try RunParameter(argument: "size=(6, 8)")   // size = (6, 8)
/// let name = try RunParameter(argument: "cmap=gray")     // cmap = 'gray'
/// ```
public struct RunParameter: Sendable, Hashable {
    /// The variable name.
    public var name: String
    /// The value as source text of the language.
    public var valueSource: String
}

extension RunParameter {
    /// Parses `NAME=VALUE` as given on the command line.
    public init(argument: String) throws(RunParameterError) {
        guard let equals = argument.firstIndex(of: "=") else { throw .missingEquals(argument) }
        let name = String(argument[..<equals]).trimmingSpaces
        guard RunParameter.isIdentifier(name) else { throw .invalidName(name) }
        self.init(name: name, value: String(argument[argument.index(after: equals)...]))
    }

    /// A parameter whose value is a literal of the language if `value` reads as one, else the string `value`.
    public init(name: String, value: String) {
        let trimmed = value.trimmingSpaces
        self.init(
            name: name,
            valueSource: RunParameter.isLiteral(trimmed) ? trimmed : pythonStringRepr(value))
    }

    /// The assignment line injected into the notebook.
    public var assignment: String { "\(name) = \(valueSource)" }

    /// The source of the `injected-parameters` cell for `parameters`, papermill's layout.
    public static func injectedSource(_ parameters: [RunParameter]) -> String {
        (["# Parameters"] + parameters.map(\.assignment)).joined(separator: "\n")
    }

    /// Whether `text` is one literal of the language (containers of literals included).
    public static func isLiteral(_ text: String) -> Bool {
        !text.isEmpty && ParameterLiteral.matches(text)
    }

    /// Whether `name` is a Python identifier (ASCII letters, digits and `_`, not starting with a digit)
    /// and not a keyword.
    public static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        let valid = name.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "_": true
            default: false
            }
        }
        return valid && !keywords.contains(name)
    }

    private static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
        "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]
}

/// Why a `-p NAME=VALUE` argument was refused.
public enum RunParameterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No `=` in the argument.
    case missingEquals(String)
    /// The name is not an identifier.
    case invalidName(String)

    public var description: String {
        switch self {
        case .missingEquals(let argument):
            "parameter '\(argument)' must be written NAME=VALUE, e.g. -p size=8"
        case .invalidName(let name):
            "parameter name '\(name)' is not a valid variable name (letters, digits and _, not starting with a digit)"
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        let scalars = unicodeScalars.drop { $0 == " " || $0 == "\t" }
        let kept = scalars.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
        return String(String.UnicodeScalarView(kept))
    }
}
