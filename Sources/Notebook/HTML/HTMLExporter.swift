import Foundation

/// A notebook as one standalone HTML page: readable offline, pictures inline as `data:` URIs, nothing fetched.
/// Code is coloured as the notebook page colours it (`PythonHighlighter`), dates read as people read them,
/// and the title is not repeated above a notebook that starts with its own heading.
///
/// Every piece of notebook text is HTML-escaped; markdown goes through `MarkdownRenderer`, which passes
/// no raw HTML and only `http(s)`/relative links. When the notebook has markdown cells and the page's
/// renderers are at hand (`HTMLExportAssets`), the page also embeds them — markdown-it and the page's
/// `markdown.js`, and KaTeX with its style and the fonts the math may use (`KaTeXFontChoice`) when some
/// markdown has a `$` — and they re-render each markdown cell from its source exactly as the notebook page
/// does. The Content-Security-Policy allows exactly those scripts by their SHA-256 and nothing remote, so
/// no script can come from cell text.
public enum HTMLExporter {
    /// Nothing fetched: pictures only from `data:` URIs, styles only from the page itself. With embedded
    /// scripts, exactly those scripts and style elements by their hashes — so, as on the notebook page, no
    /// style attribute applies — and fonts only from `data:` URIs when KaTeX's are embedded.
    static func contentSecurityPolicy(scripts: [String] = [], styles: [String] = [], fonts: Bool = false) -> String {
        let base = "default-src 'none'; img-src data:; "
        if scripts.isEmpty { return base + "style-src 'unsafe-inline'" }
        return base + "style-src " + styles.map(HTMLExportAssets.hashSource).joined(separator: " ")
            + (fonts ? "; font-src data:" : "") + "; script-src "
            + scripts.map(HTMLExportAssets.hashSource).joined(separator: " ")
    }

    /// The complete HTML document, with the installed renderers (`HTMLExportAssets.install`) if any.
    public static func render(_ notebook: NotebookDocument) -> String {
        render(notebook, assets: HTMLExportAssets.installed)
    }

    /// The complete HTML document; markdown is re-rendered by `assets` when given and needed.
    public static func render(_ notebook: NotebookDocument, assets: HTMLExportAssets?) -> String {
        let markdown = notebook.cells.filter { $0.kind == .markdown }
        let embedded = markdown.isEmpty ? nil : assets
        let math = markdown.contains { $0.source.contains("$") }
        var scripts: [String] = []
        var styles = ["\n" + HTMLStyle.css]
        if let embedded {
            scripts.append(embedded.markdownIt)
            if math {
                scripts.append(embedded.katex)
                let text = markdown.map(\.source).joined(separator: "\n")
                styles.append("\n" + embedded.katexStyle(for: text) + "\n")
            }
            scripts.append(embedded.pageRenderer + rendering)
        }
        let policy = contentSecurityPolicy(scripts: scripts, styles: styles, fonts: embedded != nil && math)
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="\(policy)">
            <meta name="generator" content="Convbook">
            <title>\(HTMLText.escape(notebook.title))</title>
            \(styles.map { "<style>" + $0 + "</style>\n" }.joined())</head>
            <body>
            <main>
            <header>\(titleHeading(notebook))<p class="dates">Updated \(time(notebook.updated))</p></header>

            """
        for cell in notebook.cells {
            html += render(cell, rerendered: embedded != nil)
        }
        html += "</main>\n"
        for (index, script) in scripts.enumerated() {
            // The last is the page's module; the libraries before it are classic scripts it reads as globals.
            html += (index == scripts.count - 1 ? "<script type=\"module\">" : "<script>") + script + "</script>\n"
        }
        html += "</body>\n</html>\n"
        return html
    }

    /// Appended to the page's `markdown.js` module: each markdown cell rendered from its source.
    static let rendering = """

        for (const cell of document.querySelectorAll("div.markdown[data-source]")) {
            renderMarkdown(cell.dataset.source, cell);
        }

        """

    /// The title as the page's heading, unless the notebook starts with a heading of its own (the title is
    /// usually that heading's text, and would read twice).
    static func titleHeading(_ notebook: NotebookDocument) -> String {
        if let first = notebook.cells.first, first.kind == .markdown, startsWithHeading(first.source) { return "" }
        return "<h1 class=\"notebook-title\">" + HTMLText.escape(notebook.title) + "</h1>\n"
    }

    /// Whether markdown text begins with a level-1 heading (`# Title`).
    static func startsWithHeading(_ markdown: String) -> Bool {
        guard let line = markdown.split(separator: "\n").first(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            return false
        }
        let text = line.drop { $0 == " " }
        return text.hasPrefix("# ") || text == "#"
    }

    /// A date as a person reads it, in UTC ("3 May 2026, 14:02 UTC"), with the exact time for machines.
    static func time(_ date: Date) -> String {
        "<time datetime=\"\(HTMLText.escape(Timestamp.format(date)))\">\(HTMLText.escape(readableDate(date)))</time>"
    }

    /// "3 May 2026, 14:02 UTC".
    static func readableDate(_ date: Date) -> String {
        guard date.timeIntervalSince1970.isFinite, abs(date.timeIntervalSince1970) < 253_402_300_800 else {
            return Timestamp.format(date)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour,
            let minute = parts.minute, months.indices.contains(month - 1)
        else { return Timestamp.format(date) }
        let clock = (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
        return "\(day) \(months[month - 1]) \(year), \(clock) UTC"
    }

    /// One cell; with `rerendered`, a markdown cell also carries its source for the page's renderer.
    static func render(_ cell: Cell, rerendered: Bool = false) -> String {
        let anchor = "cell-" + HTMLText.escape(cell.id.rawValue)
        var html = "<section class=\"cell \(cell.kind.rawValue)\" id=\"\(anchor)\">\n"
        if !cell.tags.isEmpty {
            html += "<ul class=\"tags\">"
            html += cell.tags.map { "<li>" + HTMLText.escape($0) + "</li>" }.joined()
            html += "</ul>\n"
        }
        switch cell.kind {
        case .markdown:
            let source = rerendered ? " data-source=\"" + HTMLText.escape(cell.source) + "\"" : ""
            html += "<div class=\"markdown\"\(source)>\n" + MarkdownRenderer.render(cell.source) + "</div>\n"
        case .raw:
            html += "<pre class=\"raw\">" + HTMLText.escape(cell.source) + "</pre>\n"
        case .code:
            let prompt = cell.executionCount.map { "[\($0)]" } ?? "[ ]"
            html += "<div class=\"input\"><span class=\"prompt\">In \(prompt):</span>"
            // Coloured as the notebook page's editor colours it.
            html += "<pre class=\"source\"><code>" + PythonHighlighter.html(cell.source) + "</code></pre></div>\n"
            if let duration = cell.timing?.duration {
                html += "<p class=\"timing\">ran in " + HTMLText.escape(formatDuration(duration)) + "</p>\n"
            }
            if !cell.outputs.isEmpty {
                html += "<div class=\"outputs\">\n" + cell.outputs.map(render).joined() + "</div>\n"
            }
        }
        return html + "</section>\n"
    }

    static func render(_ output: CellOutput) -> String {
        switch output {
        case .stream(let name, let text):
            return "<pre class=\"stream \(name.rawValue)\">" + HTMLText.escape(text) + "</pre>\n"
        case .executeResult(let count, let data, let metadata):
            let prompt = "<span class=\"prompt\">Out[\(count.map(String.init) ?? " ")]:</span>"
            return "<div class=\"result\">" + prompt + render(data, metadata: metadata) + "</div>\n"
        case .displayData(let data, let metadata, _):
            return "<div class=\"display\">" + render(data, metadata: metadata) + "</div>\n"
        case .error(let name, let value, let traceback, _):
            var text = traceback.map(HTMLText.strippingANSI).joined(separator: "\n")
            if text.isEmpty { text = value.isEmpty ? name.rawValue : "\(name): \(value)" }
            return "<pre class=\"error\">" + HTMLText.escape(text) + "</pre>\n"
        }
    }

    /// A picture if there is one, else the text; a bundle with neither says what it holds.
    ///
    /// A picture whose metadata declares its size (`{"image/png": {"width": …, "height": …}}`, as Jupyter
    /// reads it; Convbook draws at 2× and declares half) is shown at that size, so it stays crisp.
    static func render(_ data: MimeBundle, metadata: JSONObject = JSONObject()) -> String {
        if let png = data.png {
            let alt = data.text ?? IPYNBCodec.placeholderText(for: png)
            var size = ""
            if let declared = metadata["image/png"]?.objectValue, let width = declared["width"]?.intValue,
                let height = declared["height"]?.intValue, (1...100_000).contains(width),
                (1...100_000).contains(height)
            {
                size = " width=\"\(width)\" height=\"\(height)\""
            }
            return "<img alt=\"" + HTMLText.escape(alt) + "\"" + size + " src=\"data:image/png;base64,"
                + Data(png.bytes).base64EncodedString() + "\">"
        }
        if let text = data.text {
            return "<pre>" + HTMLText.escape(text) + "</pre>"
        }
        let types = data.other.keys.joined(separator: ", ")
        return "<p class=\"omitted\">(output of type " + HTMLText.escape(types) + " not shown)</p>"
    }

    static func formatDuration(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 1e9 else { return "?" }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        return "\((seconds * 100).rounded() / 100) s"
    }
}
