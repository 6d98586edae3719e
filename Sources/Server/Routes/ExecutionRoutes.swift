import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import Notebook
import Store

import struct Lang.SessionVariable

/// Running cells, interrupting, restarting, the event stream and the variables panel.
enum ExecutionRoutes {
    static func register(
        on router: Router<BasicRequestContext>, services: ServerServices, executor: any CellExecutor
    ) {
        let store = services.store
        let coordinator = services.coordinator
        let limit = services.configuration.maxJSONBodyBytes

        router.post("/api/notebooks/{id}/run") { request, context -> Response in
            let id = try context.parameters.require("id")
            let body = try await JSONIO.bodyObject(request, limit: limit)
            let mode = try body.optionalString("mode") ?? "cell"
            let cellID = try body.optionalString("cellId")
            let cellIDs = try body.optionalStrings("cellIds")
            // Several cells run as one run that stops at the first failure unless told otherwise.
            let stopOnError = try body.optionalBool("stopOnError") ?? true
            let unrepeatable = try UnrepeatableChoice(body.optionalString("unrepeatable"))
            let outline = try await services.storeCall { () async throws(StoreError) in try await store.outline(id: id)
            }
            let selection = try await selectCells(
                outline, mode: mode, cellID: cellID, cellIDs: cellIDs, unrepeatable: unrepeatable,
                coordinator: coordinator)
            if !selection.asking.isEmpty {
                // "Run stale" never re-runs a cell that is not repeatable without asking: nothing is queued,
                // and the page asks and sends its answer as `unrepeatable`.
                let asking = selection.asking.map { cell in
                    JSONIO.object([("cellId", .string(cell.cellID)), ("names", .array(cell.names.map { .string($0) }))])
                }
                return JSONIO.response(
                    JSONIO.object([
                        ("queued", .array([])), ("unrepeatable", .array(asking)),
                        ("planned", .array(selection.cells.map { .string($0.id) })),
                    ]))
            }
            let cells = selection.cells
            let queued = await coordinator.enqueue(
                notebookID: id, cells: cells, stopsOnError: mode != "cell" && stopOnError)
            return JSONIO.response(JSONIO.object([("queued", .array(queued.map { .string($0) }))]), status: .accepted)
        }

        router.post("/api/notebooks/{id}/interrupt") { _, context -> Response in
            let id = try await existing(context, services)
            await coordinator.interrupt(notebookID: id)
            return JSONIO.response(JSONIO.object([]), status: .accepted)
        }

        router.post("/api/notebooks/{id}/restart") { _, context -> Response in
            let id = try await existing(context, services)
            await coordinator.restart(notebookID: id)
            return JSONIO.response(JSONIO.object([]), status: .accepted)
        }

        router.get("/api/notebooks/{id}/events") { _, context -> Response in
            let id = try await existing(context, services)
            let events = await coordinator.subscribe(notebookID: id)
            return eventStream(events)
        }

        router.get("/api/notebooks/{id}/variables") { _, context -> Response in
            let id = try await existing(context, services)
            let variables: SessionVariables
            var busy = false
            do {
                variables = try await executor.sessionVariables(notebookID: id)
            } catch KernelError.busy {
                // A cell runs and the kernel has no copy yet (it keeps one from the end of that cell on).
                (variables, busy) = (SessionVariables([]), true)
            } catch {
                throw APIError(.serviceUnavailable, "the kernel did not answer: \(error)")
            }
            // `asOf`: a cell is running, and these are the variables after the cell In [asOf] finished.
            return JSONIO.response(
                JSONIO.object([
                    ("variables", .array(variables.variables.map(variableJSON))),
                    ("asOf", variables.asOf.map(JSONIO.number) ?? .null), ("busy", .bool(busy)),
                ]))
        }

        router.get("/api/notebooks/{id}/variables/{name}/heatmap.png") { _, context -> Response in
            let id = try await existing(context, services)
            let name = try context.parameters.require("name")
            let png: [UInt8]?
            do {
                png = try await executor.variableHeatmap(notebookID: id, name: name)
            } catch {
                throw APIError(.serviceUnavailable, "the kernel did not answer: \(error)")
            }
            guard let png else { throw APIError.notFound("no tensor variable with that name") }
            return Response(
                status: .ok, headers: [.contentType: "image/png", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: png)))
        }
    }

    /// The id of a notebook that exists, or 404.
    static func existing(_ context: BasicRequestContext, _ services: ServerServices) async throws -> String {
        let id = try context.parameters.require("id")
        _ = try await services.storeCall { () async throws(StoreError) in try await services.store.summary(id: id) }
        return id
    }

    /// What "Run stale" does with cells that are not repeatable (`unrepeatable` in the request).
    enum UnrepeatableChoice: String {
        /// Queue nothing and name them (the default).
        case ask
        /// Run them with the others.
        case run
        /// Run the others only.
        case skip

        init(_ text: String?) throws {
            guard let choice = UnrepeatableChoice(rawValue: text ?? "ask") else {
                throw APIError.badRequest("'unrepeatable' must be ask, run or skip")
            }
            self = choice
        }
    }

    /// The cells a run request selects, and the cells not repeatable that must be asked about first.
    struct Selection {
        var cells: [NotebookRunState.QueuedCell]
        var asking: [StaleTracker.RerunPlan.Unrepeatable] = []
    }

    /// The code cells a run request names, in notebook order: one cell, all, from a cell on, the stale
    /// ones (with the cells their runs would make stale: `StaleTracker.rerunPlan`), or those listed in
    /// `cellIDs` (mode `cells`, as "run the rest anyway" sends).
    static func selectCells(
        _ outline: NotebookOutline, mode: String, cellID: String?, cellIDs: [String]? = nil,
        unrepeatable: UnrepeatableChoice = .ask, coordinator: ExecutionCoordinator
    ) async throws -> Selection {
        let code = outline.cells.filter { $0.kind == .code }
        func position(of id: String?) throws -> Int {
            guard let id else { throw APIError.badRequest("'cellId' is missing for mode '\(mode)'") }
            guard let index = code.firstIndex(where: { $0.id.rawValue == id }) else {
                if outline.cells.contains(where: { $0.id.rawValue == id }) { return -1 }
                throw APIError.notFound("notebook '\(outline.summary.id)' has no cell with id '\(id)'")
            }
            return index
        }
        let chosen: [NotebookOutline.CellOutline]
        switch mode {
        case "cell":
            let index = try position(of: cellID)
            chosen = index < 0 ? [] : [code[index]]
        case "all":
            chosen = code
        case "from":
            let id = cellID
            guard let id else { throw APIError.badRequest("'cellId' is missing for mode 'from'") }
            guard let start = outline.cells.firstIndex(where: { $0.id.rawValue == id }) else {
                throw APIError.notFound("notebook '\(outline.summary.id)' has no cell with id '\(id)'")
            }
            chosen = outline.cells[start...].filter { $0.kind == .code }
        case "stale":
            let plan = await coordinator.rerunPlan(
                notebookID: outline.summary.id, cells: coordinator.cellStates(outline))
            var planned = Set(plan.cells)
            switch unrepeatable {
            case .ask where !plan.unrepeatable.isEmpty:
                let cells = code.filter { planned.contains($0.id.rawValue) }
                return Selection(cells: cells.map(queued), asking: plan.unrepeatable)
            case .skip:
                planned.subtract(plan.unrepeatable.map(\.cellID))
            case .ask, .run:
                break
            }
            chosen = code.filter { planned.contains($0.id.rawValue) }
        case "cells":
            guard let cellIDs else { throw APIError.badRequest("'cellIds' is missing for mode 'cells'") }
            let known = Set(outline.cells.map(\.id.rawValue))
            if let unknown = cellIDs.first(where: { !known.contains($0) }) {
                throw APIError.notFound("notebook '\(outline.summary.id)' has no cell with id '\(unknown)'")
            }
            let wanted = Set(cellIDs)
            chosen = code.filter { wanted.contains($0.id.rawValue) }
        default:
            throw APIError.badRequest("'mode' must be cell, all, from, stale or cells")
        }
        return Selection(cells: chosen.map(queued))
    }

    private static func queued(_ cell: NotebookOutline.CellOutline) -> NotebookRunState.QueuedCell {
        NotebookRunState.QueuedCell(cell: CellRun(cellID: cell.id.rawValue, code: cell.source))
    }

    /// An SSE response over the coordinator's event bytes.
    static func eventStream(_ body: AsyncStream<ByteBuffer>) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
                HTTPField.Name("X-Accel-Buffering")!: "no",
            ],
            body: ResponseBody(asyncSequence: body))
    }

    static func variableJSON(_ variable: SessionVariable) -> JSONValue {
        JSONIO.object([
            ("name", .string(variable.name)), ("type", .string(variable.typeName)),
            ("shape", variable.shape.map { .array($0.map(JSONIO.number)) } ?? .null),
            ("dtype", variable.dtype.map { .string($0) } ?? .null), ("summary", .string(variable.summary)),
        ])
    }
}
