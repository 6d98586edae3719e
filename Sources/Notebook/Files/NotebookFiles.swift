import Foundation

/// Reading and writing notebook files on disk, whatever their format.
///
/// Reads are bounded (a file over `maxFileSize` is refused before it is parsed) and writes are atomic
/// (a temporary file renamed into place), so a failure never leaves a half-written notebook behind.
public enum NotebookFiles {
    /// The largest notebook file Convbook reads: 50 MiB.
    public static let maxFileSize = 50 * 1024 * 1024

    /// Reads a notebook in the format its file name names (`NotebookFormat.readable`).
    public static func read(contentsOf url: URL, now: Date = Date()) throws(NotebookFileError) -> NotebookDocument {
        let name = url.lastPathComponent
        guard let format = NotebookFormat(fileName: name), format.canRead else {
            throw NotebookFileError(
                file: name, kind: .unreadable,
                message:
                    "Convbook reads notebooks from \(NotebookFormat.readableNames) files, not '\(url.pathExtension)'")
        }
        return try format.read(try readBytes(of: url), fileName: name, now: now)
    }

    /// Writes a notebook atomically in `format`, or else in the format its file name names.
    public static func write(
        _ notebook: NotebookDocument, to url: URL, as format: NotebookFormat? = nil
    ) throws(NotebookFileError) {
        let name = url.lastPathComponent
        guard let format = format ?? NotebookFormat(fileName: name) else {
            throw NotebookFileError(
                file: name, kind: .unwritable,
                message: "Convbook writes notebooks as \(NotebookFormat.allNames) files, not '\(url.pathExtension)'")
        }
        try writeAtomically(format.write(notebook), to: url)
    }

    /// The bytes of a file, refusing files over `limit` before reading them whole.
    public static func readBytes(of url: URL, limit: Int = maxFileSize) throws(NotebookFileError) -> [UInt8] {
        let name = url.lastPathComponent
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > limit {
            throw tooLarge(file: name, size: size, limit: limit)
        }
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            // One byte past the limit tells a file that grew since the size check (or a pipe) from one that fits.
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            if data.count > limit { throw tooLarge(file: name, size: data.count, limit: limit) }
            return [UInt8](data)
        } catch let error as NotebookFileError {
            throw error
        } catch {
            throw NotebookFileError(
                file: name, kind: .unreadable, message: "cannot be read: \(error.localizedDescription)")
        }
    }

    /// Writes text as UTF-8 to a temporary file beside `url`, then renames it into place.
    public static func writeAtomically(_ text: String, to url: URL) throws(NotebookFileError) {
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw NotebookFileError(
                file: url.lastPathComponent, kind: .unwritable,
                message: "cannot be written: \(error.localizedDescription)")
        }
    }

    static func tooLarge(file: String, size: Int, limit: Int) -> NotebookFileError {
        let mebibyte = 1024 * 1024
        let limitText = limit % mebibyte == 0 ? "\(limit / mebibyte) MiB" : "\(limit)-byte"
        return NotebookFileError(
            file: file, kind: .tooLarge, message: "the file is \(size) bytes, over the \(limitText) limit for notebooks"
        )
    }
}
