import Foundation

/// What the terminal on standard input/output says it can do, asked with the primary device
/// attributes query (DA1, `ESC [ c`), which VT100-compatible terminals answer `ESC [ ? 62 ; 4 ; … c`;
/// attribute 4 is sixel graphics.
enum TerminalAttributes {
    /// The attributes the terminal answers with, or `nil` when standard input/output is not a
    /// terminal or no answer came within `timeout` milliseconds.
    static func primary(timeout: Int = 250) -> [Int]? {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return nil }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return nil }
        var quiet = saved
        // The answer must be read as it comes and not echoed.
        quiet.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0 else { return nil }
        defer { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        FileHandle.standardOutput.write(Data("\u{1B}[c".utf8))
        var answer: [UInt8] = []
        let deadline = ContinuousClock.now + .milliseconds(timeout)
        while answer.last != UInt8(ascii: "c") {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return nil }
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(
                left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
            guard poll(&descriptor, 1, max(1, milliseconds)) > 0 else { continue }
            var byte: UInt8 = 0
            guard Foundation.read(STDIN_FILENO, &byte, 1) == 1 else { return nil }
            answer.append(byte)
        }
        return parse(answer)
    }

    /// The numbers of an answer `ESC [ ? n ; n ; … c` (anything before the `ESC` is skipped).
    static func parse(_ answer: [UInt8]) -> [Int]? {
        let text = String(decoding: answer, as: UTF8.self)
        guard let start = text.range(of: "\u{1B}[?"), text.hasSuffix("c") else { return nil }
        let body = text[start.upperBound...].dropLast()
        let numbers = body.split(separator: ";").compactMap { Int($0) }
        return numbers.isEmpty ? nil : numbers
    }
}
