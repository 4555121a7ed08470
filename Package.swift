// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "sop",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sop", targets: ["sop"]),
        .executable(name: "sop-webhook", targets: ["sop-webhook"]),
        .library(name: "SOPValidation", targets: ["SOPValidation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // libyaml from the system (Debian: libyaml-dev). Only SOPYAML imports it.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // Source locations, diagnostics and their catalogue of codes.
        .target(name: "SOPCore"),
        // libyaml events → a located node tree.
        .target(name: "SOPYAML", dependencies: ["CYAML", "SOPCore"]),
        // The rule language: a subset of CEL, parsed, type-checked and evaluated.
        .target(name: "SOPRules", dependencies: ["SOPCore"]),
        // Workflow, Calendar and their parts as pure values; the graph of a workflow's steps and
        // the times of its shortest and longest paths.
        .target(name: "SOPModel", dependencies: ["SOPCore", "SOPRules"]),
        // Node tree → model, with shape diagnostics; the workflow library (a folder of workflow
        // and calendar files: listed, loaded, a workflow found by id or path).
        .target(name: "SOPLoading", dependencies: ["SOPCore", "SOPYAML", "SOPRules", "SOPModel"]),
        // Complaint cases: commands → events, the fold of events into state, working time.
        // No YAML, no SQL, no printing; time and ids come in as parameters.
        .target(name: "SOPEngine", dependencies: ["SOPCore", "SOPModel", "SOPRules"]),
        // The store's vocabulary, the same for every database: the store protocol, stored cases,
        // filters, histories for reports, revision moves, errors, the event codec and content
        // addresses by SHA-256 (swift-crypto). No database here.
        .target(
            name: "SOPStorage",
            dependencies: ["SOPCore", "SOPModel", "SOPEngine", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The SQLite store (GRDB): cases, append-only events, staff, attachments, workflow texts.
        .target(
            name: "SOPStore",
            dependencies: [
                "SOPCore", "SOPModel", "SOPEngine", "SOPStorage", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The PostgreSQL store (postgres-nio): the SQLite store's tables, rules and hashes in a
        // database many offices share, the user authenticated by the server itself.
        .target(
            name: "SOPPostgres",
            dependencies: [
                "SOPCore", "SOPModel", "SOPEngine", "SOPStorage", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Many cases written at once and the pages a connection wrote: for sop-bench and imports
        // of synthetic histories, not for the tool.
        .target(
            name: "SOPStoreSeeding",
            dependencies: [
                "SOPStore", "SOPStorage", "SOPEngine", "SOPModel", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The staff's use cases: workflows from files, cases through the engine into the store.
        .target(
            name: "SOPService",
            dependencies: ["SOPCore", "SOPModel", "SOPLoading", "SOPValidation", "SOPEngine", "SOPStorage", "SOPDiff"]
        ),
        // Delivering the outbox's notices: e-mail through the system's mail transfer agent (its
        // `sendmail` interface), webhooks through `sop-webhook`, within office hours, retried with
        // backoff, every attempt recorded.
        .target(name: "SOPDelivery", dependencies: ["SOPCore", "SOPModel", "SOPEngine", "SOPStorage", "SOPService"]),
        // A notice posted to a webhook over HTTP (async-http-client): only `sop-webhook` links it,
        // so that the staff's commands do not load the HTTP client.
        .target(
            name: "SOPWebhook",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ]
        ),
        // The program `sop tick` runs to post one notice to the office's webhook.
        .executableTarget(name: "sop-webhook", dependencies: ["SOPWebhook"]),
        // Reports over many cases: the recap and deadlines met, read in bulk, in working time.
        .target(
            name: "SOPReports",
            dependencies: ["SOPCore", "SOPModel", "SOPLoading", "SOPEngine", "SOPStorage", "SOPService"]
        ),
        // Every check of the workflow revisions it is given, all findings in one run; reads no folder.
        .target(name: "SOPValidation", dependencies: ["SOPCore", "SOPModel", "SOPLoading", "SOPRules"]),
        // Scenario tests (`sop test`): scenario files checked against their workflow and run on the
        // engine in memory with a clock that moves only as they say; coverage and generated scenarios.
        .target(name: "SOPScenarios", dependencies: ["SOPCore", "SOPModel", "SOPLoading", "SOPValidation", "SOPEngine", "SOPRender"]),
        // The semantic difference between two revisions of one SOP: steps, header, definitions, times.
        .target(name: "SOPDiff", dependencies: ["SOPCore", "SOPModel"]),
        // Flowcharts (Mermaid, DOT, SVG) and the signed document (HTML) of a workflow; pure text.
        .target(name: "SOPRender", dependencies: ["SOPCore", "SOPModel"]),
        // The command-line tool: parse arguments, call the library, print.
        .executableTarget(
            name: "sop",
            dependencies: [
                "SOPDiff", "SOPValidation", "SOPLoading", "SOPModel", "SOPCore", "SOPService", "SOPEngine", "SOPStorage", "SOPStore",
                "SOPPostgres", "SOPRender", "SOPReports", "SOPDelivery", "SOPScenarios",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks (release build): `swift run -c release sop-bench`.
        .executableTarget(
            name: "sop-bench",
            dependencies: [
                "SOPValidation", "SOPLoading", "SOPCore", "SOPEngine", "SOPStorage", "SOPStore", "SOPStoreSeeding", "SOPPostgres", "SOPModel",
                "SOPService", "SOPScenarios", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Test support: a seeded random generator (replayable with SOP_TEST_SEED), text with position markers.
        .target(name: "SOPTestSupport", dependencies: ["SOPCore"], path: "Tests/SOPTestSupport"),
        .testTarget(name: "SOPCoreTests", dependencies: ["SOPCore"]),
        .testTarget(name: "SOPYAMLTests", dependencies: ["SOPYAML", "SOPCore", "SOPTestSupport"]),
        .testTarget(name: "SOPRulesTests", dependencies: ["SOPRules", "SOPCore"]),
        .testTarget(name: "SOPModelTests", dependencies: ["SOPModel", "SOPLoading", "SOPCore"]),
        .testTarget(name: "SOPLoadingTests", dependencies: ["SOPLoading", "SOPModel", "SOPCore", "SOPTestSupport"]),
        .testTarget(name: "SOPServiceTests", dependencies: ["SOPService", "SOPStorage", "SOPStore", "SOPTestSupport", "SOPDelivery"]),
        .testTarget(
            name: "SOPReportsTests", dependencies: ["SOPReports", "SOPService", "SOPStorage", "SOPStore", "SOPEngine", "SOPModel"]
        ),
        .testTarget(
            name: "SOPStoreTests",
            dependencies: [
                "SOPStorage", "SOPStore", "SOPStoreSeeding", "SOPPostgres", "SOPEngine", "SOPModel", "SOPLoading", "SOPTestSupport",
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SOPScenariosTests", dependencies: ["SOPScenarios", "SOPLoading", "SOPModel", "SOPEngine", "SOPCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "SOPEngineTests", dependencies: ["SOPEngine", "SOPModel", "SOPLoading", "SOPCore", "SOPRules", "SOPTestSupport"]),
        .testTarget(
            name: "SOPValidationTests",
            dependencies: ["SOPValidation", "SOPLoading", "SOPModel", "SOPCore", "SOPRules", "SOPTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SOPDiffTests",
            dependencies: ["SOPDiff", "SOPLoading", "SOPModel", "SOPCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SOPRenderTests",
            dependencies: ["SOPRender", "SOPLoading", "SOPModel", "SOPCore"],
            exclude: ["Fixtures"]
        ),
        // End-to-end: runs the built `sop` binary (the dependency makes `swift test` build it).
        .testTarget(name: "sopTests", dependencies: ["sop", "sop-webhook", "SOPTestSupport", "SOPYAML"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
