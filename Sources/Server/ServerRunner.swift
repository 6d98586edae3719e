import Hummingbird
import ServiceLifecycle

/// Runs the server until `stop()`, then shuts it down gracefully.
///
/// Stopping first lets the coordinator interrupt running cells, save their outputs and close the event
/// streams, then asks the HTTP server to stop accepting and to finish the requests it has. (Cancelling
/// the task that runs the application would end it too, but HummingbirdCore logs that as an error.)
///
/// ```swift
/// let runner = ServerRunner(application: ConvbookServer.application(services: services), services: services)
/// let server = Task { try await runner.run() }
/// // … later, on SIGTERM:
/// await runner.stop()
/// try await server.value
/// ```
public struct ServerRunner: Sendable {
    private let group: ServiceGroup
    private let services: ServerServices

    /// A runner for `application`, whose routes use `services`.
    public init(application: Application<ConvbookResponder>, services: ServerServices) {
        var configuration = ServiceGroupConfiguration(services: [application], logger: application.logger)
        // A client that never closes its connection must not hold the process forever.
        configuration.maximumGracefulShutdownDuration = .seconds(5)
        group = ServiceGroup(configuration: configuration)
        self.services = services
    }

    /// Serves until `stop()` (or until the task is cancelled).
    public func run() async throws {
        try await group.run()
    }

    /// Interrupts the running cells and saves them, closes the event streams, then stops the server.
    public func stop() async {
        await services.coordinator.shutdown()
        await group.triggerGracefulShutdown()
    }
}
