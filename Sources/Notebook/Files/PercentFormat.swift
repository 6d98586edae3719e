import Foundation

/// The percent format: a notebook as a plain Python script, cells separated by `# %%` lines, as
/// jupytext and VS Code write it. Git-friendly, and runnable as a script.
///
/// ```python
/// # %% [markdown]
/// # # Cross-correlation
/// # The kernel slides over the input.
///
/// # %% tags=["parameters"]
/// size = 3
///
/// # %%
/// X = torch.ones((size, size))
/// ```
///
/// Rules (chosen so that `parse(encode(cells))` gives back every cell's kind, source and tags exactly):
/// - A marker line is `#`, optional spaces, `%%`, then the end of the line or a space, optionally indented.
///   After it come an optional title, an optional `[markdown]` (or `[md]`) or `[raw]`, and optional
///   metadata as `key=JSON` pairs (jupytext's syntax, e.g. `tags=["parameters"]`). A title is kept in
///   the cell's metadata as `title`.
/// - Markdown and raw lines are written commented (`# text`, `#` for an empty line) and uncommented on reading.
/// - Cells are separated by one blank line. Reading drops every blank line at the end of a cell (as
///   jupytext does, which writes two after a `def`); a code cell whose source itself ends in newlines
///   says how many on its marker line (`# %% trailing_newlines=1`), so none are lost. Markdown and raw
///   lines are commented, so theirs need no such note.
/// - The format is line-based and does not parse Python: a line *inside a cell* that would read as a
///   marker (even one inside a triple-quoted string) is written with one more `#` (`## %%`), and reading
///   removes one `#` from every line that starts with two or more `#` before `%%`. Running the `.py`
///   directly therefore sees `## %%` inside such a string; reading it back gives the original.
/// - A file without any marker is one code cell (plain scripts); an empty file has no cells. A jupytext
///   header (`# ---` … `# ---`) before the first marker is skipped; other text before it is a code cell.
/// - Cell ids, outputs and execution counts are not stored: reading gives fresh ids and no outputs.
public enum PercentFormat {
    /// The marker-line key that records how many newlines end a code cell's source.
    static let trailingNewlinesKey = "trailing_newlines"
    /// More trailing newlines than this in a file are ignored rather than allocated.
    static let maxTrailingNewlines = 10_000

    /// Reads a percent-format file's bytes. The title is the heading the first cell starts with, else the
    /// file name (`NotebookDocument.title(cells:fileName:)`); `fileName` also names the file in errors.
    public static func decode(
        _ bytes: [UInt8], fileName: String, now: Date = Date(), maxFileSize: Int = NotebookFiles.maxFileSize
    ) throws(NotebookFileError) -> NotebookDocument {
        if bytes.count > maxFileSize {
            throw NotebookFiles.tooLarge(file: fileName, size: bytes.count, limit: maxFileSize)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(bytes)
            throw NotebookFileError(
                file: fileName, kind: .invalidPercentFormat, position: SourcePosition.locate(offset: offset, in: bytes),
                message: "the file is not valid UTF-8 text")
        }
        let cells = parse(text)
        return NotebookDocument(
            title: NotebookDocument.title(cells: cells, fileName: fileName), created: now, cells: cells)
    }

    /// The notebook's cells as percent-format text.
    public static func encode(_ notebook: NotebookDocument) -> String {
        encode(cells: notebook.cells)
    }

    /// Offset of the first byte that does not start or continue a valid UTF-8 sequence.
    private static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }
}
