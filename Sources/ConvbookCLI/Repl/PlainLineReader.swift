import Foundation

/// Lines from a terminal that cannot be edited on (`TERM=dumb`): the terminal's own line editing and
/// echo, the prompt written before each line, Ctrl-C (SIGINT, forwarded to ``waker``) abandoning the
/// line. No history or completion.
final class PlainLineReader: LineSource {
    let waker: Waker
    /// Bytes read past the last newline (pasted lines arrive together).
    private var buffered: [UInt8] = []

    init() throws {
        waker = try Waker()
    }

    func read(prompt: String) -> LineInput {
        FileHandle.standardOutput.write(Data(prompt.utf8))
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
            }
            var descriptors = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: waker.readDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            if poll(&descriptors, 2, -1) < 0 {
                if errno == EINTR { continue }
                return .endOfInput
            }
            if descriptors[1].revents != 0 {
                waker.drain()
                buffered = []
                FileHandle.standardOutput.write(Data("\n".utf8))
                return .interrupted
            }
            guard descriptors[0].revents != 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = Foundation.read(STDIN_FILENO, &chunk, chunk.count)
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if count <= 0 {
                // Ctrl-D: a line typed before it still counts.
                guard !buffered.isEmpty else { return .endOfInput }
                defer { buffered = [] }
                return .line(String(decoding: buffered, as: UTF8.self))
            }
            buffered.append(contentsOf: chunk[..<count])
        }
    }

    func remember(_ entry: String) {}
}
