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
    ///
    /// `notebook` names the existing notebook the write changes (`nil` when it changes none, e.g. it only
    /// adds notebooks): its change count rises right after the commit, still on the writer queue, and
    /// `patch` (given the time of the write) brings its cached outline up to date, else it is dropped.
    func write<T: Sendable>(
        durability: Durability = .full, notebook: String? = nil,
        patch: (@Sendable (inout NotebookOutline, Date) -> Bool)? = nil,
        _ body: @escaping @Sendable (Database, Date) throws -> T
    ) async throws(StoreError) -> T {
        let clock = self.clock
        let beforeCommit = self.beforeCommit
        let changes = self.changes
        do {
            return try await writer.writeWithoutTransaction { db in
                if durability == .processCrash { try db.cachedStatement(sql: "PRAGMA synchronous = NORMAL").execute() }
                let outcome = Result { () throws -> T in
                    let now = clock().roundedToStoredMilliseconds
                    var result: T?
                    try db.inTransaction {
                        result = try body(db, now)
                        try beforeCommit?(db)
                        return .commit
                    }
                    guard let result else { throw StoreError.incompatible(detail: "the write produced no result") }
                    if let notebook { changes.changed(notebook, patch: patch.map { patch in { patch(&$0, now) } }) }
                    return result
                }
                if durability == .processCrash { try db.cachedStatement(sql: "PRAGMA synchronous = FULL").execute() }
                return try outcome.get()
            }
        } catch {
            throw StoreError(error)
        }
    }

    /// How many times this process has changed the notebook: a count that rises with every committed
    /// edit, output save or deletion, for caches of what is read from it.
    public func changeCount(of id: String) -> Int {
        changes.count(of: id)
    }

    /// One edit of a notebook: checks that its revision is still `expectedRevision` (else
    /// `StoreError.conflict`, nothing written), runs `body`, bumps the revision and returns the new one
    /// once committed.
    func edit(
        notebook id: String, expectedRevision: Int, _ body: @escaping @Sendable (Database, Date) throws -> Void
    ) async throws(StoreError) -> Int {
        try await write(notebook: id) { db, now in
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
