import Foundation
import GRDB
import Notebook

/// Notebooks kept durably in one SQLite file.
///
/// Every edit runs in one write transaction that first checks the notebook's revision against the one
/// the caller read (refusing a stale edit with `StoreError.conflict`, writing nothing), then bumps it;
/// the call returns only after the transaction has committed, and with `synchronous=FULL` a committed
/// edit survives a crash or power loss. Reads run concurrently with writes (WAL).
///
/// Outlines (`outline(id:)`) are cached in memory until the notebook changes, so a server showing and
/// running a notebook does not read it again for every request. The cache sees every write made through
/// the stores of this process; another process may add notebooks (import) but must not edit existing
/// ones while a server runs.
///
/// ```swift
/// let store = try NotebookStore(path: "convbook.db")
/// let created = try await store.createNotebook(title: "Pooling")
/// let revision = try await store.insertCell(
///     notebook: created.document.id, at: 0, cell: .code("X = torch.arange(9.0).reshape(3, 3)"),
///     expectedRevision: created.revision)
/// ```
///
/// A value type over GRDB's thread-safe `DatabasePool` (or `DatabaseQueue` in memory); copies share
/// the same database.
public struct NotebookStore: Sendable {
    /// How long a connection waits for another process's lock before failing.
    public static let busyTimeout: TimeInterval = 5

    /// The connection(s); SQLite handles never leave this type.
    let writer: any DatabaseWriter
    /// The clock that dates edits (a fixed one in tests).
    let clock: @Sendable () -> Date
    /// Change counts and cached outlines, shared by every store on the same file in this process.
    let changes: NotebookChanges
    /// Runs inside every edit's transaction just before it commits: tests throw here to check that an
    /// interrupted transaction leaves nothing behind.
    var beforeCommit: (@Sendable (Database) throws -> Void)?

    /// The database file a server creates in its working directory unless told otherwise.
    public static let defaultFileName = "convbook.db"

    /// Opens the database file at `path`, creating the file (not its directory) if needed, and brings
    /// its schema up to date.
    public init(path: String, clock: @escaping @Sendable () -> Date = { Date() }) throws(StoreError) {
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration())
            // GRDB switches its writer connection to synchronous=NORMAL when it turns WAL on, after our
            // per-connection setup ran; an acknowledged save must survive power loss, so turn FULL back on.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw StoreError(error)
        }
        try self.init(writer: pool, clock: clock, changes: NotebookChanges.forFile(path))
    }

    /// A private database that lives in memory, for tests and previews.
    public static func inMemory(clock: @escaping @Sendable () -> Date = { Date() }) throws(StoreError) -> NotebookStore
    {
        do {
            return try NotebookStore(writer: DatabaseQueue(configuration: configuration()), clock: clock)
        } catch {
            throw StoreError(error)
        }
    }

    init(
        writer: any DatabaseWriter, clock: @escaping @Sendable () -> Date, changes: NotebookChanges = NotebookChanges()
    ) throws(StoreError) {
        self.writer = writer
        self.clock = clock
        self.changes = changes
        do {
            let migrator = StoreSchema.migrator
            try writer.write { db in
                if try migrator.hasBeenSuperseded(db) {
                    let applied = try migrator.appliedIdentifiers(db).sorted()
                    throw StoreError.incompatible(detail: "it has migrations this version does not know (\(applied))")
                }
            }
            try migrator.migrate(writer)
        } catch {
            throw StoreError(error)
        }
    }

    /// The setup every connection gets: durable commits, enforced foreign keys, a patient lock wait.
    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        return configuration
    }
}
