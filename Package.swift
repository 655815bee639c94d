// swift-tools-version:6.2
import PackageDescription

/// Release builds of the client's code put every function in a section of its own, so that `leora` can be
/// linked (by lld) with the functions a key press runs next to each other, in the order
/// Sources/leora/leora.order lists (`make hot-functions` writes it; see README, "Benchmarks", "Hot functions together").
let functionSections: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-function-sections"], .when(configuration: .release))]
let cFunctionSections: [CSetting] = [.unsafeFlags(["-ffunction-sections"], .when(configuration: .release))]
let hotFunctionsFirst: [LinkerSetting] = [
    .unsafeFlags(
        ["-use-ld=lld", "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/leora/leora.order", "-Xlinker", "--no-warn-symbol-ordering"],
        .when(configuration: .release))
]

/// Leora Terminal: the `leora` client (later issues) and the `leora-portal` reference server.
let package = Package(
    name: "leora",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "leora-portal", targets: ["leora-portal"]),
        .library(name: "PortalAPI", targets: ["PortalAPI"]),
        .library(name: "PortalServer", targets: ["PortalServer"]),
        .executable(name: "leora", targets: ["leora"]),
        .library(name: "LeoraKit", targets: ["LeoraKit"]),
        // For the micro-benchmarks in Benchmarks/ (a separate package that depends on this one by path).
        .library(name: "TerminalUI", targets: ["TerminalUI"]),
        .library(name: "LeoraApp", targets: ["LeoraApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Contract types shared by client and server. No I/O.
        .target(name: "PortalAPI", swiftSettings: functionSections),

        .target(
            name: "PortalServer",
            dependencies: [
                "PortalAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "leora-portal",
            dependencies: [
                "PortalServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // MARK: Client. Nothing here depends on the server.
        // libcurl's header only (libcurl4-openssl-dev): the library is opened at the first request, not linked.
        .systemLibrary(name: "CCurl"),
        // libcurl opened with dlopen, and typed wrappers for what Swift cannot call: variadic curl_easy_setopt/getinfo, share-handle locks.
        .target(name: "CCurlShim", dependencies: ["CCurl"], cSettings: cFunctionSections),
        // Text from the server made safe for a terminal: the one sanitiser the commands, the UI and errors share.
        .target(name: "TerminalSafety", swiftSettings: functionSections),
        .target(
            name: "LeoraKit",
            dependencies: [
                "PortalAPI",
                "CCurlShim",
                "TerminalSafety",
                .product(name: "Logging", package: "swift-log"),
                // profiles: in config.yaml and profiles.yaml, read by the commands and the terminal UI alike.
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: functionSections
        ),
        // The terminal-independent UI layer: cells, buffer, layout, widgets, themes (parsed from text the app
        // reads), keys and mouse events. Never imports ncurses; reads no files.
        .target(name: "TerminalUI", dependencies: ["TerminalSafety", .product(name: "Yams", package: "Yams")], swiftSettings: functionSections),
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        // What Swift cannot import from ncurses: macros (attributes, ACS, getmaxyx) and globals (stdscr, LINES, COLS).
        .target(name: "CNcurseswShim", dependencies: ["CNcursesw"], cSettings: cFunctionSections),
        // Draws TerminalUI's buffers with ncurses and decodes its input into TerminalUI's keys. Only the runtime imports it.
        .target(name: "NcursesBackend", dependencies: ["TerminalUI", "TerminalSafety", "CNcurseswShim"], swiftSettings: functionSections),
        .target(
            name: "LeoraApp", dependencies: ["LeoraKit", "TerminalUI", "NcursesBackend", "PortalAPI", .product(name: "Yams", package: "Yams")],
            swiftSettings: functionSections),
        // SWIFT_BACKTRACE for leora, set by a C constructor before a statically linked Swift runtime reads it.
        .target(name: "LeoraCrashSettings"),
        .executableTarget(
            name: "leora",
            dependencies: [
                "LeoraCrashSettings",
                "LeoraKit",
                "TerminalUI",
                "TerminalSafety",
                "LeoraApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["leora.order"],
            swiftSettings: functionSections,
            linkerSettings: hotFunctionsFirst
        ),
        .testTarget(name: "TerminalSafetyTests", dependencies: ["TerminalSafety"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TerminalSafety"]),
        // A real ncurses terminal that NcursesBackendTests runs in tmux and reads.
        .executableTarget(name: "ncurses-probe", dependencies: ["NcursesBackend", "TerminalUI"], path: "Tests/NcursesProbe"),
        .testTarget(name: "NcursesBackendTests", dependencies: ["NcursesBackend", "TerminalUI", "PortalTestSupport"]),
        .testTarget(name: "LeoraAppTests", dependencies: ["LeoraApp", "TerminalUI", "LeoraKit", "PortalAPI", "PortalTestSupport"]),
        .testTarget(
            name: "LeoraKitTests",
            dependencies: [
                "LeoraKit", "PortalAPI", "PortalTestSupport", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Tests
        // Shared by the test targets: a real server in-process or as a process, an HTTP client, a fake model.
        .target(
            name: "PortalTestSupport",
            dependencies: [
                "PortalServer",
                "PortalAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/PortalTestSupport"
        ),
        .testTarget(
            name: "PortalServerTests",
            dependencies: [
                "PortalServer",
                "PortalAPI",
                "PortalTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
