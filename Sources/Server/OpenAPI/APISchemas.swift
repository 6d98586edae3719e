import Notebook

/// The JSON Schemas of the API's request and response bodies, the `components.schemas` of `/api/openapi.json`.
///
/// Each response schema names every member its encoder writes (`NotebookJSON`, `OutputJSON`, `StaleJSON`,
/// the routes' payloads) as required and refuses others (`additionalProperties: false`), so a member added
/// to an encoder and not here, or described here and no longer written, fails: every response the server's
/// tests receive is validated against this document (`SchemaCheckingClient`), and `make test-api` runs
/// schemathesis against a live server. Request schemas describe what the routes accept, nulls included
/// (an optional member may be `null`), and allow members the routes ignore.
enum APISchemas {
    /// `{"$ref": "#/components/schemas/name"}`.
    static func ref(_ name: String) -> JSONValue { JSONIO.object([("$ref", .string("#/components/schemas/\(name)"))]) }

    static let string = JSONIO.object([("type", "string")])
    static let integer = JSONIO.object([("type", "integer")])
    static let boolean = JSONIO.object([("type", "boolean")])
    static let timestamp = JSONIO.object([("type", "string"), ("format", "date-time")])
    static let strings = array(string)

    /// A value of one JSON type or `null`.
    static func orNull(_ type: String) -> JSONValue { JSONIO.object([("type", [.string(type), "null"])]) }

    /// `schema` or `null`.
    static func orNull(_ schema: JSONValue) -> JSONValue {
        JSONIO.object([("anyOf", [schema, JSONIO.object([("type", "null")])])])
    }

    static func array(_ items: JSONValue) -> JSONValue { JSONIO.object([("type", "array"), ("items", items)]) }

    static func constant(_ text: String) -> JSONValue { JSONIO.object([("const", .string(text))]) }

    static func oneOf(_ texts: [String]) -> JSONValue {
        JSONIO.object([("type", "string"), ("enum", .array(texts.map { .string($0) }))])
    }

    /// A response object: exactly these members (`optional` may be missing), no others.
    static func closed(_ required: [(String, JSONValue)], optional: [(String, JSONValue)] = []) -> JSONValue {
        JSONIO.object([
            ("type", "object"), ("required", .array(required.map { .string($0.0) })),
            ("properties", JSONIO.object(required + optional)), ("additionalProperties", false),
        ])
    }

    /// A request object: these members, `required` ones present; members the route ignores are allowed.
    static func request(_ required: [(String, JSONValue)], optional: [(String, JSONValue)] = []) -> JSONValue {
        JSONIO.object([
            ("type", "object"), ("required", .array(required.map { .string($0.0) })),
            ("properties", JSONIO.object(required + optional)),
        ])
    }

    static let cellKind = oneOf(Cell.Kind.allCases.map(\.rawValue))
    /// A title the store accepts: not only whitespace.
    static let title = JSONIO.object([("type", "string"), ("pattern", "\\S")])
    /// Tags as nbformat allows them: non-empty, no comma, each once.
    static let tags = JSONIO.object([
        ("type", "array"), ("uniqueItems", true),
        ("items", JSONIO.object([("type", "string"), ("pattern", "^[^,]+$")])),
    ])
    /// A position or a revision.
    static let count = JSONIO.object([("type", "integer"), ("minimum", 0)])

    /// Every schema, by name.
    static let all: [(String, JSONValue)] = [
        ("Error", closed([("error", string)], optional: [("revision", integer)])),
        ("Health", closed([("status", constant("ok")), ("version", string)])),
        (
            "Format",
            closed([
                ("name", string), ("title", string), ("extensions", strings), ("mediaType", string),
                ("readable", boolean),
            ])
        ),
        ("Formats", array(ref("Format"))),
        (
            "Example",
            closed([("number", integer), ("section", string), ("sectionTitle", string), ("url", orNull("string"))])
        ),
        (
            "NotebookSummary",
            closed([
                ("id", string), ("title", string), ("updated", timestamp), ("cellCount", integer),
                ("revision", integer), ("example", orNull(ref("Example"))),
            ])
        ),
        ("NotebookList", array(ref("NotebookSummary"))),
        (
            "Notebook",
            closed(
                [
                    ("id", string), ("title", string), ("revision", integer), ("updated", timestamp),
                    ("cells", array(ref("Cell"))),
                ], optional: [("notes", strings)])
        ),
        (
            "Cell",
            closed([
                ("id", string), ("type", cellKind), ("source", string), ("tags", strings),
                ("executionCount", orNull("integer")), ("outputs", array(ref("Output"))), ("status", string),
                ("stale", boolean), ("superseded", boolean), ("mark", orNull(ref("Mark"))), ("defines", strings),
                ("uses", strings),
            ])
        ),
        (
            "Mark",
            JSONIO.object([
                (
                    "oneOf",
                    [
                        closed([("state", constant("stale")), ("reason", oneOf(["edited", "session-ended"]))]),
                        closed([
                            ("state", constant("stale")), ("reason", constant("redefined")), ("name", string),
                            ("by", string),
                        ]),
                        closed([("state", constant("superseded")), ("names", strings), ("by", strings)]),
                    ]
                )
            ])
        ),
        (
            "Output",
            JSONIO.object([
                (
                    "oneOf",
                    [
                        closed([("type", constant("stream")), ("name", string), ("text", string)]),
                        closed(
                            [
                                ("type", constant("image")), ("sha256", string), ("width", orNull("integer")),
                                ("height", orNull("integer")), ("url", string), ("text", string),
                            ], optional: [("displayId", string)]),
                        closed(
                            [("type", constant("result")), ("text", string), ("executionCount", orNull("integer"))],
                            optional: [("displayId", string)]),
                        closed([
                            ("type", constant("error")), ("name", string), ("message", string),
                            ("traceback", strings), ("line", orNull("integer")), ("column", orNull("integer")),
                            ("endLine", orNull("integer")), ("endColumn", orNull("integer")),
                        ]),
                    ]
                )
            ])
        ),
        ("Revision", closed([("revision", integer)])),
        ("InsertedCell", closed([("cell", ref("Cell")), ("revision", integer)])),
        ("Queued", closed([("queued", strings)])),
        (
            "Unrepeatable",
            closed([
                ("queued", JSONIO.object([("type", "array"), ("maxItems", 0)])),
                ("unrepeatable", array(closed([("cellId", string), ("names", strings)]))), ("planned", strings),
            ])
        ),
        ("Empty", closed([])),
        (
            "Variables",
            closed([
                (
                    "variables",
                    array(
                        closed([
                            ("name", string), ("type", string),
                            ("shape", orNull(array(JSONIO.object([("type", "integer"), ("minimum", 0)])))),
                            ("dtype", orNull("string")), ("summary", string),
                        ]))
                ), ("asOf", orNull("integer")), ("busy", boolean),
            ])
        ),
        ("ShareLink", closed([("token", string), ("url", string)])),
        ("Shares", array(closed([("token", string), ("created", timestamp)]))),
        ("OpenAPI", JSONIO.object([("type", "object"), ("required", ["openapi", "paths"])])),
        // Requests.
        ("NewNotebook", request([], optional: [("title", orNull(title))])),
        ("Rename", request([("title", title), ("revision", count)])),
        (
            "NewCell",
            request(
                [("index", count), ("revision", count)],
                optional: [("type", orNull(cellKind)), ("source", orNull("string")), ("tags", orNull(tags))])
        ),
        (
            "CellChange",
            request(
                [("revision", count)],
                optional: [("source", orNull("string")), ("type", orNull(cellKind)), ("tags", orNull(tags))])
        ),
        ("Move", request([("index", count), ("revision", count)])),
        (
            "Run",
            request(
                [],
                optional: [
                    ("mode", orNull(oneOf(["cell", "all", "from", "stale", "cells"]))), ("cellId", orNull("string")),
                    ("cellIds", orNull(strings)), ("stopOnError", orNull("boolean")),
                    ("unrepeatable", orNull(oneOf(["ask", "run", "skip"]))),
                ])
        ),
    ]
}
