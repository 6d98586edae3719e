import Synchronization

/// The origins the `Origin` check accepts: the server's own origins at the port it listens on, and the
/// extra ones configured (`--allow-origin`).
///
/// With `--port 0` the system picks the port when the server binds, so the set starts from the
/// configured port and is rebuilt from the bound one when the server reports it is listening
/// (`ConvbookServer.application`); until then no request can arrive anyway. Tests that never bind keep
/// the configured port.
final class AllowedOrigins: Sendable {
    // `Sendable`: the set sits behind a `Mutex`; the configuration is an immutable value.
    private let configuration: ServerConfiguration
    private let origins: Mutex<Set<String>>

    /// The origins of `configuration` at its configured port.
    init(configuration: ServerConfiguration) {
        self.configuration = configuration
        origins = Mutex(configuration.allowedOrigins(port: configuration.port))
    }

    /// The server is bound to `port`: its origins carry that port from now on.
    func listening(on port: Int) {
        let bound = configuration.allowedOrigins(port: port)
        origins.withLock { $0 = bound }
    }

    /// Whether `origin` is exactly one of the allowed origins.
    func contains(_ origin: String) -> Bool {
        origins.withLock { $0.contains(origin) }
    }
}
