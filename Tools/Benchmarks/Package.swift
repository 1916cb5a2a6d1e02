// swift-tools-version: 6.1
// Micro-benchmarks of Jitterbug's per-packet operations (package-benchmark). Run them with
// `Tools/bench-micro`; results are in BENCHMARKS.md. A package of its own so the main package
// does not depend on the benchmark framework.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

/// A library of the main package.
func jitterbug(_ product: String) -> Target.Dependency {
    .product(name: product, package: "Jitterbug")
}

/// One package-benchmark suite: `Benchmarks/<name>/<name>.swift` defining `let benchmarks`.
func suite(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "benchmark")] + dependencies,
        path: "Benchmarks/\(name)",
        swiftSettings: swiftSettings,
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "JitterbugBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Jitterbug", path: "../.."),
        // The trait list replaces the default traits: malloc counting on; the Swift 6.3 ARC
        // runtime interposer off (these metrics do not need it, so its package is not fetched).
        .package(url: "https://github.com/ordo-one/benchmark.git", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // libopus called directly, as the baseline for the Codec wrapper. Not `COpus`: the main
        // package's module of that name is linked into the same executable.
        .systemLibrary(
            name: "CLibopus",
            pkgConfig: "opus",
            providers: [.apt(["libopus-dev"])]
        ),
        suite("RTPBenchmarks", [jitterbug("RTP")]),
        suite("JitterBufferBenchmarks", [jitterbug("JitterBuffer")]),
        suite("StatsBenchmarks", [jitterbug("Stats")]),
        suite("ImpairmentBenchmarks", [jitterbug("Impairment")]),
        suite("OpusBenchmarks", [jitterbug("Opus"), "CLibopus"]),
        suite("TimeScalingBenchmarks", [jitterbug("Media"), jitterbug("Opus")]),
    ]
)
