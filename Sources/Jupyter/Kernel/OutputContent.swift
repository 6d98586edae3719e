import Foundation
import Notebook

/// Cell outputs as iopub messages: the message type and its content.
enum OutputContent {
    /// `stream`, `execute_result` (with the Jupyter execution count), `display_data` (with its display id in
    /// `transient` when it has one, so a later `update_display_data` redraws it) or `error`.
    static func message(for output: CellOutput, executionCount: Int) -> (type: String, content: JSONObject) {
        switch output {
        case .stream(let name, let text):
            return ("stream", ["name": .string(name.rawValue), "text": .string(text)])
        case .executeResult(_, let data, let metadata):
            return (
                "execute_result",
                [
                    "execution_count": .number(Double(executionCount)), "data": .object(bundle(data)),
                    "metadata": .object(metadata),
                ]
            )
        case .displayData(let data, let metadata, let displayID):
            let transient: JSONObject = displayID.map { ["display_id": .string($0)] } ?? [:]
            return (
                "display_data",
                ["data": .object(bundle(data)), "metadata": .object(metadata), "transient": .object(transient)]
            )
        case .error(let name, let value, let traceback, _):
            return (
                "error",
                [
                    "ename": .string(name.rawValue), "evalue": .string(value),
                    "traceback": .array(traceback.map(JSONValue.string)),
                ]
            )
        }
    }

    /// `clear_output`, or `update_display_data` (the new drawing under the display id it redraws).
    static func message(for change: OutputChange, executionCount: Int) -> (type: String, content: JSONObject) {
        switch change {
        case .clear(let wait):
            return ("clear_output", ["wait": .bool(wait)])
        case .update(let id, let output):
            var (_, content) = message(for: output, executionCount: executionCount)
            content["transient"] = ["display_id": .string(id)]
            return ("update_display_data", content)
        }
    }

    /// A MIME bundle as JSON: `text/plain` and base64 `image/png`, then any other types as they were.
    static func bundle(_ data: MimeBundle) -> JSONObject {
        var object = JSONObject()
        if let text = data.text { object["text/plain"] = .string(text) }
        if let png = data.png { object["image/png"] = .string(Data(png.bytes).base64EncodedString()) }
        for member in data.other.members { object[member.key] = member.value }
        return object
    }
}
