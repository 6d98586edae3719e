import Foundation
import GRDB
import Notebook

extension NotebookStore {
    /// Makes a new share token for a notebook (`StoreError.notFound` if there is none).
    public func createShare(notebook id: String) async throws(StoreError) -> ShareToken {
        try await write { db, now in
            guard try NotebookRows.exists(id, db) else { throw StoreError.notFound(notebook: id) }
            var token = ShareToken.freshText()
            while try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM share_tokens WHERE token = ?)", arguments: [token]) ?? false
            {
                token = ShareToken.freshText()
            }
            try db.execute(
                sql: "INSERT INTO share_tokens (token, notebook_id, created) VALUES (?, ?, ?)",
                arguments: [token, id, now.storedMilliseconds])
            return ShareToken(token: token, notebookID: id, created: now)
        }
    }

    /// The notebook's tokens that are not revoked, oldest first (`StoreError.notFound` if no notebook).
    public func shares(notebook id: String) async throws(StoreError) -> [ShareToken] {
        try await read { db in
            guard try NotebookRows.exists(id, db) else { throw StoreError.notFound(notebook: id) }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT token, created FROM share_tokens WHERE notebook_id = ? AND revoked IS NULL
                    ORDER BY created, token
                    """,
                arguments: [id])
            return rows.map { row in
                ShareToken(token: row["token"], notebookID: id, created: Date(storedMilliseconds: row["created"]))
            }
        }
    }

    /// Revokes a token. Returns `false` if no such token was active (unknown or already revoked).
    @discardableResult
    public func revokeShare(token: String) async throws(StoreError) -> Bool {
        guard ShareToken.isWellFormed(token) else { return false }
        return try await write { db, now in
            try db.execute(
                sql: "UPDATE share_tokens SET revoked = ? WHERE token = ? AND revoked IS NULL",
                arguments: [now.storedMilliseconds, token])
            return db.changesCount > 0
        }
    }

    /// The id of the notebook an active token shows, or `nil` for an unknown or revoked token.
    public func sharedNotebookID(token: String) async throws(StoreError) -> String? {
        guard ShareToken.isWellFormed(token) else { return nil }
        return try await read { db in
            try String.fetchOne(
                db, sql: "SELECT notebook_id FROM share_tokens WHERE token = ? AND revoked IS NULL", arguments: [token])
        }
    }
}
