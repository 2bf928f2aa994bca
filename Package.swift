// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "LeakLedger",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ContentHash", targets: ["ContentHash"]),
        .library(name: "LeakLedger", targets: ["LeakLedger"]),
        .library(name: "MailAuth", targets: ["MailAuth"]),
        .library(name: "Commitments", targets: ["Commitments"]),
        .library(name: "QuoteProof", targets: ["QuoteProof"]),
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
        // DKIM verification of e-mail (RFC 6376, RFC 8463) against recorded key records.
        .target(
            name: "MailAuth",
            dependencies: ["ContentHash", "COpenSSL"]
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
        // The per-word hashing of quote commitments, on OpenSSL's SHA-256 without EVP dispatch
        // (see Sources/CQuoteHash/include/CQuoteHash.h).
        .target(
            name: "CQuoteHash",
            dependencies: ["COpenSSL"]
        ),
        // Quote commitments and proofs, blind fingerprints, the keeper's secrets (spec/quote-proof.md).
        .target(
            name: "Commitments",
            dependencies: ["ContentHash", "CQuoteHash"]
        ),
        // The Linux calls Swift's Glibc module leaves out (syncfs, memmem).
        .target(name: "CSystem"),
        .target(
            name: "LeakLedger",
            dependencies: [
                "ContentHash",
                "Extraction",
                "CSystem",
                .product(name: "GRDB", package: "GRDB.swift"),
                "MailAuth",
                "Commitments",
            ]
        ),
        // The quote proof file and its offline verification with the registration's receipt.
        .target(
            name: "QuoteProof",
            dependencies: ["Commitments", "LeakLedger"]
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
                "MailAuth",
                "Commitments",
                "QuoteProof",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "quote-bench",
            dependencies: ["Commitments", "QuoteProof", "LeakLedger"],
            path: "Sources/quote-bench"
        ),
        .testTarget(name: "ContentHashTests", dependencies: ["ContentHash"], resources: [.copy("Vectors")]),
        .testTarget(name: "MailAuthTests", dependencies: ["MailAuth"], resources: [.copy("Vectors")]),
        .testTarget(name: "CommitmentsTests", dependencies: ["Commitments", "QuoteProof", "LeakLedger"], resources: [.copy("Vectors")]),
        .testTarget(name: "LeakLedgerTests", dependencies: ["LeakLedger", "Commitments"], resources: [.copy("Vectors")]),
        .testTarget(
            name: "ExtractionTests",
            dependencies: [
                "Extraction", "ExtractionEngine", "leakledger-extract", "ContentHash",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "leakledgerTests", dependencies: ["leakledger", "LeakLedger", "Commitments", "QuoteProof", "MailAuth"]),
    ],
    swiftLanguageModes: [.v6]
)
