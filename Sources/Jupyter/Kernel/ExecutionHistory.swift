/// The inputs (and results) of the cells run in this kernel, for `history_request`.
///
/// Kept in memory for the kernel's life, as one session numbered 1; lines count from 1 as IPython's do.
struct ExecutionHistory: Sendable {
    /// One stored cell.
    struct Entry: Sendable, Hashable {
        var line: Int
        var input: String
        /// The `text/plain` of the cell's result, if it had one.
        var output: String?
    }

    /// The session number in replies.
    static let session = 1
    private(set) var entries: [Entry] = []

    /// Records a cell run with `store_history`.
    mutating func append(input: String, output: String?) {
        entries.append(Entry(line: entries.count + 1, input: input, output: output))
    }

    /// The last `count` entries.
    func tail(_ count: Int) -> [Entry] {
        Array(entries.suffix(max(0, count)))
    }

    /// Lines `start` up to, not including, `stop` of `session` (0 or the current session; a `stop` of 0
    /// or less means to the end).
    func range(session: Int, start: Int, stop: Int) -> [Entry] {
        guard session == 0 || session == Self.session else { return [] }
        return entries.filter { $0.line >= start && (stop <= 0 || $0.line < stop) }
    }

    /// Entries whose input matches the glob `pattern` (`*` any text, `?` one character), the last `count`
    /// of them (all when `count` is nil), each input once when `unique`.
    func search(pattern: String, count: Int?, unique: Bool) -> [Entry] {
        var found = entries.filter { Self.glob(pattern, matches: $0.input) }
        if unique {
            var seen = Set<String>()
            found = found.reversed().filter { seen.insert($0.input).inserted }.reversed()
        }
        if let count { found = Array(found.suffix(max(0, count))) }
        return found
    }

    /// Shell-style matching of the whole text.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let pattern = Array(pattern)
        let text = Array(text)
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
