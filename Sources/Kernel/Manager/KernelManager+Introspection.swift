import Lang

extension KernelManager {
    /// The names completing `code` at `cursor` (Unicode code points) in the notebook's session;
    /// `nil` without a kernel process.
    ///
    /// Throws ``KernelError/busy`` while a cell runs and ``KernelError/died`` if the kernel stops
    /// before answering.
    public func complete(notebookID: String, code: String, cursor: Int) async throws -> CompletionMatches? {
        let reply = try await ask(notebookID: notebookID) { .complete(request: $0, code: code, cursor: cursor) }
        switch reply {
        case .none: return nil
        case .completions(_, let completions)?: return completions
        case .failure?: throw KernelError.busy
        default: throw KernelError.died
        }
    }

    /// What the name at `cursor` is in the notebook's session (signature and docs, a tensor's shape
    /// and dtype); `nil` when it names nothing known or there is no kernel process.
    public func inspect(notebookID: String, code: String, cursor: Int, detailLevel: Int) async throws -> Inspection? {
        let reply = try await ask(notebookID: notebookID) {
            .inspect(request: $0, code: code, cursor: cursor, detailLevel: detailLevel)
        }
        switch reply {
        case .none: return nil
        case .inspection(_, let inspection)?: return inspection
        case .failure?: throw KernelError.busy
        default: throw KernelError.died
        }
    }
}
