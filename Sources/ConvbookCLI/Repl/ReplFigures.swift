import Figures
import Foundation
import Render
import Synchronization

/// Pictures shown at the REPL: each is written as a PNG to a temporary folder (made on the first
/// one) and its path printed; a terminal that can draw images also gets the picture itself.
final class ReplFigures: Sendable {
    private struct Files {
        var writer: FigureFileWriter?
        /// Live figures (`d2l.Animator`) by display id: redrawn into the file first written.
        var livePaths: [String: String] = [:]
    }

    private let files = Mutex(Files())
    private let inline: InlineImage?

    /// `inline` is how the terminal draws images, or `nil` to only write files.
    init(inline: InlineImage?) {
        self.inline = inline
    }

    /// The text to print for a figure (`<heatmap 6×8> → /tmp/…/001.png`, then the drawn picture);
    /// a live figure's update rewrites its file and prints nothing.
    func show(_ figure: Figure, liveID: String? = nil, update: Bool = false) -> String {
        let image: RenderedImage
        do {
            image = try Renderer.render(figure)
        } catch {
            return "\(figure.textFallback) (could not be drawn: \(error))\n"
        }
        let written: Result<String, any Error> = files.withLock { files in
            do {
                if let liveID, let path = files.livePaths[liveID] {
                    try Data(image.png).write(to: URL(fileURLWithPath: path))
                    return .success(path)
                }
                if files.writer == nil { files.writer = try FigureFileWriter(directory: Self.makeDirectory()) }
                let path = try files.writer!.write(png: image.png)
                if let liveID { files.livePaths[liveID] = path }
                return .success(path)
            } catch {
                return .failure(error)
            }
        }
        if update { return "" }
        switch written {
        case .success(let path):
            return "\(figure.textFallback) → \(path)\n" + (inline.map { $0.escape(for: image) + "\n" } ?? "")
        case .failure(let error):
            return "\(figure.textFallback) (not written: \(error.localizedDescription))\n"
        }
    }

    /// A new private folder under the temporary directory.
    private static func makeDirectory() throws -> String {
        var template = Array(
            (NSTemporaryDirectory() as NSString).appendingPathComponent("convbook-repl-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        return String(cString: made)
    }
}
