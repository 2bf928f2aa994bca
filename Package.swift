// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "LeakLedger",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ContentHash", targets: ["ContentHash"]),
        .library(name: "LeakLedger", targets: ["LeakLedger"]),
        .library(name: "Extraction", targets: ["Extraction"]),
        .executable(name: "leakledger", targets: ["leakledger"]),
        .executable(name: "leakledger-extract", targets: ["leakledger-extract"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
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
        // Extraction: the public API (formats, limits, results, the worker's protocol) knows no C
        // library; the engine that the worker process runs reaches each library through a small
        // C wrapper whose header speaks only <stdint.h> types (see Sources/CICU).
        .systemLibrary(name: "SystemPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev"])]),
        .systemLibrary(name: "SystemTesseract", pkgConfig: "tesseract", providers: [.apt(["libtesseract-dev"])]),
        .systemLibrary(name: "SystemLeptonica", pkgConfig: "lept", providers: [.apt(["libleptonica-dev"])]),
        .systemLibrary(name: "SystemGMime", pkgConfig: "gmime-3.0", providers: [.apt(["libgmime-3.0-dev"])]),
        .systemLibrary(name: "SystemXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CProcess"),
        .target(name: "CPoppler", dependencies: ["SystemPoppler"]),
        .target(name: "CTesseract", dependencies: ["SystemTesseract", "SystemLeptonica"]),
        .target(name: "CGMime", dependencies: ["SystemGMime"]),
        .target(name: "CXML", dependencies: ["SystemXML2"]),
        .target(name: "Extraction", dependencies: ["CProcess"]),
        .target(
            name: "ExtractionEngine",
            dependencies: [
                "Extraction", "ContentHash", "CPoppler", "CTesseract", "CGMime", "CXML",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(name: "leakledger-extract", dependencies: ["ExtractionEngine", "CProcess"]),
        .executableTarget(
            name: "leakledger",
            dependencies: [
                "LeakLedger", "Extraction",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "leakledger-bench",
            dependencies: ["LeakLedger"],
            path: "Sources/leakledger-bench"
        ),
        .testTarget(name: "ContentHashTests", dependencies: ["ContentHash"], resources: [.copy("Vectors")]),
        .testTarget(name: "LeakLedgerTests", dependencies: ["LeakLedger"], resources: [.copy("Vectors")]),
        .testTarget(
            name: "ExtractionTests",
            dependencies: [
                "Extraction", "ExtractionEngine", "leakledger-extract", "ContentHash",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "leakledgerTests", dependencies: ["leakledger", "LeakLedger"]),
    ],
    swiftLanguageModes: [.v6]
)
