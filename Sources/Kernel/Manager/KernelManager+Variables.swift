extension KernelManager {
    /// The variables of a notebook's session (empty if it has no kernel yet).
    ///
    /// Throws ``KernelError/busy`` while a cell runs (the session belongs to it then) and
    /// ``KernelError/died`` if the kernel stops before answering.
    public func variables(notebookID: String) async throws -> [VariableSummary] {
        guard let reply = try await ask(notebookID: notebookID, { .variables(request: $0) }) else { return [] }
        switch reply {
        case .variables(_, let variables): return variables
        case .failure: throw KernelError.busy
        default: throw KernelError.died
        }
    }

    /// A PNG of a tensor variable drawn as `show` draws it, or `nil` when the notebook has no such
    /// tensor (or its kernel is busy running a cell).
    public func variableHeatmap(notebookID: String, name: String) async throws -> [UInt8]? {
        let reply = try await ask(notebookID: notebookID) { .variableHeatmap(request: $0, name: name) }
        guard case .heatmap(_, let png)? = reply else { return nil }
        return png
    }

    /// Sends a request to the notebook's kernel and waits for its answer; `nil` without a kernel.
    private func ask(
        notebookID: String, _ request: (Int) -> KernelRequest
    ) async throws -> KernelMessage? {
        guard let kernel = kernels[notebookID], let process = kernel.process else { return nil }
        kernel.lastActivity = .now
        let number = makeNumber()
        process.send(request(number))
        return try await withCheckedThrowingContinuation { continuation in
            kernel.pending[number] = continuation
        }
    }
}
