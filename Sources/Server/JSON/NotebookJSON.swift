import Foundation
import Notebook
import Store

/// Notebooks and cells as the web page reads them (`web/js/notebook-page.js`, `web/js/cell-view.js`).
enum NotebookJSON {
    /// ISO-8601 with milliseconds, in UTC.
    static func timestamp(_ date: Date) -> JSONValue {
        .string(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }

    /// One line of the notebook list.
    static func summary(_ summary: NotebookSummary) -> JSONValue {
        JSONIO.object([
            ("id", .string(summary.id)), ("title", .string(summary.title)), ("updated", timestamp(summary.updated)),
            ("cellCount", JSONIO.number(summary.cellCount)), ("revision", JSONIO.number(summary.revision)),
            ("example", summary.example.map(example) ?? .null),
        ])
    }

    /// An example notebook's place and book section: `{number, section, sectionTitle, url}`.
    static func example(_ example: ExampleInfo) -> JSONValue {
        JSONIO.object([
            ("number", JSONIO.number(example.number)), ("section", .string(example.section)),
            ("sectionTitle", .string(example.sectionTitle)), ("url", example.url.map { .string($0) } ?? .null),
        ])
    }

    /// A whole notebook, with each cell's status and staleness from the coordinator.
    static func notebook(_ outline: NotebookOutline, coordinator: ExecutionCoordinator) async -> JSONValue {
        let states = coordinator.cellStates(outline)
        let presentation = await coordinator.presentation(notebookID: outline.summary.id, cells: states)
        let names = Dictionary(uniqueKeysWithValues: states.map { ($0.id, $0) })
        let cells = outline.cells.map { cell in
            self.cell(
                cell, status: presentation.status[cell.id.rawValue] ?? "idle",
                mark: presentation.marks[cell.id.rawValue], names: names[cell.id.rawValue])
        }
        return JSONIO.object([
            ("id", .string(outline.summary.id)), ("title", .string(outline.summary.title)),
            ("revision", JSONIO.number(outline.summary.revision)), ("updated", timestamp(outline.summary.updated)),
            ("cells", .array(cells)),
        ])
    }

    /// One cell; `stale` and `superseded` say whether `mark` is one or the other.
    static func cell(
        _ cell: NotebookOutline.CellOutline, status: String, mark: StaleTracker.Mark?, names: StaleTracker.CellState?
    ) -> JSONValue {
        JSONIO.object([
            ("id", .string(cell.id.rawValue)), ("type", .string(cell.kind.rawValue)), ("source", .string(cell.source)),
            ("tags", .array(cell.tags.map { .string($0) })),
            ("executionCount", cell.executionCount.map(JSONIO.number) ?? .null),
            ("outputs", .array(OutputJSON.outputs(fromStoredJSON: cell.outputsJSON))),
            ("status", .string(status)), ("stale", .bool(mark?.isStale == true)),
            ("superseded", .bool(mark?.isSuperseded == true)), ("mark", mark.map(StaleJSON.mark) ?? .null),
            ("defines", .array((names?.defines.sorted() ?? []).map { .string($0) })),
            ("uses", .array((names?.uses.sorted() ?? []).map { .string($0) })),
        ])
    }

    /// A freshly inserted cell (never run, so idle and not stale).
    static func newCell(_ cell: Cell, names: NameCache) -> JSONValue {
        let analysis = cell.kind == .code ? names.names(of: cell.source) : nil
        return JSONIO.object([
            ("id", .string(cell.id.rawValue)), ("type", .string(cell.kind.rawValue)), ("source", .string(cell.source)),
            ("tags", .array(cell.tags.map { .string($0) })), ("executionCount", .null), ("outputs", .array([])),
            ("status", "idle"), ("stale", false), ("superseded", false), ("mark", .null),
            ("defines", .array((analysis?.defines.sorted() ?? []).map { .string($0) })),
            ("uses", .array((analysis?.uses.sorted() ?? []).map { .string($0) })),
        ])
    }
}
