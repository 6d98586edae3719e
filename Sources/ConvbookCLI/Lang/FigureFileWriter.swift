import Figures
import Foundation
import Render

/// Renders figures and writes them as numbered PNG files: `001.png`, `002.png`, …
struct FigureFileWriter {
    /// The directory as the user named it (used in the paths printed back to them).
    let directory: String
    /// How many figures were written so far.
    private(set) var count = 0

    /// Creates the writer and its directory (with any missing parents).
    ///
    /// - Throws: ``FigureFileError`` when the directory cannot be created.
    init(directory: String) throws(FigureFileError) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw FigureFileError("cannot create the directory '\(directory)': \(FigureFileError.reason(error))")
        }
    }

    /// Renders `figure`, writes it as the next numbered file and returns that file's path.
    ///
    /// - Throws: ``FigureFileError`` when the figure cannot be drawn or the file cannot be written.
    mutating func write(_ figure: Figure) throws(FigureFileError) -> String {
        let image: RenderedImage
        do {
            image = try Renderer.render(figure)
        } catch {
            throw FigureFileError("cannot draw \(figure.textFallback): \(error.message)")
        }
        count += 1
        let path = (directory as NSString).appendingPathComponent(String(format: "%03d.png", count))
        do {
            try Data(image.png).write(to: URL(fileURLWithPath: path))
        } catch {
            throw FigureFileError("cannot write '\(path)': \(FigureFileError.reason(error))")
        }
        return path
    }
}

/// Why a figure file could not be written: a sentence for standard error.
struct FigureFileError: Error, CustomStringConvertible {
    /// The complete message.
    var message: String

    init(_ message: String) { self.message = message }

    var description: String { message }

    /// The operating system's reason behind a Foundation file error (e.g. "Not a directory"),
    /// rather than Foundation's nested error dump.
    static func reason(_ error: any Error) -> String {
        let error = error as NSError
        if let cause = error.userInfo[NSUnderlyingErrorKey] as? any Error {
            let underlying = cause as NSError
            if underlying.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(underlying.code))) }
        }
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        return error.localizedDescription
    }
}
