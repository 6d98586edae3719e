import Foundation
import GRDB
import Notebook

/// Pictures kept once by content hash, and which cells show them.
enum ImageRows {
    /// Stores each picture unless a row with its hash exists, and records that the cell shows it.
    static func keep(_ pictures: [PNGImage], notebook: String, cell: CellID, _ db: Database) throws {
        for picture in pictures {
            try db.execute(
                sql: "INSERT OR IGNORE INTO images (sha256, png, byte_size) VALUES (?, ?, ?)",
                arguments: [picture.sha256, Data(picture.bytes), picture.bytes.count])
            try db.execute(
                sql: "INSERT OR IGNORE INTO cell_images (notebook_id, cell_id, sha256) VALUES (?, ?, ?)",
                arguments: [notebook, cell.rawValue, picture.sha256])
        }
    }

    /// The bytes of every picture the notebook's cells show, by SHA-256.
    static func pictures(ofNotebook notebook: String, _ db: Database) throws -> [String: [UInt8]] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT sha256, png FROM images
                WHERE sha256 IN (SELECT sha256 FROM cell_images WHERE notebook_id = ?)
                """,
            arguments: [notebook])
        var pictures: [String: [UInt8]] = [:]
        for row in rows {
            let data: Data = try row.decode(forColumn: "png")
            pictures[try row.decode(forColumn: "sha256")] = [UInt8](data)
        }
        return pictures
    }

    /// The bytes of one picture, if stored.
    static func picture(_ sha256: String, _ db: Database) throws -> [UInt8]? {
        try Data.fetchOne(db, sql: "SELECT png FROM images WHERE sha256 = ?", arguments: [sha256]).map { [UInt8]($0) }
    }

    /// Deletes every picture no cell shows.
    static func collectGarbage(_ db: Database) throws -> GarbageReport {
        let unused = "FROM images WHERE sha256 NOT IN (SELECT sha256 FROM cell_images)"
        let row = try Row.fetchOne(db, sql: "SELECT count(*) AS images, coalesce(sum(byte_size), 0) AS bytes \(unused)")
        let images: Int = try row?.decode(forColumn: "images") ?? 0
        let bytes: Int = try row?.decode(forColumn: "bytes") ?? 0
        try db.execute(sql: "DELETE \(unused)")
        return GarbageReport(images: images, bytes: bytes)
    }
}
