// swift-tools-version:6.1
import PackageDescription

/// Micro-benchmarks of Leora Terminal's hot paths (issue 6, figure B6), with ordo-one/benchmark.
///
/// A package of its own, depending on the main one by path, so that neither `swift build` nor CI
/// builds them. `make bench` runs them (`swift package --package-path Benchmarks benchmark`).
let package = Package(
    name: "LeoraBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "leora", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "HotPaths",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TerminalUI", package: "leora"),
                .product(name: "LeoraApp", package: "leora"),
                .product(name: "LeoraKit", package: "leora"),
                .product(name: "PortalAPI", package: "leora"),
            ],
            path: "Benchmarks/HotPaths",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
