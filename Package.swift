// swift-tools-version: 6.2
import PackageDescription

/// Hot numerical targets are compiled for x86-64-v3 (AVX2 + FMA), the portable baseline.
/// Anything wider (AVX-512) is chosen at run time after a CPU check, never at compile time.
let hotCode: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-march=x86-64-v3"])]
/// Only `TensorsWide` is compiled for x86-64-v4 (AVX-512); `Tensors` calls into it after
/// `CPUFeatures` found AVX-512 and the operating system's support for its registers. Its public
/// functions take and return only scalars and pointers: a 16-lane vector would be passed in
/// registers of another width by code compiled for x86-64-v3.
let wideCode: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-march=x86-64-v4"])]

let package = Package(
    name: "Convbook",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "convbook", targets: ["convbook"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        // Already in the graph through Hummingbird; named here for a graceful programmatic shutdown.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        // Also through Hummingbird; named here to read an HTTP/1 request's target before it becomes a path.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.14.0"),
        // Also through Hummingbird; named here because the server's routes use its HTTP field names.
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // Also through Hummingbird; named here for SHA-256 content names and the Jupyter messages'
        // HMAC-SHA256 signatures.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // System libraries, each wrapped once.
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CCairo", pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        // ZeroMQ, for the Jupyter kernel's sockets (linked by name: its pkg-config file adds include paths
        // of libraries Convbook does not use).
        .systemLibrary(name: "CZMQ", providers: [.apt(["libzmq3-dev"])]),
        // editline, for `convbook repl`'s line editing, history and Tab completion.
        .systemLibrary(
            name: "CEditline", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]),

        // CPUID and XGETBV, for the run-time CPU check (plain C, no wider instructions).
        .target(name: "CCPUID"),
        // A prefetch hint, inlined from its header.
        .target(name: "CPrefetch"),

        // The engine's AVX-512 kernels: leaf functions over raw pointers, called by `Tensors` only
        // after its run-time CPU check.
        .target(name: "TensorsWide", swiftSettings: wideCode),

        // The one shape of the simple errors (a kind and a sentence), shared by the modules above.
        .target(name: "Diagnostics"),

        // The tensor engine.
        .target(
            name: "Tensors", dependencies: ["CBLAS", "CCPUID", "CPrefetch", "TensorsWide", "Diagnostics"],
            swiftSettings: hotCode),

        // Figure descriptions (pure values) and their Cairo rendering.
        .target(name: "Figures", dependencies: ["Tensors", "Diagnostics"]),
        .target(
            name: "Render", dependencies: ["Figures", "Tensors", "Diagnostics", "CCairo", "CZlib"],
            swiftSettings: hotCode),

        // Data sets on disk (Fashion-MNIST from Debian's package): read once, batched into tensors.
        .target(name: "Datasets", dependencies: ["Tensors", "CZlib"]),

        // The language: a Python-flavoured interpreter over the engine.
        .target(name: "Lang", dependencies: ["Tensors", "Figures", "Datasets", "Diagnostics"]),

        // Notebook documents and their file formats (.ipynb, percent .py, HTML), named by content hashes:
        // the bottom layer of everything that reads or writes notebooks. It knows no language.
        .target(name: "Notebook", dependencies: ["Diagnostics", .product(name: "Crypto", package: "swift-crypto")]),

        // Running cells: the language's outputs as notebook outputs (pictures rendered), and the headless
        // runner (`convbook run`) with papermill-style parameters.
        .target(name: "Runner", dependencies: ["Notebook", "Lang", "Render", "Figures", "Diagnostics"]),

        // Kernels: each notebook's session in a child process (`convbook kernel`) speaking framed JSON
        // over pipes, and the parent side that spawns, queues, interrupts, restarts and reaps them.
        .target(name: "Kernel", dependencies: ["Runner", "Notebook", "Lang", "Render", "Figures", "Diagnostics"]),

        // Convbook as a Jupyter kernel: the messaging protocol over ZeroMQ (connection file, signed wire
        // format, sockets each owned by one thread) adapting Jupyter's requests onto a `KernelManager`,
        // and the kernelspec installer.
        .target(
            name: "Jupyter",
            dependencies: [
                "Kernel", "Notebook", "Lang", "Diagnostics", "CZMQ",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),

        // Durable notebooks in SQLite (WAL, synchronous=FULL), versioned by revision.
        .target(name: "Store", dependencies: ["Notebook", .product(name: "GRDB", package: "GRDB.swift")]),

        // The HTTP server: REST API, live execution events, static pages, security.
        .target(
            name: "Server",
            dependencies: [
                "Store", "Notebook", "Lang", "Kernel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // A blocking HTTP/1.1 client over a loopback socket: for `convbook bench server` and the server's
        // real-socket tests, never the server itself.
        .target(name: "LoopbackHTTP"),

        // Command-line front door (kept as a library so its commands can be tested).
        .target(
            name: "ConvbookCLI",
            dependencies: [
                "Tensors",
                "Lang",
                "Figures",
                "Render",
                "Notebook",
                "Runner",
                "Store",
                "Server",
                "Kernel",
                "Jupyter",
                "LoopbackHTTP",
                "CEditline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "convbook", dependencies: ["ConvbookCLI"]),

        // Fuzzing: what the server runs on text it does not control, as targets with their properties
        // (used by the fuzz tests in `make test`), and the driver that `make fuzz` builds with libFuzzer.
        .target(name: "ConvbookFuzzTargets", dependencies: ["Lang", "Notebook"], path: "Fuzz/Targets"),
        .executableTarget(name: "convbook-fuzz", dependencies: ["ConvbookFuzzTargets"], path: "Fuzz/Driver"),

        // What several test targets share: package paths, the built binary, a seeded generator.
        .target(name: "ConvbookTestSupport", path: "Tests/ConvbookTestSupport"),
        .testTarget(
            name: "TensorsTests", dependencies: ["Tensors", "ConvbookTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LangTests", dependencies: ["Lang", "Tensors", "Diagnostics"], resources: [.copy("Golden")]),
        .testTarget(
            name: "NotebookTests", dependencies: ["Notebook", "Diagnostics", "ConvbookTestSupport"],
            exclude: ["Fixtures", "validate_notebooks.py"]),
        .testTarget(name: "RunnerTests", dependencies: ["Runner", "Notebook", "Lang", "Diagnostics"]),
        // Runs the built `convbook` binary as a subprocess (exit codes, files written, the example notebooks).
        .testTarget(name: "ConvbookCLITests", dependencies: ["Notebook", "Diagnostics", "ConvbookTestSupport"]),
        .testTarget(name: "FiguresTests", dependencies: ["Figures", "Tensors"]),
        .testTarget(
            name: "DatasetsTests", dependencies: ["Datasets", "Tensors", "ConvbookTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "RenderTests", dependencies: ["Render", "Figures", "Tensors", "CZlib", "Lang"],
            exclude: ["Golden"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Diagnostics", "ConvbookTestSupport"]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Store", "Notebook", "Runner", "Kernel", "Lang", "Diagnostics", "LoopbackHTTP",
                "ConvbookTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        // Protocol codec tests, and the kernel manager driving real `convbook kernel` children.
        // Generated hostile text against the fuzz targets, and every committed crash case, in-process.
        .testTarget(name: "FuzzTests", dependencies: ["ConvbookFuzzTargets", "Lang", "ConvbookTestSupport"]),
        .testTarget(
            name: "KernelTests", dependencies: ["Kernel", "Notebook", "Lang", "Diagnostics", "ConvbookTestSupport"]),
        // The Jupyter wire format, signing and replay checks in-process, and `convbook jupyter-kernel` driven
        // over real ZeroMQ sockets (the clients from PyPI are driven by `Tests/Jupyter/`, `make test-jupyter`).
        .testTarget(
            name: "JupyterTests",
            dependencies: ["Jupyter", "Kernel", "Notebook", "Lang", "CZMQ", "ConvbookTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
