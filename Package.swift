// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "LeakLedger",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ContentHash", targets: ["ContentHash"]),
        .library(name: "LeakLedger", targets: ["LeakLedger"]),
        .executable(name: "leakledger", targets: ["leakledger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // ICU (libicu-dev) behind plain C wrappers: its headers must not meet Foundation's own
        // copy of ICU in a Swift module (see Sources/CICU/include/CICU.h).
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .target(
            name: "ContentHash",
            dependencies: ["COpenSSL", "CICU"]
        ),
        .target(
            name: "LeakLedger",
            dependencies: [
                "ContentHash",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "leakledger",
            dependencies: [
                "LeakLedger",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ContentHashTests", dependencies: ["ContentHash"], resources: [.copy("Vectors")]),
        .testTarget(name: "LeakLedgerTests", dependencies: ["LeakLedger"], resources: [.copy("Vectors")]),
        .testTarget(name: "leakledgerTests", dependencies: ["leakledger", "LeakLedger"]),
    ],
    swiftLanguageModes: [.v6]
)
