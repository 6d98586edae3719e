import Hummingbird
import Store

/// Builds the Convbook HTTP server: the routes of `/api/openapi.json` behind `ConvbookResponder`'s checks.
///
/// ```swift
/// let executor = KernelManager(configuration: KernelConfiguration(executable: "/proc/self/exe"))
/// let services = ServerServices(store: store, executor: executor, configuration: configuration)
/// let app = ConvbookServer.application(services: services)
/// try await app.run()
/// ```
public enum ConvbookServer {
    /// The version `/api/health` reports.
    public static let version = "0.1.0"

    /// Every route, unguarded (the responder adds the checks).
    public static func router(services: ServerServices) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        APIRoutes.register(on: router)
        NotebookRoutes.register(on: router, services: services)
        CellRoutes.register(on: router, services: services)
        ExecutionRoutes.register(on: router, services: services, executor: services.executor)
        ShareRoutes.register(on: router, services: services)
        SharedOutputRoutes.register(on: router, services: services)
        PageRoutes.register(on: router, services: services)
        return router
    }

    /// The router behind the security checks.
    public static func responder(services: ServerServices) -> ConvbookResponder {
        let configuration = services.configuration
        let policy = AccessPolicy(
            token: configuration.token, allowRemote: configuration.allowRemote,
            allowedOrigins: services.origins)
        let routes = router(services: services)
        return ConvbookResponder(
            router: routes.buildResponder(), methods: AllowedMethods(routes), policy: policy,
            pages: StaticFiles(directory: configuration.webDirectory))
    }

    /// An application listening where the configuration says; `onServerRunning` gets the port bound
    /// (the one the system chose for port 0), after the allowed origins have been set to it.
    public static func application(
        services: ServerServices,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> Application<ConvbookResponder> {
        let configuration = services.configuration
        return Application(
            responder: responder(services: services), server: ConvbookHTTP1Channel.builder,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "Convbook"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                services.origins.listening(on: port)
                await onServerRunning(port)
            })
    }
}
