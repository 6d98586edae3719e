import Foundation
import GRDB
import Notebook

extension NotebookStore {
    /// Runs `body` in a read transaction (a consistent snapshot, concurrent with writes).
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await writer.read(body)
        } catch {
            throw StoreError(error)
        }
    }

    /// Runs `body` in one write transaction and returns after it has committed; `body` gets the time of
    /// the write. If anything throws, the transaction rolls back and nothing is written.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database, Date) throws -> T) async throws(StoreError) -> T {
        let clock = self.clock
        let beforeCommit = self.beforeCommit
        do {
            return try await writer.write { db in
                let result = try body(db, clock().roundedToStoredMilliseconds)
                try beforeCommit?(db)
                return result
            }
        } catch {
            throw StoreError(error)
        }
    }

    /// Like ``write(_:)``, but the commit does not wait for the disk: for outputs, which a run can
    /// make again. The writer runs this transaction at `synchronous=NORMAL` and is back at `FULL`
    /// before it returns; the next `FULL` commit syncs the log, so it makes these frames durable too,
    /// and edits keep their guarantee. Survives a crash of the process (kill -9), not a power loss.
    func writeOutputs<T: Sendable>(
        _ body: @escaping @Sendable (Database, Date) throws -> T
    ) async throws(StoreError) -> T {
        let clock = self.clock
        let beforeCommit = self.beforeCommit
        do {
            return try await writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                let outcome = Result { () throws -> T in
                    var result: T?
                    try db.inTransaction {
                        result = try body(db, clock().roundedToStoredMilliseconds)
                        try beforeCommit?(db)
                        return .commit
                    }
                    guard let result else { throw StoreError.incompatible(detail: "the write produced no result") }
                    return result
                }
                try db.execute(sql: "PRAGMA synchronous = FULL")
                return try outcome.get()
            }
        } catch {
            throw StoreError(error)
        }
    }

    /// One edit of a notebook: checks that its revision is still `expectedRevision` (else
    /// `StoreError.conflict`, nothing written), runs `body`, bumps the revision and returns the new one
    /// once committed.
    func edit(
        notebook id: String, expectedRevision: Int, _ body: @escaping @Sendable (Database, Date) throws -> Void
    ) async throws(StoreError) -> Int {
        try await write { db, now in
            let current = try NotebookRows.revision(of: id, db)
            guard current == expectedRevision else {
                throw StoreError.conflict(expected: expectedRevision, actual: current)
            }
            try body(db, now)
            try NotebookRows.bumpRevision(of: id, now: now, db)
            return current + 1
        }
    }
}

extension Date {
    /// The date at the millisecond precision the database keeps.
    var roundedToStoredMilliseconds: Date { Date(storedMilliseconds: storedMilliseconds) }
}
