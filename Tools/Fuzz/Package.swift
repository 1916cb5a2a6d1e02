// swift-tools-version: 6.1
// libFuzzer targets for Jitterbug's parsers and receive path. A separate package because
// `-sanitize=fuzzer,address` applies to the whole build graph. Build and run through
// `Tools/fuzz` (see SECURITY.md, "Fuzzing").
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

/// One libFuzzer executable: `Sources/<name>` defines `LLVMFuzzerTestOneInput` and
/// `<name with _>_main` (see FuzzDriver.h).
func fuzzTarget(_ name: String, _ products: [String], extra: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzDriver", "FuzzSupport"]
            + products.map { .product(name: $0, package: "Jitterbug") } + extra,
        swiftSettings: swiftSettings
    )
}

let package = Package(
    name: "JitterbugFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Jitterbug", path: "../.."),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // `LLVMFuzzerRunDriver` entry for SwiftPM's renamed debug `main` (see FuzzDriver.h).
        .target(name: "FuzzDriver"),
        // Input cursor and property checks shared by the targets.
        .target(name: "FuzzSupport", swiftSettings: swiftSettings),

        fuzzTarget("fuzz-rtp", ["RTP"]),
        fuzzTarget("fuzz-rtcp", ["RTP"]),
        fuzzTarget("fuzz-rtcp-session", ["RTP", "RTCP", "Stats"]),
        fuzzTarget("fuzz-rfc4571", ["RTP"]),
        fuzzTarget("fuzz-telemetry", ["Telemetry"]),
        fuzzTarget("fuzz-impair-spec", ["Impairment"]),
        fuzzTarget("fuzz-srtp", ["SRTP"]),
        fuzzTarget("fuzz-receiver", ["Pipelines"], extra: [.product(name: "NIOCore", package: "swift-nio")]),
        fuzzTarget("fuzz-capture", ["Capture"]),
    ]
)
