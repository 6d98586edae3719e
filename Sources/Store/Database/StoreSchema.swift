import GRDB

/// The database schema, as named migrations applied in order and recorded in the file.
///
/// Migrations are never edited once released: a change is a new migration appended here.
enum StoreSchema {
    /// Every migration, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: version1)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: version2)
        }
        return migrator
    }

    /// Notebooks, their cells and the pictures their outputs show.
    ///
    /// - Dates are milliseconds since 1970 (the precision notebooks keep).
    /// - `cells.outputs` is nbformat output JSON in which each picture is `"image/png": "sha256:<hex>"`;
    ///   the bytes live once in `images`, and `cell_images` records which cell shows which picture, so a
    ///   picture in use can never be deleted (foreign key) and unused ones are found by an index.
    /// - `cells.position` is dense, 0 to n-1, and unique per notebook; edits shift positions through
    ///   negative values so the uniqueness constraint holds after every statement.
    static let version1 = """
        CREATE TABLE notebooks (
            id TEXT NOT NULL PRIMARY KEY,
            title TEXT NOT NULL,
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            revision INTEGER NOT NULL CHECK (revision >= 1),
            metadata TEXT NOT NULL CHECK (json_valid(metadata))
        ) STRICT;

        CREATE TABLE cells (
            notebook_id TEXT NOT NULL REFERENCES notebooks(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('code', 'markdown', 'raw')),
            source TEXT NOT NULL,
            tags TEXT NOT NULL CHECK (json_valid(tags)),
            execution_count INTEGER,
            outputs TEXT NOT NULL CHECK (json_valid(outputs)),
            started INTEGER,
            ended INTEGER,
            metadata TEXT NOT NULL CHECK (json_valid(metadata)),
            PRIMARY KEY (notebook_id, id),
            UNIQUE (notebook_id, position)
        ) STRICT;

        CREATE TABLE images (
            sha256 TEXT NOT NULL PRIMARY KEY CHECK (length(sha256) = 64),
            png BLOB NOT NULL,
            byte_size INTEGER NOT NULL CHECK (byte_size = length(png))
        ) STRICT;

        CREATE TABLE cell_images (
            notebook_id TEXT NOT NULL,
            cell_id TEXT NOT NULL,
            sha256 TEXT NOT NULL REFERENCES images(sha256),
            PRIMARY KEY (notebook_id, cell_id, sha256),
            FOREIGN KEY (notebook_id, cell_id) REFERENCES cells(notebook_id, id) ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;

        CREATE INDEX cell_images_by_image ON cell_images(sha256);
        """

    /// Share tokens: each grants read-only access to one notebook until revoked.
    ///
    /// A revoked token keeps its row (with the time it was revoked) so it is never handed out again;
    /// deleting the notebook deletes its tokens.
    static let version2 = """
        CREATE TABLE share_tokens (
            token TEXT NOT NULL PRIMARY KEY CHECK (length(token) = 32),
            notebook_id TEXT NOT NULL REFERENCES notebooks(id) ON DELETE CASCADE,
            created INTEGER NOT NULL,
            revoked INTEGER
        ) STRICT;

        CREATE INDEX share_tokens_by_notebook ON share_tokens(notebook_id);
        """
}
