import Notebook

extension KernelRequest {
    /// The request as one frame's payload (compact JSON).
    public var payload: [UInt8] {
        let fields: [(String, JSONValue)] =
            switch self {
            case .execute(let run, let cell):
                [
                    ("type", "execute"), ("run", .number(Double(run))), ("cellID", .string(cell.cellID)),
                    ("code", .string(cell.code)),
                ]
            case .interrupt(let run): [("type", "interrupt"), ("run", .number(Double(run)))]
            case .variables(let request): [("type", "variables"), ("request", .number(Double(request)))]
            case .variableHeatmap(let request, let name):
                [("type", "variableHeatmap"), ("request", .number(Double(request))), ("name", .string(name))]
            case .complete(let request, let code, let cursor):
                [
                    ("type", "complete"), ("request", .number(Double(request))), ("code", .string(code)),
                    ("cursor", .number(Double(cursor))),
                ]
            case .inspect(let request, let code, let cursor, let detailLevel):
                [
                    ("type", "inspect"), ("request", .number(Double(request))), ("code", .string(code)),
                    ("cursor", .number(Double(cursor))), ("detailLevel", .number(Double(detailLevel))),
                ]
            case .shutdown: [("type", "shutdown")]
            }
        return Array(JSONWriter.compact(.object(JSONObject(fields: fields))).utf8)
    }

    /// Decodes a frame's payload.
    public init(payload: [UInt8]) throws(KernelProtocolError) {
        let fields = try MessageFields(payload: payload)
        switch fields.type {
        case "execute":
            self = .execute(
                run: try fields.int("run"),
                CellRun(cellID: try fields.string("cellID"), code: try fields.string("code")))
        case "interrupt":
            self = .interrupt(run: try fields.int("run"))
        case "variables":
            self = .variables(request: try fields.int("request"))
        case "variableHeatmap":
            self = .variableHeatmap(request: try fields.int("request"), name: try fields.string("name"))
        case "complete":
            self = .complete(
                request: try fields.int("request"), code: try fields.string("code"), cursor: try fields.int("cursor"))
        case "inspect":
            self = .inspect(
                request: try fields.int("request"), code: try fields.string("code"), cursor: try fields.int("cursor"),
                detailLevel: try fields.int("detailLevel"))
        case "shutdown":
            self = .shutdown
        default:
            throw fields.unknownType()
        }
    }
}
