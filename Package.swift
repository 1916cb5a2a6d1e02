// swift-tools-version: 6.1
import PackageDescription

/// Swift 6 settings shared by every target.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Jitterbug",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "jitterbug", targets: ["jitterbug"]),
        .library(name: "RTP", targets: ["RTP"]),
        .library(name: "Codec", targets: ["Codec"]),
        .library(name: "Media", targets: ["Media"]),
        .library(name: "JitterBuffer", targets: ["JitterBuffer"]),
        .library(name: "Stats", targets: ["Stats"]),
        .library(name: "Impairment", targets: ["Impairment"]),
        .library(name: "Session", targets: ["Session"]),
        .library(name: "SRTP", targets: ["SRTP"]),
        .library(name: "Transport", targets: ["Transport"]),
        .library(name: "Streaming", targets: ["Streaming"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // C libraries from Debian, found with pkg-config.
        .systemLibrary(
            name: "COpus",
            pkgConfig: "opus",
            providers: [.apt(["libopus-dev"])]
        ),
        .systemLibrary(
            name: "CSndfile",
            pkgConfig: "sndfile",
            providers: [.apt(["libsndfile1-dev"])]
        ),
        .systemLibrary(
            name: "CSRTP",
            pkgConfig: "libsrtp2",
            providers: [.apt(["libsrtp2-dev"])]
        ),
        // Policy setup and buffer-growth macros for libsrtp2, which are awkward from Swift.
        .target(name: "CSRTPShim", dependencies: ["CSRTP"]),
        // Non-variadic wrappers for libopus's variadic `opus_*_ctl` calls.
        .target(name: "COpusShim", dependencies: ["COpus"]),

        // Wire format: RTP/RTCP encode and parse, RFC 3550 arithmetic, RFC 4571 framing. No I/O.
        .target(name: "RTP", swiftSettings: swiftSettings),
        // SRTP/SRTCP (RFC 3711) on libsrtp2: sessions, keys, SDP a=crypto (RFC 4568).
        .target(name: "SRTP", dependencies: ["CSRTP", "CSRTPShim"], swiftSettings: swiftSettings),
        // Opus wrapper (PLC, FEC, DTX) and the telemetry payload.
        .target(name: "Codec", dependencies: ["COpus", "COpusShim"], swiftSettings: swiftSettings),
        // Sources and sinks: WAV (libsndfile), tones, raw PCM on pipes.
        .target(name: "Media", dependencies: ["CSndfile"], swiftSettings: swiftSettings),
        // Pure state machines: time and randomness are passed in.
        .target(name: "JitterBuffer", swiftSettings: swiftSettings),
        .target(
            name: "Stats",
            dependencies: [.product(name: "Histogram", package: "hdrhistogram-swift")],
            swiftSettings: swiftSettings
        ),
        .target(name: "Impairment", swiftSettings: swiftSettings),
        // RTCP scheduling, sender/receiver report logic, quality estimate, interval reporting.
        .target(name: "Session", dependencies: ["RTP", "Stats"], swiftSettings: swiftSettings),
        // UDP sessions on SwiftNIO, and the namespace lab (TUN devices relayed through the impairment engine).
        .target(
            name: "Transport",
            dependencies: [
                "RTP", "Impairment",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Prometheus `/metrics` endpoint (swift-metrics + swift-prometheus over NIO HTTP/1).
        .target(
            name: "MetricsExport",
            dependencies: [
                "Streaming",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Sender and receiver pipelines composed from the libraries above.
        .target(
            name: "Streaming",
            dependencies: [
                "RTP", "Codec", "Media", "JitterBuffer", "Stats", "Impairment", "Transport", "Session", "SRTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "jitterbug",
            dependencies: [
                "Streaming", "RTP", "Codec", "Media", "Impairment", "Stats", "JitterBuffer", "Transport",
                "Session", "MetricsExport", "SRTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // Replays delay/loss traces through the jitter buffer: Tools/jitter-eval.
        .executableTarget(name: "jitterbuffer-eval", dependencies: ["JitterBuffer"], swiftSettings: swiftSettings),

        // Test support: counts heap allocations per thread (defines malloc; test binary only).
        .target(name: "CAllocationCounter", path: "Tests/CAllocationCounter"),

        .testTarget(name: "RTPTests", dependencies: ["RTP"], swiftSettings: swiftSettings),
        .testTarget(name: "SRTPTests", dependencies: ["SRTP"], swiftSettings: swiftSettings),
        .testTarget(name: "CodecTests", dependencies: ["Codec", "Media"], swiftSettings: swiftSettings),
        .testTarget(name: "MediaTests", dependencies: ["Media"], swiftSettings: swiftSettings),
        .testTarget(name: "JitterBufferTests", dependencies: ["JitterBuffer"], swiftSettings: swiftSettings),
        .testTarget(name: "StatsTests", dependencies: ["Stats"], swiftSettings: swiftSettings),
        .testTarget(name: "SessionTests", dependencies: ["Session", "RTP", "Stats"], swiftSettings: swiftSettings),
        .testTarget(name: "ImpairmentTests", dependencies: ["Impairment"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TransportTests",
            dependencies: [
                "Transport", "RTP", "Impairment",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StreamingTests",
            dependencies: [
                "Streaming", "RTP", "Codec", "Media", "Transport", "JitterBuffer", "Stats", "CAllocationCounter",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["Media", "RTP"],
            swiftSettings: swiftSettings
        ),
    ]
)
