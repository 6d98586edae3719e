/// A tiny, safe Markdown renderer for exported pages.
///
/// It knows headings, paragraphs, `*emphasis*`, `**strong**`, `` `code` ``, fenced code blocks, bullet and
/// numbered lists, block quotes, rules and `[links](https://…)`. Raw HTML is never passed through: every
/// character of the source is escaped, and links keep only `http(s)` or relative targets (others are
/// shown as plain text). Images are shown by their alt text, so a page fetches nothing.
public enum MarkdownRenderer {
    /// The HTML for a markdown source.
    public static func render(_ source: String) -> String {
        var html = ""
        let lines = TextLines.split(source)
        var index = 0
        var paragraph: [String] = []

        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            html += "<p>" + inline(paragraph.joined(separator: "\n")) + "</p>\n"
            paragraph.removeAll()
        }

        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingWhitespace()
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flushParagraph()
                let fence = String(trimmed.prefix(3))
                var code: [String] = []
                index += 1
                while index < lines.count, !lines[index].trimmingWhitespace().hasPrefix(fence) {
                    code.append(lines[index])
                    index += 1
                }
                index += 1  // closing fence (or past the end)
                html += "<pre><code>" + HTMLText.escape(code.joined(separator: "\n")) + "</code></pre>\n"
                continue
            }
            if trimmed.isEmpty {
                flushParagraph()
            } else if let (level, text) = heading(trimmed) {
                flushParagraph()
                html += "<h\(level)>" + inline(text) + "</h\(level)>\n"
            } else if trimmed == "---" || trimmed == "***" || trimmed == "___" {
                flushParagraph()
                html += "<hr>\n"
            } else if listItem(trimmed) != nil {
                flushParagraph()
                let ordered = listItem(trimmed)?.ordered ?? false
                html += ordered ? "<ol>\n" : "<ul>\n"
                while index < lines.count, let item = listItem(lines[index].trimmingWhitespace()),
                    item.ordered == ordered
                {
                    html += "<li>" + inline(item.text) + "</li>\n"
                    index += 1
                }
                html += ordered ? "</ol>\n" : "</ul>\n"
                continue
            } else if trimmed.hasPrefix(">") {
                flushParagraph()
                var quoted: [String] = []
                while index < lines.count, lines[index].trimmingWhitespace().hasPrefix(">") {
                    quoted.append(String(lines[index].trimmingWhitespace().dropFirst()).trimmingWhitespace())
                    index += 1
                }
                html += "<blockquote><p>" + inline(quoted.joined(separator: "\n")) + "</p></blockquote>\n"
                continue
            } else {
                paragraph.append(trimmed)
            }
            index += 1
        }
        flushParagraph()
        return html
    }

    private static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        return (hashes, String(rest).trimmingWhitespace())
    }

    private static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
        for bullet in ["- ", "* ", "+ "] where line.hasPrefix(bullet) {
            return (false, String(line.dropFirst(2)))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9 {
            let rest = line.dropFirst(digits.count)
            if rest.hasPrefix(". ") || rest.hasPrefix(") ") { return (true, String(rest.dropFirst(2))) }
        }
        return nil
    }

    /// Inline markup of one block. Depth-limited so nested emphasis cannot recurse without end.
    static func inline(_ text: String, depth: Int = 0) -> String {
        let characters = Array(text)
        var html = ""
        var index = 0
        // A token not found from some position is not found from any later one: remembering that keeps
        // text full of unmatched `*` linear instead of quadratic.
        var notFoundFrom: [String: Int] = [:]
        func find(_ token: String, from start: Int) -> Int? {
            if let failed = notFoundFrom[token], start >= failed { return nil }
            let pattern = Array(token)
            var position = start
            while position + pattern.count <= characters.count {
                if characters[position..<position + pattern.count].elementsEqual(pattern) { return position }
                position += 1
            }
            notFoundFrom[token] = min(start, notFoundFrom[token] ?? start)
            return nil
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count,
                characters[index + 1].isPunctuation || characters[index + 1].isSymbol
            {
                html += HTMLText.escape(String(characters[index + 1]))
                index += 2
            } else if character == "`", let close = find("`", from: index + 1) {
                html += "<code>" + HTMLText.escape(String(characters[(index + 1)..<close])) + "</code>"
                index = close + 1
            } else if depth < 4, character == "*", index + 1 < characters.count, characters[index + 1] == "*",
                let close = find("**", from: index + 2), close > index + 2
            {
                html += "<strong>" + inline(String(characters[(index + 2)..<close]), depth: depth + 1) + "</strong>"
                index = close + 2
            } else if depth < 4, character == "*", let close = find("*", from: index + 1), close > index + 1 {
                html += "<em>" + inline(String(characters[(index + 1)..<close]), depth: depth + 1) + "</em>"
                index = close + 1
            } else if character == "["
                || (character == "!" && index + 1 < characters.count && characters[index + 1] == "["),
                let link = link(in: characters, at: character == "!" ? index + 1 : index)
            {
                let label = String(characters[link.label])
                if character == "!" {
                    html += HTMLText.escape(label)
                } else if HTMLText.isSafeLink(link.target), depth < 4 {
                    html +=
                        "<a href=\"" + HTMLText.escape(link.target) + "\" rel=\"noopener noreferrer\">"
                        + inline(label, depth: depth + 1) + "</a>"
                } else {
                    html += HTMLText.escape(label)
                }
                index = link.end
            } else {
                html += HTMLText.escape(String(character))
                index += 1
            }
        }
        return html
    }

    /// `[label](target)` starting at `start` (the `[`); parentheses inside the target must balance, as in
    /// CommonMark, so `[x](javascript:alert(1))` is one (refused) link rather than a link and a stray `)`.
    private static func link(
        in characters: [Character], at start: Int
    ) -> (label: Range<Int>, target: String, end: Int)? {
        guard let closeBracket = characters[start...].firstIndex(of: "]"), closeBracket + 1 < characters.count,
            characters[closeBracket + 1] == "("
        else { return nil }
        var depth = 0
        var index = closeBracket + 2
        while index < characters.count {
            switch characters[index] {
            case "(": depth += 1
            case ")" where depth == 0:
                let target = String(characters[(closeBracket + 2)..<index]).trimmingWhitespace()
                return ((start + 1)..<closeBracket, target, index + 1)
            case ")": depth -= 1
            case "\n": return nil
            default: break
            }
            index += 1
        }
        return nil
    }
}
