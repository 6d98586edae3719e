import Notebook

/// The JSON text kept in `metadata` and `tags` columns.
enum StoredJSON {
    /// Why stored JSON could not be read back.
    struct Damage: Error, CustomStringConvertible {
        var description: String
    }

    /// Compact text of a list of tags.
    static func text(ofTags tags: [String]) -> String {
        JSONWriter.compact(.array(tags.map { .string($0) }))
    }

    /// Compact text of an object.
    static func text(of object: JSONObject) -> String {
        JSONWriter.compact(.object(object))
    }

    /// An object from stored text.
    static func object(from text: String) throws(Damage) -> JSONObject {
        guard let object = try parse(text).objectValue else { throw Damage(description: "metadata is not an object") }
        return object
    }

    /// A list of tags from stored text.
    static func tags(from text: String) throws(Damage) -> [String] {
        guard let list = try parse(text).arrayValue else { throw Damage(description: "tags are not a list") }
        var tags: [String] = []
        for value in list {
            guard let tag = value.stringValue else { throw Damage(description: "a tag is not a string") }
            tags.append(tag)
        }
        return tags
    }

    private static func parse(_ text: String) throws(Damage) -> JSONValue {
        do {
            return try JSONParser.parse(Array(text.utf8))
        } catch {
            throw Damage(description: "stored JSON does not parse: \(error.message)")
        }
    }
}
