import Store

/// Everything route handlers share: the store, the run coordinator and the configuration.
public struct ServerServices: Sendable {
    /// The notebooks.
    public let store: NotebookStore
    /// Runs cells and streams their events.
    public let coordinator: ExecutionCoordinator
    /// How the server is set up.
    public let configuration: ServerConfiguration
    /// What runs the cells.
    public let executor: any CellExecutor
    /// The origins the `Origin` check accepts, following the port the server binds.
    let origins: AllowedOrigins

    /// Bundles the services; the coordinator runs cells with `executor`.
    public init(store: NotebookStore, executor: any CellExecutor, configuration: ServerConfiguration) {
        self.store = store
        self.coordinator = ExecutionCoordinator(store: store, executor: executor)
        self.configuration = configuration
        self.executor = executor
        self.origins = AllowedOrigins(configuration: configuration)
    }

    /// The store call, with its refusal turned into an API error.
    func storeCall<T>(_ body: () async throws(StoreError) -> T) async throws(APIError) -> T {
        do {
            return try await body()
        } catch {
            throw APIError(error)
        }
    }
}
