// swift-tools-version: 6.2
import PackageDescription

/// Hot numerical targets are compiled for x86-64-v3 (AVX2 + FMA), the portable baseline.
/// Anything wider (AVX-512) is chosen at run time after a CPU check, never at compile time.
let hotCode: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-march=x86-64-v3"])]

let package = Package(
    name: "Convbook",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "convbook", targets: ["convbook"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // System libraries, each wrapped once.
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CCairo", pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]),

        // The tensor engine.
        .target(name: "Tensors", dependencies: ["CBLAS"], swiftSettings: hotCode),

        // The language: a Python-flavoured interpreter over the engine.
        // Dynamic exclusivity checks cost ~6% of interpreter time (every access to the
        // interpreter's scope/state); one interpreter runs on one thread at a time.
        .target(
            name: "Lang", dependencies: ["Tensors"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),

        // Command-line front door (kept as a library so its commands can be tested).
        .target(
            name: "ConvbookCLI",
            dependencies: [
                "Tensors",
                "Lang",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "convbook", dependencies: ["ConvbookCLI"]),

        .testTarget(name: "TensorsTests", dependencies: ["Tensors"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LangTests", dependencies: ["Lang"], resources: [.copy("Golden")]),
    ],
    swiftLanguageModes: [.v6]
)
