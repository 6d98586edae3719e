import Foundation
import Notebook

import struct Lang.CompletionMatches
import struct Lang.Inspection
import struct Lang.SessionVariable

extension KernelMessage {
    /// The message as one frame's payload (compact JSON; outputs in nbformat form, pictures inline base64).
    public var payload: [UInt8] {
        let fields: [(String, JSONValue)] =
            switch self {
            case .ready(let processID): [("type", "ready"), ("pid", .number(Double(processID)))]
            case .started(let run, let cellID, let executionCount):
                [
                    ("type", "started"), ("run", .number(Double(run))), ("cellID", .string(cellID)),
                    ("executionCount", .number(Double(executionCount))),
                ]
            case .output(let run, let output):
                [("type", "output"), ("run", .number(Double(run))), ("output", IPYNBCodec.outputValue(output))]
            case .change(let run, let change):
                [("type", "change"), ("run", .number(Double(run))), ("change", Self.json(change))]
            case .finished(let run, let status, let elapsed):
                [
                    ("type", "finished"), ("run", .number(Double(run))), ("status", .string(status.rawValue)),
                    ("elapsed", .number(elapsed)),
                ]
            case .variables(let request, let variables, let asOf):
                [
                    ("type", "variables"), ("request", .number(Double(request))),
                    ("variables", .array(variables.map(Self.json))),
                ] + (asOf.map { [("asOf", .number(Double($0)))] } ?? [])
            case .heatmap(let request, let png):
                [
                    ("type", "heatmap"), ("request", .number(Double(request))),
                    ("png", png.map { .string(Data($0).base64EncodedString()) } ?? .null),
                ]
            case .completions(let request, let completions):
                [
                    ("type", "completions"), ("request", .number(Double(request))),
                    ("matches", .array(completions.matches.map(JSONValue.string))),
                    ("start", .number(Double(completions.cursorStart))),
                    ("end", .number(Double(completions.cursorEnd))),
                ]
            case .inspection(let request, let inspection):
                [
                    ("type", "inspection"), ("request", .number(Double(request))),
                    ("name", inspection.map { .string($0.name) } ?? .null),
                    ("text", inspection.map { .string($0.text) } ?? .null),
                ]
            case .failure(let request, let message):
                [("type", "failure"), ("request", .number(Double(request))), ("message", .string(message))]
            case .protocolError(let message): [("type", "protocolError"), ("message", .string(message))]
            }
        return Array(JSONWriter.compact(.object(JSONObject(fields: fields))).utf8)
    }

    /// Decodes a frame's payload.
    public init(payload: [UInt8]) throws(KernelProtocolError) {
        let fields = try MessageFields(payload: payload)
        switch fields.type {
        case "ready":
            guard let pid = Int32(exactly: try fields.int("pid")) else {
                throw KernelProtocolError(.invalidMessage, "message 'ready' has an impossible pid")
            }
            self = .ready(processID: pid)
        case "started":
            self = .started(
                run: try fields.int("run"), cellID: try fields.string("cellID"),
                executionCount: try fields.int("executionCount"))
        case "output":
            let value = try fields.value("output")
            let output: CellOutput
            do {
                output = try IPYNBCodec.output(fromValue: value, source: "kernel output")
            } catch {
                throw KernelProtocolError(.invalidMessage, "message 'output' has an invalid output: \(error.message)")
            }
            self = .output(run: try fields.int("run"), output)
        case "change":
            self = .change(run: try fields.int("run"), try Self.change(from: try fields.value("change")))
        case "finished":
            guard let status = CellRunStatus(rawValue: try fields.string("status")) else {
                throw KernelProtocolError(.invalidMessage, "message 'finished' has an unknown status")
            }
            self = .finished(
                run: try fields.int("run"), status: status, elapsedMilliseconds: try fields.double("elapsed"))
        case "variables":
            guard let list = try fields.value("variables").arrayValue else {
                throw KernelProtocolError(.invalidMessage, "message 'variables' needs a list 'variables'")
            }
            var variables: [SessionVariable] = []
            for value in list { variables.append(try Self.variable(from: value)) }
            let asOf = fields.object["asOf"] == nil ? nil : try fields.int("asOf")
            self = .variables(request: try fields.int("request"), variables, asOf: asOf)
        case "heatmap":
            let png: [UInt8]?
            switch try fields.value("png") {
            case .null: png = nil
            case .string(let text):
                guard let data = Data(base64Encoded: text) else {
                    throw KernelProtocolError(.invalidMessage, "message 'heatmap' has a 'png' that is not base64")
                }
                png = Array(data)
            default:
                throw KernelProtocolError(.invalidMessage, "message 'heatmap' needs 'png' to be a string or null")
            }
            self = .heatmap(request: try fields.int("request"), png: png)
        case "completions":
            guard let list = try fields.value("matches").arrayValue else {
                throw KernelProtocolError(.invalidMessage, "message 'completions' needs a list 'matches'")
            }
            var matches: [String] = []
            for item in list {
                guard let match = item.stringValue else {
                    throw KernelProtocolError(.invalidMessage, "message 'completions' has a match that is not a string")
                }
                matches.append(match)
            }
            self = .completions(
                request: try fields.int("request"),
                CompletionMatches(
                    matches: matches, cursorStart: try fields.int("start"), cursorEnd: try fields.int("end")))
        case "inspection":
            let inspection: Inspection?
            switch (try fields.value("name"), try fields.value("text")) {
            case (.null, .null): inspection = nil
            case (.string(let name), .string(let text)): inspection = Inspection(name: name, text: text)
            default:
                throw KernelProtocolError(
                    .invalidMessage, "message 'inspection' needs 'name' and 'text' strings or nulls")
            }
            self = .inspection(request: try fields.int("request"), inspection)
        case "failure":
            self = .failure(request: try fields.int("request"), message: try fields.string("message"))
        case "protocolError":
            self = .protocolError(message: try fields.string("message"))
        default:
            throw fields.unknownType()
        }
    }

    /// `{"kind": "clear", "wait": true}` or `{"kind": "update", "id": "…", "output": {display_data}}`.
    private static func json(_ change: OutputChange) -> JSONValue {
        switch change {
        case .clear(let wait): ["kind": "clear", "wait": .bool(wait)]
        case .update(let id, let output):
            ["kind": "update", "id": .string(id), "output": IPYNBCodec.outputValue(output)]
        }
    }

    private static func change(from value: JSONValue) throws(KernelProtocolError) -> OutputChange {
        let invalid = KernelProtocolError(.invalidMessage, "message 'change' has an invalid change")
        guard let object = value.objectValue, let kind = object["kind"]?.stringValue else { throw invalid }
        switch kind {
        case "clear":
            guard case .bool(let wait)? = object["wait"] else { throw invalid }
            return .clear(wait: wait)
        case "update":
            guard let id = object["id"]?.stringValue, let outputValue = object["output"] else { throw invalid }
            do {
                return .update(id: id, try IPYNBCodec.output(fromValue: outputValue, source: "kernel output"))
            } catch {
                throw KernelProtocolError(.invalidMessage, "message 'change' has an invalid output: \(error.message)")
            }
        default:
            throw invalid
        }
    }

    private static func json(_ variable: SessionVariable) -> JSONValue {
        var fields: [(String, JSONValue)] = [("name", .string(variable.name)), ("type", .string(variable.typeName))]
        fields.append(("shape", variable.shape.map { .array($0.map { .number(Double($0)) }) } ?? .null))
        fields.append(("dtype", variable.dtype.map(JSONValue.string) ?? .null))
        fields.append(("summary", .string(variable.summary)))
        return .object(JSONObject(fields: fields))
    }

    private static func variable(from value: JSONValue) throws(KernelProtocolError) -> SessionVariable {
        let invalid = KernelProtocolError(.invalidMessage, "message 'variables' has an invalid variable")
        guard let object = value.objectValue, let name = object["name"]?.stringValue,
            let type = object["type"]?.stringValue, let summary = object["summary"]?.stringValue
        else { throw invalid }
        var shape: [Int]?
        switch object["shape"] {
        case .none, .null?: shape = nil
        case .array(let items)?:
            shape = []
            for item in items {
                guard case .number(let number) = item, let size = Int(exactly: number) else { throw invalid }
                shape?.append(size)
            }
        default: throw invalid
        }
        return SessionVariable(
            name: name, typeName: type, shape: shape, dtype: object["dtype"]?.stringValue, summary: summary)
    }
}
