import Foundation
import Notebook

extension NotebookStore {
    /// Imports a `.ipynb` or percent-format `.py` file as a new notebook (see `importNotebook(_:)` for
    /// how its id is chosen). A file that cannot be read or parsed is `StoreError.file`. Numbers JSON
    /// cannot hold (`NaN`, `Infinity`) become `null` (`NotebookDocument.replaceNonFiniteNumbers()`).
    public func importFile(at url: URL) async throws(StoreError) -> StoredNotebook {
        var document: NotebookDocument
        do {
            document = try NotebookFiles.read(contentsOf: url)
        } catch {
            throw .file(error)
        }
        _ = document.replaceNonFiniteNumbers()
        return try await importNotebook(document)
    }

    /// Writes a stored notebook to `url` in the format its extension names (`.ipynb`, percent-format
    /// `.py` or standalone `.html`), atomically: a failure leaves no half-written file.
    public func exportNotebook(id: String, to url: URL, as format: NotebookFormat? = nil) async throws(StoreError) {
        let stored = try await notebook(id: id)
        do {
            try NotebookFiles.write(stored.document, to: url, as: format)
        } catch {
            throw .file(error)
        }
    }
}
