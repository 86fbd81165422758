// swift-tools-version: 6.1
import PackageDescription

// The release build is the one cron runs and the one the suite tests: `-enable-testing` lets the tests'
// `@testable import` reach it, so `swift build -c release` and `swift build -c release --build-tests` build the
// same binaries (the optimiser still runs; it made the Cloud Eye miscompile of issue 9 visible with it on).
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .unsafeFlags(["-enable-testing"], .when(configuration: .release)),
]

let package = Package(
    name: "ges-idle-stop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ges-idle-stop", targets: ["ges-idle-stop"]),
        .executable(name: "ges-sim", targets: ["ges-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        // Pure decision logic and file formats: usage, inventory, policy, decision, savings.
        .target(
            name: "IdleStopCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // History (SQLite through GRDB) and the CSV report.
        .target(
            name: "IdleStopStorage",
            dependencies: [
                "IdleStopCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        // libcurl's variadic setters wrapped in typed C functions.
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        // Process-wide guards Swift cannot set itself: no core dumps while secrets are held, one line on a crash.
        .target(name: "CProcessGuard"),
        // Talking to Huawei Cloud: transport over libcurl, AK/SK signing, IAM, the GES client.
        .target(
            name: "GESKit",
            dependencies: [
                "CCurl",
                "IdleStopCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The commands; the executable only calls into this.
        .target(
            name: "IdleStopCLI",
            dependencies: [
                "IdleStopCore", "IdleStopStorage", "GESKit", "CProcessGuard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "ges-idle-stop", dependencies: ["IdleStopCLI"], swiftSettings: strict),
        // The local GES / IAM / Cloud Eye stand-in and its command: a model of the cloud, sharing no code with the
        // client (no GESKit, no IdleStopCore), so it can catch the client's mistakes.
        .target(
            name: "GESSimulator",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "ges-sim", dependencies: ["GESSimulator"], swiftSettings: strict),
        // What the test targets share: fixtures loaded one way, swift-log's in-memory handler, ges-sim started on
        // loopback, a misbehaving TCP server, temporary folders and the assertions on errors from hostile input.
        .target(
            name: "IdleStopTestSupport",
            dependencies: [
                "GESSimulator",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "IdleStopCoreTests",
            dependencies: [
                "IdleStopCore", "IdleStopTestSupport",
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IdleStopStorageTests",
            dependencies: [
                "IdleStopCore", "IdleStopStorage", "IdleStopTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GESKitTests",
            dependencies: [
                "IdleStopCore", "GESKit", "GESSimulator", "IdleStopTestSupport",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GESSimulatorTests",
            dependencies: [
                "GESSimulator", "GESKit", "IdleStopTestSupport",
                .product(name: "FlyingSocks", package: "FlyingFox"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IdleStopCLITests",
            dependencies: [
                "IdleStopCLI", "IdleStopCore", "IdleStopStorage", "GESKit", "GESSimulator", "IdleStopTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
    ]
)
