import Diagnostics
import Kernel
import Notebook

extension JupyterKernel {
    /// Runs an `execute_request`: `execute_input`, the outputs as they stream, then the reply
    /// (the caller publishes `busy` before and `idle` after).
    func execute(_ request: JupyterMessage, sequence: Int) async {
        let content = request.content
        let code = content["code"]?.stringValue ?? ""
        let silent = Self.flag(content["silent"], default: false)
        let storeHistory = Self.flag(content["store_history"], default: !silent)
        let stopOnError = Self.flag(content["stop_on_error"], default: true)
        if sequence <= abortThrough {
            reply(
                to: request, type: "execute_reply",
                content: ["status": "aborted", "execution_count": .number(Double(executionCount))], on: .shell)
            return
        }
        if !silent && storeHistory { executionCount += 1 }
        let count = executionCount
        if !silent {
            publish(
                "execute_input", ["code": .string(code), "execution_count": .number(Double(count))], parent: request)
        }
        var failure: (name: ExceptionName, value: String, traceback: [String])?
        var result: String?
        let events = await manager.execute(CellRun(cellID: request.id, code: code), notebookID: Self.notebookID)
        for await event in events {
            switch event {
            case .started:
                break
            case .output(_, let output):
                if case .error(let name, let value, let traceback, _) = output { failure = (name, value, traceback) }
                if case .executeResult(_, let data, _) = output {
                    result = data.text
                    if silent { continue }
                }
                let (type, content) = OutputContent.message(for: output, executionCount: count)
                publish(type, content, parent: request)
            case .change(_, let change):
                let (type, content) = OutputContent.message(for: change, executionCount: count)
                publish(type, content, parent: request)
            case .finished(_, let status, _):
                if failure == nil, status == .interrupted {
                    // Cancelled before it began: Python would have raised KeyboardInterrupt at once.
                    let interrupted = CellOutput.error(
                        name: .keyboardInterrupt, value: "", traceback: [ExceptionName.keyboardInterrupt.rawValue])
                    failure = (.keyboardInterrupt, "", [ExceptionName.keyboardInterrupt.rawValue])
                    let (type, content) = OutputContent.message(for: interrupted, executionCount: count)
                    publish(type, content, parent: request)
                }
            }
        }
        if storeHistory { history.append(input: code, output: result) }
        if let failure {
            if stopOnError { abortThrough = channels.shellReceived }
            reply(
                to: request, type: "execute_reply",
                content: [
                    "status": "error", "execution_count": .number(Double(count)),
                    "ename": .string(failure.name.rawValue),
                    "evalue": .string(failure.value), "traceback": .array(failure.traceback.map(JSONValue.string)),
                ], on: .shell)
        } else {
            reply(
                to: request, type: "execute_reply",
                content: [
                    "status": "ok", "execution_count": .number(Double(count)), "payload": [], "user_expressions": [:],
                ], on: .shell)
        }
    }

    /// A boolean field of a request's content, or `default` when it is absent or not a boolean.
    static func flag(_ value: JSONValue?, default fallback: Bool) -> Bool {
        if case .bool(let flag)? = value { return flag }
        return fallback
    }
}
