import Notebook

/// Recognizes the literals a `-p NAME=VALUE` value may be written as: numbers (`3`, `-0.5`, `1e-3`), quoted
/// strings with backslash escapes, `True`, `False`, `None`, and tuples, lists and dicts of those.
///
/// A small recognizer of its own rather than the language's parser, whose syntax tree is internal to `Lang`;
/// what it accepts is a subset of what the language reads, so an accepted value always parses there.
struct ParameterLiteral {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    /// The deepest nesting of brackets accepted (a parameter is short; deep nests are refused, not recursed).
    private static let maximumDepth = 32

    /// Whether `text` is exactly one literal (surrounding spaces allowed).
    static func matches(_ text: String) -> Bool {
        var recognizer = ParameterLiteral(scalars: Array(text.unicodeScalars))
        guard recognizer.value(depth: 0) else { return false }
        recognizer.skipSpaces()
        return recognizer.index == recognizer.scalars.count
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func skipSpaces() {
        while current == " " || current == "\t" { index += 1 }
    }

    private mutating func take(_ scalar: Unicode.Scalar) -> Bool {
        guard current == scalar else { return false }
        index += 1
        return true
    }

    private mutating func value(depth: Int) -> Bool {
        guard depth < Self.maximumDepth else { return false }
        skipSpaces()
        guard let first = current else { return false }
        switch first {
        case "'", "\"": return string()
        case "(": return sequence(closing: ")", depth: depth)
        case "[": return sequence(closing: "]", depth: depth)
        case "{": return dict(depth: depth)
        case "-", "+", ".", "0"..."9": return number()
        default: return keyword()
        }
    }

    private mutating func keyword() -> Bool {
        for word in ["True", "False", "None"] {
            let wordScalars = Array(word.unicodeScalars)
            let end = index + wordScalars.count
            guard end <= scalars.count, Array(scalars[index..<end]) == wordScalars else { continue }
            if end < scalars.count, isIdentifierScalar(scalars[end]) { return false }
            index = end
            return true
        }
        return false
    }

    private func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_": true
        default: false
        }
    }

    /// `[+-] digits [. digits] [e [+-] digits]` or `[+-] . digits …`; no leading zeros on integers (Python's rule).
    private mutating func number() -> Bool {
        if current == "-" || current == "+" { index += 1 }
        let integerStart = index
        while let scalar = current, ("0"..."9").contains(scalar) { index += 1 }
        let integerDigits = index - integerStart
        var fractionDigits = 0
        var isFloat = false
        if take(".") {
            isFloat = true
            while let scalar = current, ("0"..."9").contains(scalar) {
                index += 1
                fractionDigits += 1
            }
        }
        guard integerDigits + fractionDigits > 0 else { return false }
        if current == "e" || current == "E" {
            isFloat = true
            index += 1
            if current == "-" || current == "+" { index += 1 }
            let exponentStart = index
            while let scalar = current, ("0"..."9").contains(scalar) { index += 1 }
            guard index > exponentStart else { return false }
        }
        if !isFloat, integerDigits > 1, scalars[integerStart] == "0" {
            return scalars[integerStart..<index].allSatisfy { $0 == "0" }
        }
        if let scalar = current, isIdentifierScalar(scalar) || scalar == "." { return false }
        return true
    }

    /// A quoted string on one line; a backslash escapes the next character.
    private mutating func string() -> Bool {
        guard let quote = current else { return false }
        index += 1
        while let scalar = current {
            index += 1
            switch scalar {
            case quote: return true
            case "\n", "\r": return false
            case "\\":
                guard current != nil else { return false }
                index += 1
            default: break
            }
        }
        return false
    }

    /// `( )`, `(v)`, `(v,)`, `(v, w, …)` and `[ … ]`, trailing comma allowed.
    private mutating func sequence(closing: Unicode.Scalar, depth: Int) -> Bool {
        index += 1
        skipSpaces()
        if take(closing) { return true }
        while true {
            guard value(depth: depth + 1) else { return false }
            skipSpaces()
            if take(closing) { return true }
            guard take(",") else { return false }
            skipSpaces()
            if take(closing) { return true }
        }
    }

    /// `{ }`, `{k: v, …}`, trailing comma allowed.
    private mutating func dict(depth: Int) -> Bool {
        index += 1
        skipSpaces()
        if take("}") { return true }
        while true {
            guard value(depth: depth + 1) else { return false }
            skipSpaces()
            guard take(":"), value(depth: depth + 1) else { return false }
            skipSpaces()
            if take("}") { return true }
            guard take(",") else { return false }
            skipSpaces()
            if take("}") { return true }
        }
    }
}
