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

    /// How long a commit waits for the disk.
    enum Durability {
        /// `synchronous=FULL`: a committed write survives a crash or a power loss. For edits.
        case full
        /// `synchronous=NORMAL` for this one transaction: survives a crash of the process (kill -9),
        /// not a power loss, until the next `full` commit syncs the log. For outputs, which a run can
        /// make again; the writer is back at `FULL` before the call returns.
        case processCrash
    }

    /// Runs `body` in one write transaction and returns after it has committed; `body` gets the time of
    /// the write. If anything throws, the transaction rolls back and nothing is written.
    func write<T: Sendable>(
        durability: Durability = .full, _ body: @escaping @Sendable (Database, Date) throws -> T
    ) async throws(StoreError) -> T {
        let clock = self.clock
        let beforeCommit = self.beforeCommit
        let transactionBody = { @Sendable (db: Database) throws -> T in
            let result = try body(db, clock().roundedToStoredMilliseconds)
            try beforeCommit?(db)
            return result
        }
        do {
            switch durability {
            case .full:
                return try await writer.write(transactionBody)
            case .processCrash:
                return try await writer.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA synchronous = NORMAL")
                    let outcome = Result { () throws -> T in
                        var result: T?
                        try db.inTransaction {
                            result = try transactionBody(db)
                            return .commit
                        }
                        guard let result else { throw StoreError.incompatible(detail: "the write produced no result") }
                        return result
                    }
                    try db.execute(sql: "PRAGMA synchronous = FULL")
                    return try outcome.get()
                }
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
