import CEditline
import Foundation

/// A line editor on the terminal, over editline (libedit): cursor keys, Home/End, Ctrl-A/E/K/U/W,
/// Ctrl-R reverse search, history kept in a file, and Tab completion through a closure.
///
/// The `EditLine` and `History` handles stay inside this class. Ctrl-C at the prompt (the key, or a
/// SIGINT forwarded to ``waker``) ends ``read(prompt:)`` with ``LineInput/interrupted``.
///
/// ```swift
/// let editor = try LineEditor(historyFile: "/home/me/.convbook_history", completer: { _ in nil })
/// if case .line(let text) = editor.read(prompt: ">>> ") { editor.remember(text) }
/// ```
final class LineEditor: LineSource {
    /// What completing the text before the cursor offers: the candidates, each replacing the last
    /// `replacing` characters (Unicode code points) before the cursor.
    struct Completion {
        var replacing: Int
        var candidates: [String]
    }

    /// Wakes a blocked ``LineEditor/read(prompt:)`` from another thread (the SIGINT handler).
    let waker: Waker
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyFile: String?
    private let completer: (String) -> Completion?
    /// The prompt as a C string, alive for as long as libedit may draw it.
    private var promptBuffer: UnsafeMutablePointer<CChar>
    private var interrupted = false
    private var pendingBytes: [UInt8] = []

    /// Opens the editor on standard input/output and loads the history file (a missing one is fine).
    ///
    /// - Parameters:
    ///   - historyFile: where history is read from and saved after each entry; `nil` keeps none.
    ///   - historySize: how many entries are kept.
    ///   - completer: the candidates for the text before the cursor on the current line.
    init(historyFile: String?, historySize: Int = 1000, completer: @escaping (String) -> Completion?) throws {
        waker = try Waker()
        Self.useUTF8Characters()
        guard let editLine = convbook_el_init("convbook") else {
            throw LineEditorError(message: "cannot start the line editor on this terminal")
        }
        guard let history = history_init() else {
            el_end(editLine)
            throw LineEditorError(message: "cannot start the line editor's history")
        }
        self.editLine = editLine
        self.history = history
        self.historyFile = historyFile
        self.completer = completer
        promptBuffer = strdup(">>> ")
        convbook_history_set_size(history, Int32(historySize))
        convbook_history_set_unique(history, 1)
        if let historyFile { convbook_history_load(history, historyFile) }
        convbook_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        convbook_el_set_editor(editLine, "emacs")
        convbook_el_set_history(editLine, history)
        convbook_el_set_prompt(editLine) { editLine in
            guard let editor = LineEditor.owner(of: editLine) else { return nil }
            return editor.promptBuffer
        }
        convbook_el_set_getcfn(editLine) { editLine, character in
            guard let editor = LineEditor.owner(of: editLine), let character else { return -1 }
            return editor.readCharacter(into: character)
        }
        convbook_el_add_function(editLine, "convbook-reverse-search", "Search the history as you type") {
            editLine, _ in
            guard let editor = LineEditor.owner(of: editLine) else { return UInt8(CC_ERROR) }
            return editor.reverseSearch()
        }
        convbook_el_add_function(editLine, "convbook-complete", "Complete the name before the cursor") {
            editLine, _ in
            guard let editor = LineEditor.owner(of: editLine) else { return UInt8(CC_ERROR) }
            return editor.complete()
        }
        for (key, command) in Self.bindings { convbook_el_bind(editLine, key, command) }
        // The user's ~/.editrc may change any of these.
        el_source(editLine, nil)
    }

    /// libedit turns the characters it reads into text with the C library's multibyte functions, which
    /// only know UTF-8 under a UTF-8 `LC_CTYPE`: the user's, else `C.UTF-8` (as Python coerces the C locale).
    private static func useUTF8Characters() {
        if let chosen = setlocale(LC_CTYPE, ""), String(cString: chosen).lowercased().contains("utf") { return }
        if setlocale(LC_CTYPE, "C.UTF-8") == nil { _ = setlocale(LC_CTYPE, "en_US.UTF-8") }
    }

    deinit {
        el_end(editLine)
        history_end(history)
        free(promptBuffer)
    }

    /// Keys beyond libedit's emacs defaults, as bash and Python's REPL have them.
    private static let bindings: [(String, String)] = [
        ("^I", "convbook-complete"),
        ("^R", "convbook-reverse-search"),
        ("^W", "ed-delete-prev-word"),
        ("^U", "vi-kill-line-prev"),
        ("\\e[1~", "ed-move-to-beg"), ("\\e[4~", "ed-move-to-end"),
        ("\\e[7~", "ed-move-to-beg"), ("\\e[8~", "ed-move-to-end"),
        ("\\e[H", "ed-move-to-beg"), ("\\e[F", "ed-move-to-end"),
        ("\\e[3~", "ed-delete-next-char"),
        ("\\e[1;5D", "ed-prev-word"), ("\\e[1;5C", "em-next-word"),
    ]

    /// Shows `prompt` and reads one line.
    func read(prompt: String) -> LineInput {
        setPrompt(prompt)
        interrupted = false
        pendingBytes = []
        var count: Int32 = 0
        let line = el_gets(editLine, &count)
        if interrupted {
            // libedit leaves the cursor on the abandoned line.
            FileHandle.standardOutput.write(Data("\n".utf8))
            return .interrupted
        }
        guard let line, count > 0 else { return .endOfInput }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    private func setPrompt(_ prompt: String) {
        free(promptBuffer)
        promptBuffer = strdup(prompt)
    }

    /// Adds an entry (a line or a whole block) to the history and saves the history file; blank
    /// entries and a repeat of the last one are skipped.
    func remember(_ entry: String) {
        guard entry.contains(where: { !$0.isWhitespace }) else { return }
        convbook_history_enter(history, entry)
        if let historyFile { convbook_history_save(history, historyFile) }
    }

    // MARK: - Callbacks from libedit (on the thread that called `read`)

    private static func owner(of editLine: OpaquePointer?) -> LineEditor? {
        guard let editLine, let data = convbook_el_get_clientdata(editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// Reads one character from standard input (UTF-8), or gives up on Ctrl-C: 1 read, 0 end of input, -1 stop.
    private func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        while true {
            var descriptors = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: waker.readDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            if poll(&descriptors, 2, -1) < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if descriptors[1].revents != 0 {
                waker.drain()
                interrupted = true
                return -1
            }
            guard descriptors[0].revents != 0 else { continue }
            var byte: UInt8 = 0
            let count = Foundation.read(STDIN_FILENO, &byte, 1)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return -1
            }
            if count == 0 { return 0 }
            if byte == 0x03 && pendingBytes.isEmpty {
                // Ctrl-C arrives as a key when the terminal does not turn it into SIGINT.
                interrupted = true
                return -1
            }
            pendingBytes.append(byte)
            switch UTF8Decoding.scalar(pendingBytes) {
            case .incomplete:
                continue
            case .scalar(let scalar):
                pendingBytes = []
                character.pointee = wchar_t(bitPattern: scalar.value)
                return 1
            }
        }
    }

    /// Ctrl-R: searches the history backwards as the query is typed, as readline's reverse-i-search:
    /// Ctrl-R again finds an older match, Backspace shortens the query, Enter runs the match, Ctrl-G
    /// gives the line back, and any other key keeps the match and acts on it.
    private func reverseSearch() -> UInt8 {
        var entries: [String] = []
        var entry = convbook_history_newest(history)
        while let found = entry {
            entries.append(String(cString: found))
            entry = convbook_history_older(history)
        }
        let prompt = String(cString: promptBuffer)
        let original = currentLine()
        var query = ""
        var index = 0
        var failing = false
        func find(from start: Int) {
            let hit = entries.indices.dropFirst(start).first { query.isEmpty || entries[$0].contains(query) }
            failing = hit == nil
            if let hit { index = hit }
        }
        func show() {
            setPrompt("(\(failing ? "failing " : "")reverse-i-search)`\(query)': ")
            let shown = query.isEmpty || entries.isEmpty ? original : entries[index]
            replaceLine(
                with: shown, cursorAt: shown.range(of: query).map { shown[..<$0.lowerBound].unicodeScalars.count })
            convbook_el_refresh(editLine)
        }
        show()
        while true {
            var key: wchar_t = 0
            guard el_wgetc(editLine, &key) == 1, let scalar = Unicode.Scalar(UInt32(bitPattern: key)) else {
                setPrompt(prompt)
                return UInt8(CC_EOF)  // Ctrl-C (then `read` reports it) or the end of input
            }
            switch scalar {
            case "\u{12}":
                if !query.isEmpty { find(from: failing ? index : index + 1) }
            case "\u{7F}", "\u{08}":
                if !query.isEmpty { query.removeLast() }
                find(from: 0)
            case "\u{07}":
                setPrompt(prompt)
                replaceLine(with: original, cursorAt: nil)
                return UInt8(CC_REDISPLAY)
            case _ where scalar.value >= 0x20 && scalar.value != 0x7F:
                query.unicodeScalars.append(scalar)
                find(from: index)
            default:
                // Another key (Enter too) ends the search on the match, redrawn after the usual
                // prompt, and then does what it does.
                setPrompt(prompt)
                var pushed: [wchar_t] = [key, 0]
                el_wpush(editLine, &pushed)
                return UInt8(CC_REDISPLAY)
            }
            show()
        }
    }

    /// The whole line being edited.
    private func currentLine() -> String {
        guard let info = el_wline(editLine)?.pointee, let start = info.buffer, let end = info.lastchar else {
            return ""
        }
        var text = String.UnicodeScalarView()
        for offset in 0..<start.distance(to: end) {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: start[offset])) { text.append(scalar) }
        }
        return String(text)
    }

    /// Replaces the line being edited, the cursor at the given character (the end when `nil`).
    private func replaceLine(with text: String, cursorAt position: Int?) {
        if let info = el_wline(editLine)?.pointee, let start = info.buffer, let cursor = info.cursor,
            let end = info.lastchar
        {
            el_cursor(editLine, Int32(cursor.distance(to: end)))
            el_deletestr(editLine, Int32(start.distance(to: end)))
        }
        el_insertstr(editLine, text)
        if let position { el_cursor(editLine, Int32(position - text.unicodeScalars.count)) }
    }

    /// Tab: indentation at the start of a line, else the common prefix of the completions, or their list.
    private func complete() -> UInt8 {
        guard let info = el_line(editLine)?.pointee, let start = info.buffer, let cursor = info.cursor else {
            return UInt8(CC_ERROR)
        }
        let length = start.distance(to: cursor)
        let before = start.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
        }
        if !before.contains(where: { !$0.isWhitespace }) {
            el_insertstr(editLine, "    ")
            return UInt8(CC_REFRESH)
        }
        guard let completion = completer(before), !completion.candidates.isEmpty else {
            return UInt8(CC_REFRESH_BEEP)
        }
        let typed = String(String.UnicodeScalarView(before.unicodeScalars.suffix(completion.replacing)))
        let common = Self.commonPrefix(completion.candidates)
        if common.unicodeScalars.count > typed.unicodeScalars.count || completion.candidates.count == 1 {
            el_deletestr(editLine, Int32(completion.replacing))
            el_insertstr(editLine, common)
            return UInt8(CC_REFRESH)
        }
        let listing = "\n" + Self.columns(completion.candidates, width: Self.terminalWidth()) + "\n"
        FileHandle.standardOutput.write(Data(listing.utf8))
        return UInt8(CC_REDISPLAY)
    }

    private static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map({ Array($0.unicodeScalars) }) else { return "" }
        for word in words.dropFirst() {
            let scalars = Array(word.unicodeScalars)
            var shared = 0
            while shared < min(prefix.count, scalars.count) && prefix[shared] == scalars[shared] { shared += 1 }
            prefix = Array(prefix.prefix(shared))
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: prefix)
        return String(text)
    }

    /// The words in columns, row by row, as a shell lists completions.
    static func columns(_ words: [String], width: Int) -> String {
        let cell = (words.map(\.count).max() ?? 0) + 2
        let perRow = max(1, width / cell)
        return stride(from: 0, to: words.count, by: perRow).map { start in
            let row = words[start..<min(words.count, start + perRow)]
            var line = row.map { $0.padding(toLength: cell, withPad: " ", startingAt: 0) }.joined()
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    private static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}

/// The line editor could not start.
struct LineEditorError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
