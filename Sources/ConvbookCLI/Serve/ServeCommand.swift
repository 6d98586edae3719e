import ArgumentParser
import Foundation
import Server
import Store

/// `convbook serve`: the notebook server (API, live execution, web page) on loopback.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the notebook server and print its URL (with a fresh login token).",
        discussion: """
            Binds 127.0.0.1:8888 unless told otherwise, creates or opens the database (filling a new one \
            with the example notebooks), and serves the web page and the API. Ctrl-C or SIGTERM shuts down \
            gracefully: running cells are interrupted and their outputs saved.
            """)

    @OptionGroup var database: DatabaseOption

    @Option(help: "The address to listen on (loopback by default).")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free port).")
    var port: Int = 8888

    @Option(
        help: ArgumentHelp(
            "The login token, at least 16 characters (default: a fresh random 128-bit token).", valueName: "TOKEN"))
    var token: String?

    @Flag(name: .customLong("no-token"), help: "Serve without authentication (loopback checks still apply).")
    var noToken = false

    @Flag(name: .customLong("allow-remote"), help: "Answer requests for any Host name, not only loopback names.")
    var allowRemote = false

    @Option(name: .customLong("allow-origin"), help: "An extra origin (scheme://host:port) allowed to call the API.")
    var allowedOrigins: [String] = []

    @Option(
        help:
            "The web page's folder (default: the one shipped with convbook; README, \"Where convbook finds its files\")."
    )
    var web: String?

    @Option(name: .customLong("memory-limit"), help: "Address-space cap of each kernel process, in MiB (0: none).")
    var memoryLimit: Int = 4096

    @Option(
        name: .customLong("idle-timeout"),
        help: ArgumentHelp(
            "Stop a notebook's kernel after it has been idle this long, freeing its memory: 30m, 90s, 2h, or 0 "
                + "for never. Its variables are lost; the page says so and marks the cells that ran stale.",
            valueName: "DURATION"))
    var idleTimeout: IdleTimeout = .standard

    func validate() throws {
        if noToken && token != nil { throw ValidationError("--token and --no-token cannot be used together") }
        if let token, token.count < 16 { throw ValidationError("--token must be at least 16 characters") }
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if memoryLimit < 0 { throw ValidationError("--memory-limit must not be negative") }
    }

    func run() async throws {
        let store = try await database.open()
        var configuration = ServerConfiguration(token: noToken ? nil : token ?? ServerConfiguration.freshToken())
        configuration.host = host
        configuration.port = port
        configuration.allowRemote = allowRemote
        configuration.extraAllowedOrigins = allowedOrigins
        guard let webDirectory = BundledFolder.web.locate(explicit: web) else {
            CommandLineOutput.error(
                "convbook serve: cannot find the web page's folder; pass --web DIR or set CONVBOOK_HOME to the checkout"
            )
            throw ExitCode(2)
        }
        configuration.webDirectory = webDirectory
        ExportRenderers.install(webDirectory: webDirectory)
        let images = database.examples.map { URL(fileURLWithPath: $0).appendingPathComponent("data").path }
        let executor = ServeExecutor.make(
            memoryLimitBytes: memoryLimit == 0 ? nil : memoryLimit << 20,
            imageDirectory: images.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil },
            idleTimeout: idleTimeout.duration)
        let services = ServerServices(store: store, executor: executor, configuration: configuration)
        let token = configuration.token
        let app = ConvbookServer.application(services: services) { boundPort in
            let query = token.map { "?token=\($0)" } ?? ""
            let shownHost = host.contains(":") ? "[\(host)]" : host
            let banner = "Convbook is running at http://\(shownHost):\(boundPort)/\(query)\nPress Ctrl-C to stop.\n"
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
        let runner = ServerRunner(application: app, services: services)
        let server = Task { try await runner.run() }
        // The first SIGINT or SIGTERM saves the running cells and stops; a second quits at once.
        let signals = SignalHandler([SIGINT, SIGTERM], quitStatus: 130) {
            CommandLineOutput.error("\nconvbook serve: shutting down (interrupting running cells)")
            Task { await runner.stop() }
        }
        defer { signals.cancel() }
        do {
            try await server.value
        } catch is CancellationError {
            // Stopped from outside; the running cells are saved below.
        }
        await services.coordinator.shutdown()
        CommandLineOutput.error("convbook serve: stopped")
    }
}
