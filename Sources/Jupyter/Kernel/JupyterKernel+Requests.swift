import Kernel
import Lang
import Notebook

extension JupyterKernel {
    /// The reply type and content for a request other than execute, interrupt and shutdown; `nil` for
    /// messages that get no reply (comm messages, unknown types).
    func answer(_ request: JupyterMessage) async -> (String, JSONObject)? {
        let content = request.content
        switch request.type {
        case "kernel_info_request":
            return ("kernel_info_reply", KernelInfo.content(version: options.version))
        case "is_complete_request":
            return ("is_complete_reply", Self.completeness(content["code"]?.stringValue ?? ""))
        case "complete_request":
            return ("complete_reply", await complete(content))
        case "inspect_request":
            return ("inspect_reply", await inspect(content))
        case "history_request":
            return ("history_reply", historyReply(content))
        case "comm_info_request":
            return ("comm_info_reply", ["status": "ok", "comms": [:]])
        case "connect_request":
            return ("connect_reply", ["status": "ok"])
        default:
            return nil
        }
    }

    static func completeness(_ code: String) -> JSONObject {
        switch InputCompleteness.of(code) {
        case .complete: ["status": "complete"]
        case .incomplete(let indent): ["status": "incomplete", "indent": .string(indent)]
        case .invalid: ["status": "invalid"]
        }
    }

    private func complete(_ content: JSONObject) async -> JSONObject {
        let code = content["code"]?.stringValue ?? ""
        let cursor = content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
        let found = try? await manager.complete(notebookID: Self.notebookID, code: code, cursor: cursor)
        let matches = found ?? CompletionMatches(matches: [], cursorStart: cursor, cursorEnd: cursor)
        return [
            "status": "ok", "matches": .array(matches.matches.map(JSONValue.string)),
            "cursor_start": .number(Double(matches.cursorStart)), "cursor_end": .number(Double(matches.cursorEnd)),
            "metadata": [:],
        ]
    }

    private func inspect(_ content: JSONObject) async -> JSONObject {
        let code = content["code"]?.stringValue ?? ""
        let cursor = content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
        let detail = content["detail_level"]?.intValue ?? 0
        let found = try? await manager.inspect(
            notebookID: Self.notebookID, code: code, cursor: cursor, detailLevel: detail)
        guard let inspection = found ?? nil else {
            return ["status": "ok", "found": false, "data": [:], "metadata": [:]]
        }
        return [
            "status": "ok", "found": true, "data": ["text/plain": .string(inspection.text)], "metadata": [:],
        ]
    }

    private func historyReply(_ content: JSONObject) -> JSONObject {
        let withOutput = Self.flag(content["output"], default: false)
        let entries: [ExecutionHistory.Entry]
        switch content["hist_access_type"]?.stringValue ?? "tail" {
        case "range":
            entries = history.range(
                session: content["session"]?.intValue ?? 0, start: content["start"]?.intValue ?? 1,
                stop: content["stop"]?.intValue ?? 0)
        case "search":
            entries = history.search(
                pattern: content["pattern"]?.stringValue ?? "*", count: content["n"]?.intValue,
                unique: Self.flag(content["unique"], default: false))
        default:
            entries = history.tail(content["n"]?.intValue ?? 10)
        }
        let items: [JSONValue] = entries.map { entry in
            let input: JSONValue = .string(entry.input)
            let value: JSONValue = withOutput ? [input, entry.output.map(JSONValue.string) ?? .null] : input
            return [.number(Double(ExecutionHistory.session)), .number(Double(entry.line)), value]
        }
        return ["status": "ok", "history": .array(items)]
    }
}
