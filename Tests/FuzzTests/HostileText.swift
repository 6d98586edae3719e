import ConvbookTestSupport

/// Generators of hostile source text: random tokens, mutated real code, f-strings and deep nesting.
struct HostileText {
    var generator: SeededGenerator
    /// Real code to mutate (the example notebooks' sources, the golden programs, the seed corpus).
    let snippets: [[UInt8]]

    static let tokens: [String] = [
        "def", "class", "if", "elif", "else", "for", "while", "in", "not", "and", "or", "is", "lambda", "return",
        "yield", "try", "except", "finally", "raise", "from", "import", "as", "with", "pass", "break", "continue",
        "global", "nonlocal", "del", "assert", "None", "True", "False", "async", "await", "print", "torch",
        "x", "K", "_", "é", "self", "(", ")", "[", "]", "{", "}", ":", ",", ";", ".", "...", "=", "==", "!=", "<",
        ">", "<=", ">=", "+", "-", "*", "**", "/", "//", "%", "@", "&", "|", "^", "~", "<<", ">>", "+=", "-=",
        "*=", "/=", "//=", "%=", "**=", "->", ":=", "!", "?", "$", "`", "\\", "\\\n", "#", "# c\n", "\n", "\r\n",
        "\r", "\t", " ", "    ", "\n    ", "\n  ", "'", "\"", "'''", "\"\"\"", "f'", "f\"", "rf'", "fr\"", "b'",
        "r'", "u'", "F'", "f'''", "{", "}", "{{", "}}", "!r", "!s", "!a", "!x", ":>10", ":.2f", "=", "0", "1",
        "007", "0x", "0xFF", "0b102", "0o9", "1e", "1e400", "1.5j", "1_000", "1__0",
        "9" + String(repeating: "9", count: 30),
        ".5", "5.", "\u{0}", "\u{7F}", "\u{FEFF}", "\u{202E}", "𝑥", "\u{2028}", "\u{1F600}",
    ]

    init(seed: UInt64, snippets: [[UInt8]]) {
        generator = SeededGenerator(seed: seed)
        self.snippets = snippets
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    /// One input from a randomly chosen generator.
    mutating func next() -> [UInt8] {
        switch int(0...9) {
        case 0...2: randomTokens()
        case 3...5: mutatedSnippet()
        case 6...7: Array(fString(depth: 0).utf8)
        case 8: deepNesting()
        default: randomBytes()
        }
    }

    mutating func randomTokens() -> [UInt8] {
        var text = ""
        for _ in 0..<int(1...40) { text += pick(Self.tokens) + (int(0...2) == 0 ? " " : "") }
        return Array(text.utf8)
    }

    mutating func randomBytes() -> [UInt8] {
        (0..<int(0...64)).map { _ in
            int(0...3) == 0 ? UInt8(int(0...255)) : pick(Array("(){}[]'\"\\fr:!=\n #\t.x0".utf8))
        }
    }

    /// A real program with a few byte- or token-level edits, or a splice of two programs.
    mutating func mutatedSnippet() -> [UInt8] {
        guard !snippets.isEmpty else { return randomTokens() }
        var bytes = pick(snippets)
        if bytes.count > 600 {
            let start = int(0...bytes.count - 600)
            bytes = Array(bytes[start..<start + int(50...600)])
        }
        for _ in 0..<int(1...6) {
            let position = bytes.isEmpty ? 0 : int(0...bytes.count - 1)
            switch int(0...6) {
            case 0 where !bytes.isEmpty: bytes.remove(at: position)
            case 1: bytes.insert(contentsOf: Array(pick(Self.tokens).utf8), at: position)
            case 2 where !bytes.isEmpty: bytes[position] = pick(Array("(){}[]'\"\\:!=\n #\t.,f".utf8))
            case 3 where !bytes.isEmpty:
                bytes.removeSubrange(position..<min(bytes.count, position + int(1...40)))
            case 4 where !bytes.isEmpty:
                let end = min(bytes.count, position + int(1...40))
                bytes.insert(contentsOf: bytes[position..<end], at: int(0...bytes.count))
            case 5:
                let other = pick(snippets)
                if !other.isEmpty {
                    let start = int(0...other.count - 1)
                    bytes.insert(contentsOf: other[start..<min(other.count, start + int(1...80))], at: position)
                }
            default:
                bytes = Array(bytes.prefix(position))  // cut short: unfinished input, as while typing
            }
        }
        return bytes
    }

    /// An f-string with nested fields, quotes, conversions, specs and escapes; often unfinished.
    mutating func fString(depth: Int) -> String {
        let quote = pick(["'", "\"", "'''", "\"\"\""])
        var text = pick(["f", "F", "rf", "fr", "Rf", "f", "f"]) + quote
        for _ in 0..<int(0...5) {
            switch int(0...9) {
            case 0: text += pick(["{{", "}}", "\\n", "\\{", "\\", "\\N{DASH}", "\\x4", "\\u12"])
            case 1: text += pick(["{", "}", "{x", "{x!", "{x:", "{x=", "{x!r:", "{'", "{\"", "{\"'\""])
            case 2 where depth < 3:
                text += "{" + fString(depth: depth + 1) + "}"
            case 3:
                text +=
                    "{" + pick(["x", "x + 1", "d['k']", "f(a, b=2)", "[1, 2][0]", "lambda: 1", "x if y else z", ""])
                    + pick(["", "=", " = ", "!r", "!s", "!a", "!z", "=!r"])
                    + pick(["", ":", ":>{w}", ":{w}.{p}f", ":{", ":}"])
                    + pick(["}", "}", "}", "", "}}"])
            case 4: text += pick(["'", "\"", "\n", "#"])
            default: text += pick(["a", "text ", "é", " ", "0"])
            }
        }
        if int(0...3) > 0 { text += quote }
        return text
    }

    /// Nesting past the parser's limit: brackets, blocks, unary chains, lambdas, f-strings.
    mutating func deepNesting() -> [UInt8] {
        let count = int(1...3) == 1 ? int(150...260) : int(1_900...2_600)
        let text: String
        switch int(0...7) {
        case 0: text = "x = " + String(repeating: pick(["(", "[", "{", "f(", "[x for x in "]), count: count) + "1"
        case 1: text = String(repeating: "- ", count: count) + "1"
        case 2: text = "x = " + String(repeating: "not ", count: count) + "y"
        case 3: text = "x = 1" + String(repeating: " ** 1", count: count)
        case 4:
            text =
                (0..<min(count, 400)).map { String(repeating: " ", count: $0) + "if x:\n" }.joined()
                + String(repeating: " ", count: min(count, 400)) + "pass\n"
        case 5: text = "x = " + String(repeating: "lambda: ", count: count) + "1"
        case 6: text = "x = " + String(repeating: "a.", count: count) + "b" + String(repeating: "[0]", count: count)
        default:
            text =
                String(repeating: "f'{", count: min(count, 300)) + "x" + String(repeating: "}'", count: min(count, 300))
        }
        return Array(text.utf8)
    }
}
