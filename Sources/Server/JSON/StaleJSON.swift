import Notebook

/// Stale and superseded marks as the page reads them; the page turns them into words.
///
/// A mark is `{"state": "stale", "reason": "edited" | "session-ended"}`,
/// `{"state": "stale", "reason": "redefined", "name": "K", "by": cellId}` or
/// `{"state": "superseded", "names": ["K"], "by": [cellId, …]}`.
enum StaleJSON {
    /// One cell's mark.
    static func mark(_ mark: StaleTracker.Mark) -> JSONValue {
        switch mark {
        case .stale(.edited):
            JSONIO.object([("state", "stale"), ("reason", "edited")])
        case .stale(.sessionEnded):
            JSONIO.object([("state", "stale"), ("reason", "session-ended")])
        case .stale(.redefined(let name, let cell)):
            JSONIO.object([("state", "stale"), ("reason", "redefined"), ("name", .string(name)), ("by", .string(cell))])
        case .superseded(let names, let cells):
            JSONIO.object([
                ("state", "superseded"), ("names", .array(names.map { .string($0) })),
                ("by", .array(cells.map { .string($0) })),
            ])
        }
    }

    /// The payload of a `stale` event: `{cellIds, superseded, marks}`, ids in notebook order.
    static func event(_ marks: [String: StaleTracker.Mark], order: [String]) -> JSONValue {
        let marked = order.filter { marks[$0] != nil }
        let stale = marked.filter { marks[$0]?.isStale == true }
        let superseded = marked.filter { marks[$0]?.isSuperseded == true }
        return JSONIO.object([
            ("cellIds", .array(stale.map { .string($0) })),
            ("superseded", .array(superseded.map { .string($0) })),
            ("marks", JSONIO.object(marked.compactMap { id in marks[id].map { (id, mark($0)) } })),
        ])
    }
}
