import Foundation
import GRDB

/// The free text columns (`notebooks.title`, `cells.source`), written and read with their length so a
/// NUL character (U+0000) is kept like any other.
///
/// GRDB binds a Swift `String` as a C string (`sqlite3_bind_text(…, -1, …)`) and reads one back with
/// `String(cString:)`; both stop at the first NUL, so `"a\u{0}b"` was acknowledged and stored as `"a"`.
/// Jupyter keeps such text (nbformat JSON writes it as `\u0000`), so the store does too: the UTF-8
/// bytes are bound as a blob and cast to `TEXT` in SQL (`CAST(? AS TEXT)`, the same bytes, now text),
/// and read back as `CAST(column AS BLOB)`. The JSON columns need none of this: their text escapes
/// NUL as `\u0000`.
///
/// ```swift
/// try db.execute(
///     sql: "UPDATE notebooks SET title = \(StoredText.parameter) WHERE id = ?",
///     arguments: [StoredText.argument(title), id])
/// let title = try StoredText.string(row, "title")   // from `SELECT \(StoredText.column("title")) …`
/// ```
enum StoredText {
    /// The SQL placeholder of a text argument: `CAST(? AS TEXT)`.
    static let parameter = "CAST(? AS TEXT)"

    /// The argument for `parameter`: the text's UTF-8 bytes.
    static func argument(_ text: String) -> Data {
        Data(text.utf8)
    }

    /// The select-list expression reading `column` whole: `CAST(column AS BLOB) AS column`
    /// (`prefix` names the table, as in `n.title`).
    static func column(_ column: String, prefix: String = "") -> String {
        "CAST(\(prefix)\(column) AS BLOB) AS \(column)"
    }

    /// The text of a column selected with `column(_:)`.
    static func string(_ row: Row, _ column: String) throws -> String {
        let bytes: Data = try row.decode(forColumn: column)
        return String(decoding: bytes, as: UTF8.self)
    }
}
