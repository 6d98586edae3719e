import Foundation
import GRDB
import Notebook

extension NotebookStore {
    /// On first start (no notebooks stored yet), imports every `.ipynb` and percent-format `.py` file in
    /// `directory`, in file-name order. A file that cannot be read or is refused is reported in the
    /// result and skipped; the others are imported anyway.
    ///
    /// The emptiness check and the imports are one transaction, so two processes starting together
    /// seed once. A missing directory seeds nothing.
    public func seedIfEmpty(from directory: URL) async throws(StoreError) -> SeedReport {
        let notSeeded = SeedReport(seeded: false, imported: [], failures: [])
        // Every later start ends here, without reading the folder.
        if try await read({ db in try Self.hasNotebooks(db) }) { return notSeeded }
        var documents: [NotebookDocument] = []
        var failures: [SeedReport.Failure] = []
        for url in Self.notebookFiles(in: directory) {
            do {
                let document = try NotebookFiles.read(contentsOf: url)
                try Validation.check(document: document)
                documents.append(document)
            } catch let error as NotebookFileError {
                failures.append(SeedReport.Failure(file: url.lastPathComponent, reason: .file(error)))
            } catch {
                failures.append(SeedReport.Failure(file: url.lastPathComponent, reason: .store(StoreError(error))))
            }
        }
        let readable = documents
        let unreadable = failures
        return try await write { db, _ in
            // Checked again inside the transaction: another process may have seeded since.
            if try Self.hasNotebooks(db) { return notSeeded }
            var imported: [NotebookSummary] = []
            for document in readable {
                let stored = try Self.insertImported(document, db)
                imported += try NotebookRows.summaries(db, id: stored.document.id)
            }
            return SeedReport(seeded: true, imported: imported, failures: unreadable)
        }
    }

    /// Whether any notebook is stored.
    static func hasNotebooks(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM notebooks)") ?? false
    }

    /// The notebook files directly in `directory`, sorted by name.
    static func notebookFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().filter { name in
            !name.hasPrefix(".") && NotebookFormat(fileName: name)?.canRead == true
        }.map { directory.appendingPathComponent($0) }
    }
}
