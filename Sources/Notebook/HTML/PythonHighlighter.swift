/// Python source as HTML with the token classes of the page's editor (CodeMirror 5's `python` mode), so
/// an exported page colours code as the notebook page does.
///
/// ```swift
/// PythonHighlighter.html("def f(x):  # twice\n    return 2 * x")
/// // <span class="cm-keyword">def</span> <span class="cm-def">f</span>(x):  <span class="cm-comment">…
/// ```
///
/// A scanner, not a parser: comments, strings (prefixes, triple quotes, escapes), numbers, keywords,
/// builtins, `self`/`cls`, names after `def`/`class`, attributes after `.`, operators and decorators, as
/// CodeMirror classifies them. Every piece of text goes through `HTMLText.escape`; anything it does not
/// recognise is left plain, so any text comes out whole.
enum PythonHighlighter {
    static let keywords: Set<String> = [
        "as", "assert", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
        "from", "global", "if", "import", "lambda", "pass", "raise", "return", "try", "while", "with", "yield",
        "in", "nonlocal", "False", "True", "None", "async", "await", "and", "or", "not", "is",
    ]

    static let builtins: Set<String> = [
        "abs", "all", "any", "bin", "bool", "bytearray", "callable", "chr", "classmethod", "compile", "complex",
        "delattr", "dict", "dir", "divmod", "enumerate", "eval", "filter", "float", "format", "frozenset",
        "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int", "isinstance", "issubclass",
        "iter", "len", "list", "locals", "map", "max", "memoryview", "min", "next", "object", "oct", "open", "ord",
        "pow", "property", "range", "repr", "reversed", "round", "set", "setattr", "slice", "sorted",
        "staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip", "__import__", "NotImplemented",
        "Ellipsis", "__debug__", "ascii", "bytes", "exec", "print",
    ]

    /// The source as HTML: spans with `cm-…` classes around the tokens, the rest escaped as it is.
    static func html(_ source: String) -> String {
        var scanner = Scanner(Array(source.unicodeScalars))
        return scanner.run()
    }

    private struct Scanner {
        let text: [Unicode.Scalar]
        var position = 0
        var output = ""
        /// As CodeMirror keeps it: a keyword's or punctuation's own text, else the last token's class.
        var lastToken = ""
        /// Whether only spaces came since the start of the line (a `@` there starts a decorator).
        var atLineStart = true

        init(_ text: [Unicode.Scalar]) {
            self.text = text
        }

        mutating func run() -> String {
            while position < text.count {
                let start = position
                let scalar = text[position]
                if scalar == "\n" || scalar == " " || scalar == "\t" || scalar == "\r" {
                    position += 1
                    if scalar == "\n" { atLineStart = true }
                    plain(start)
                    continue
                }
                let lineStart = atLineStart
                atLineStart = false
                if scalar == "#" {
                    while position < text.count, text[position] != "\n" { position += 1 }
                    emit(start, "comment")
                } else if let quote = stringStart() {
                    scanString(quote: quote)
                    emit(start, "string")
                } else if isDigit(scalar) || (scalar == "." && position + 1 < text.count && isDigit(text[position + 1]))
                {
                    scanNumber()
                    emit(start, "number")
                } else if isIdentifierStart(scalar) {
                    while position < text.count, isIdentifierPart(text[position]) { position += 1 }
                    identifier(start)
                } else if scalar == "@", lineStart, position + 1 < text.count, isIdentifierStart(text[position + 1]) {
                    position += 1
                    while position < text.count, isIdentifierPart(text[position]) || text[position] == "." {
                        position += 1
                    }
                    emit(start, "meta")
                } else if let length = operatorLength() {
                    position += length
                    emit(start, "operator")
                } else {
                    // Brackets, commas, colons, dots and anything unknown: plain punctuation.
                    position += 1
                    lastToken = String(String.UnicodeScalarView(text[start..<position]))
                    plain(start)
                }
            }
            return output
        }

        mutating func identifier(_ start: Int) {
            let word = String(String.UnicodeScalarView(text[start..<position]))
            if lastToken == "." {
                emit(start, "property")
            } else if PythonHighlighter.keywords.contains(word) {
                emit(start, "keyword")
                lastToken = word
            } else if PythonHighlighter.builtins.contains(word) {
                emit(start, "builtin")
            } else if word == "self" || word == "cls" {
                emit(start, "variable-2")
            } else if lastToken == "def" || lastToken == "class" {
                emit(start, "def")
            } else {
                plain(start)
                lastToken = "variable"
            }
        }

        /// The quote of a string starting here (after an optional r/b/u/f prefix), or `nil`.
        func stringStart() -> [Unicode.Scalar]? {
            var index = position
            var prefix = 0
            while index < text.count, prefix < 2, "rRbBuUfF".unicodeScalars.contains(text[index]) {
                index += 1
                prefix += 1
            }
            guard index < text.count, text[index] == "'" || text[index] == "\"" else { return nil }
            let quote = text[index]
            if index + 2 < text.count, text[index + 1] == quote, text[index + 2] == quote {
                return [quote, quote, quote]
            }
            return [quote]
        }

        /// Moves past a string (its prefix, quotes and body); a one-quote string ends at the line's end. A
        /// backslash keeps the next character in the string (in raw strings too, as Python reads them).
        mutating func scanString(quote: [Unicode.Scalar]) {
            while text[position] != quote[0] { position += 1 }
            position += quote.count
            while position < text.count {
                let scalar = text[position]
                if scalar == "\\" {
                    position = min(position + 2, text.count)
                    continue
                }
                if quote.count == 1, scalar == "\n" { return }
                if scalar == quote[0], position + quote.count <= text.count,
                    text[position..<(position + quote.count)].elementsEqual(quote)
                {
                    position += quote.count
                    return
                }
                position += 1
            }
        }

        /// Moves past a number: digits with `_`, a fraction, an exponent, `0x`/`0o`/`0b` forms, a `j` suffix.
        mutating func scanNumber() {
            if text[position] == "0", position + 1 < text.count, "xXoObB".unicodeScalars.contains(text[position + 1]) {
                position += 2
                while position < text.count, isIdentifierPart(text[position]) { position += 1 }
                return
            }
            while position < text.count, isDigit(text[position]) || text[position] == "_" { position += 1 }
            if position < text.count, text[position] == "." {
                position += 1
                while position < text.count, isDigit(text[position]) || text[position] == "_" { position += 1 }
            }
            if position < text.count, text[position] == "e" || text[position] == "E" {
                var next = position + 1
                if next < text.count, text[next] == "+" || text[next] == "-" { next += 1 }
                if next < text.count, isDigit(text[next]) {
                    position = next
                    while position < text.count, isDigit(text[position]) || text[position] == "_" { position += 1 }
                }
            }
            if position < text.count, text[position] == "j" || text[position] == "J" { position += 1 }
        }

        /// The length of an operator here (`**=`, `//`, `->`, `<=`, `+`, …), or `nil`.
        func operatorLength() -> Int? {
            let scalar = text[position]
            let next = position + 1 < text.count ? text[position + 1] : nil
            if scalar == ".", next == ".", position + 2 < text.count, text[position + 2] == "." { return 3 }
            if (scalar == "*" || scalar == "/"), next == scalar {
                return position + 2 < text.count && text[position + 2] == "=" ? 3 : 2
            }
            if "<>=".unicodeScalars.contains(scalar) {
                var length = 1
                while position + length < text.count, "<>=".unicodeScalars.contains(text[position + length]) {
                    length += 1
                }
                return length
            }
            if "-+*/%&|^".unicodeScalars.contains(scalar) { return next == "=" ? 2 : 1 }
            if scalar == "!", next == "=" { return 2 }
            if "~!@".unicodeScalars.contains(scalar) { return 1 }
            return nil
        }

        mutating func emit(_ start: Int, _ style: String) {
            let piece = String(String.UnicodeScalarView(text[start..<position]))
            output += "<span class=\"cm-\(style)\">" + HTMLText.escape(piece) + "</span>"
            if style != "keyword" { lastToken = style }
        }

        mutating func plain(_ start: Int) {
            output += HTMLText.escape(String(String.UnicodeScalarView(text[start..<position])))
        }

        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

        func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar.value >= 0xA1
        }

        func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool { isIdentifierStart(scalar) || isDigit(scalar) }
    }
}
