import struct Lang.SessionVariable

extension KernelManager {
    /// The variables of a notebook's session (empty if it has no kernel yet).
    ///
    /// Throws ``KernelError/busy`` while a cell runs and no copy of its variables was taken yet
    /// (``sessionVariables(notebookID:)``), and ``KernelError/died`` if the kernel stops before answering.
    public func variables(notebookID: String) async throws -> [SessionVariable] {
        try await sessionVariables(notebookID: notebookID).variables
    }

    /// The variables of a notebook's session, or, while a cell runs, those after the last cell that
    /// finished (once the variables have been asked for, the kernel keeps a copy after every cell).
    ///
    /// Throws ``KernelError/busy`` while a cell runs and no copy was taken yet, and ``KernelError/died``
    /// if the kernel stops before answering.
    public func sessionVariables(notebookID: String) async throws -> SessionVariables {
        guard let reply = try await ask(notebookID: notebookID, { .variables(request: $0) }) else {
            return SessionVariables([])
        }
        switch reply {
        case .variables(_, let variables, let asOf): return SessionVariables(variables, asOf: asOf)
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

    /// How long a kernel may take to answer a variables request (it answers from its reader thread,
    /// even while a cell runs, so only a stuck process is this slow).
    static let answerTimeout = Duration.seconds(5)

    /// Sends a request to the notebook's kernel and waits for its answer; `nil` without a kernel.
    func ask(
        notebookID: String, _ request: (Int) -> KernelRequest
    ) async throws -> KernelMessage? {
        // The variables panel is open even before the first run: the first process is told when it starts.
        let kernel = kernel(for: notebookID)
        kernel.variablesWatched = true
        guard let process = kernel.process else { return nil }
        kernel.lastActivity = .now
        let number = makeNumber()
        process.send(request(number))
        Task { [weak self] in
            try? await Task.sleep(for: KernelManager.answerTimeout)
            await self?.expire(request: number, notebookID: notebookID)
        }
        return try await withCheckedThrowingContinuation { continuation in
            kernel.pending[number] = continuation
        }
    }

    /// Gives up on a request the kernel has not answered in time.
    private func expire(request: Int, notebookID: String) {
        kernels[notebookID]?.pending.removeValue(forKey: request)?.resume(throwing: KernelError.busy)
    }
}
