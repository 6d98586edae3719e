import Foundation
import GRDB
import Notebook

extension NotebookStore {
    /// The PNG bytes of a picture by its SHA-256 (64 lowercase hex digits), or `nil` if none is stored.
    public func image(sha256: String) async throws(StoreError) -> [UInt8]? {
        guard sha256.utf8.count == 64,
            sha256.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        return try await read { db in try ImageRows.picture(sha256, db) }
    }

    /// Deletes every picture that no cell output shows any more (after outputs were replaced or
    /// notebooks deleted). Safe at any time: a picture in use cannot be deleted.
    @discardableResult
    public func collectGarbage() async throws(StoreError) -> GarbageReport {
        try await write { db, _ in try ImageRows.collectGarbage(db) }
    }

    /// SQLite's own consistency check of the file: `["ok"]` when sound, else the problems it found.
    public func integrityCheck() async throws(StoreError) -> [String] {
        try await read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }
}
