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
        // The libraries a user of the package imports; everything else is `package` access.
        .library(name: "RTP", targets: ["RTP"]),
        .library(name: "SRTP", targets: ["SRTP"]),
        .library(name: "RTCP", targets: ["RTCP"]),
        .library(name: "Opus", targets: ["Opus"]),
        .library(name: "Telemetry", targets: ["Telemetry"]),
        .library(name: "Media", targets: ["Media"]),
        .library(name: "JitterBuffer", targets: ["JitterBuffer"]),
        .library(name: "Stats", targets: ["Stats"]),
        .library(name: "Impairment", targets: ["Impairment"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Pipelines", targets: ["Pipelines"]),
        .library(name: "Capture", targets: ["Capture"]),
        .library(name: "Analysis", targets: ["Analysis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
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
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Policy setup and buffer-growth macros for libsrtp2, which are awkward from Swift.
        .target(name: "CSRTPShim", dependencies: ["CSRTP"]),
        // Non-variadic wrappers for libopus's variadic `opus_*_ctl` calls.
        .target(name: "COpusShim", dependencies: ["COpus"]),
        // An eBPF socket filter (raw bpf(2), Linux headers only) that counts the datagrams
        // reaching a UDP socket, GRO aggregates by their segments: exact drops under GRO.
        .target(name: "CSocketCounter"),

        // Units, number text, the one seeded generator (package access only). Depends on nothing.
        .target(name: "JitterbugSupport", swiftSettings: swiftSettings),

        // Wire formats: RTP/RTCP encode and parse, RFC 3550 arithmetic, RFC 4571 framing. No I/O.
        .target(name: "RTP", dependencies: ["JitterbugSupport"], swiftSettings: swiftSettings),
        // SRTP/SRTCP (RFC 3711) on libsrtp2: sessions, keys, SDP a=crypto (RFC 4568).
        .target(name: "SRTP", dependencies: ["CSRTP", "CSRTPShim"], swiftSettings: swiftSettings),

        // Codecs and payloads.
        // The Opus wrapper (RFC 6716/7587: encode, decode, PLC, FEC, DTX) on libopus.
        .target(name: "Opus", dependencies: ["COpus", "COpusShim"], swiftSettings: swiftSettings),
        // Sensor telemetry: schema, payload, packetizer, sample sources and sinks.
        .target(name: "Telemetry", dependencies: ["JitterbugSupport"], swiftSettings: swiftSettings),
        // Audio sources and sinks: WAV (libsndfile), test signals, raw PCM on pipes.
        .target(name: "Media", dependencies: ["CSndfile", "JitterbugSupport"], swiftSettings: swiftSettings),

        // Pure state machines: time and randomness are passed in.
        .target(name: "JitterBuffer", dependencies: ["JitterbugSupport"], swiftSettings: swiftSettings),
        .target(
            name: "Stats",
            dependencies: ["JitterbugSupport", .product(name: "Histogram", package: "hdrhistogram-swift")],
            swiftSettings: swiftSettings
        ),
        .target(name: "Impairment", dependencies: ["JitterbugSupport"], swiftSettings: swiftSettings),

        // RTCP (RFC 3550 §6, RFC 3611 XR): sender and receiver sides, scheduler, report figures.
        .target(name: "RTCP", dependencies: ["RTP", "Stats", "JitterbugSupport"], swiftSettings: swiftSettings),
        // Summaries, interval records, writers (text, JSONL, CSV), compare + stats + SVG charts.
        .target(
            name: "Reports",
            dependencies: ["RTP", "RTCP", "Stats", "JitterBuffer", "JitterbugSupport"],
            swiftSettings: swiftSettings
        ),
        // UDP and TCP (RFC 4571) on SwiftNIO; nothing else.
        .target(
            name: "Transport",
            dependencies: [
                "RTP", "JitterbugSupport", "CSocketCounter",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The namespace lab (Linux): network namespaces, TUN devices relayed through the
        // impairment engine, process spawning.
        .target(name: "Lab", dependencies: ["Impairment", "JitterbugSupport"], swiftSettings: swiftSettings),
        // Sender and receiver pipelines composed from the libraries above, auto fallback, relay.
        .target(
            name: "Pipelines",
            dependencies: [
                "RTP", "SRTP", "RTCP", "Opus", "Telemetry", "Media", "JitterBuffer", "Stats", "Impairment",
                "Reports", "Transport", "Lab", "Capture", "JitterbugSupport",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Capture files (Linux and BSD link layers, IPv4/IPv6, UDP, TCP reassembly): pcap and
        // pcapng reading (gzip too), pcap writing. No I/O but the file's own.
        .target(name: "Capture", dependencies: ["CZlib", "RTP", "JitterbugSupport"], swiftSettings: swiftSettings),
        // `analyze`: streams found in a capture, their statistics, and what jitter buffers would
        // have played (replays, the optimal-delay curve, decoded WAV, charts).
        .target(
            name: "Analysis",
            dependencies: [
                "Capture", "RTP", "RTCP", "Stats", "JitterBuffer", "Opus", "Media", "Telemetry", "Reports",
                "JitterbugSupport",
            ],
            swiftSettings: swiftSettings
        ),
        // `probe`: a long-running responder and initiator testing a list of peers on a
        // staggered schedule (sender and receiver pipelines, RTCP, E-model), results per peer.
        .target(
            name: "Probe",
            dependencies: [
                "Pipelines", "Reports", "RTCP", "SRTP", "Stats", "Transport", "Media", "Opus", "Telemetry",
                "JitterbugSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // Prometheus `/metrics` endpoint (swift-metrics + swift-prometheus over NIO HTTP/1).
        .target(
            name: "MetricsExport",
            dependencies: [
                "Pipelines", "Probe", "Reports", "Transport", "JitterbugSupport",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The live browser view (`recv --web`): the page, Server-Sent Events, JSON snapshots and
        // per-stream history rings, on NIO HTTP/1; fed the snapshots the receiver publishes.
        .target(
            name: "WebView",
            dependencies: [
                "Reports", "Transport", "JitterbugSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [.copy("Page")],
            swiftSettings: swiftSettings
        ),
        // The command line: parses, validates, calls a pipeline, prints.
        .executableTarget(
            name: "jitterbug",
            dependencies: [
                "Pipelines", "Probe", "MetricsExport", "WebView", "Lab", "Capture", "Analysis", "Reports", "Transport", "RTP", "SRTP",
                "RTCP", "Opus",
                "Telemetry", "Media", "JitterBuffer", "Stats", "Impairment", "JitterbugSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // Jitter buffer evaluation: traces, replays of Jitterbug's buffer and the baselines
        // (NetEq, GStreamer, Ramjee, fixed), the optimal-delay curve, tables and plots.
        .target(
            name: "JitterBufferEvaluation", dependencies: ["JitterBuffer", "JitterbugSupport"],
            swiftSettings: swiftSettings
        ),
        // Prints the evaluation table at equal late loss: Tools/jitter-eval.
        .executableTarget(
            name: "jitterbuffer-eval", dependencies: ["JitterBufferEvaluation"], swiftSettings: swiftSettings
        ),

        // Test support: counts heap allocations per thread (defines malloc; test binary only).
        .target(name: "CAllocationCounter", path: "Tests/CAllocationCounter"),
        // Test support shared by the test targets: temporary directories, free ports, programs on
        // PATH, the child-process runner with readiness waits.
        .target(name: "JitterbugTestSupport", path: "Tests/JitterbugTestSupport", swiftSettings: swiftSettings),

        .testTarget(name: "JitterbugSupportTests", dependencies: ["JitterbugSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "RTPTests", dependencies: ["RTP", "JitterbugSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "SRTPTests", dependencies: ["SRTP", "JitterbugSupport", "JitterbugTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "OpusTests", dependencies: ["Opus", "Media", "JitterbugSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "TelemetryTests", dependencies: ["Telemetry", "JitterbugSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "MediaTests", dependencies: ["Media", "JitterbugSupport", "JitterbugTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "JitterBufferTests", dependencies: ["JitterBuffer", "JitterbugSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "JitterBufferEvaluationTests",
            dependencies: ["JitterBufferEvaluation", "JitterBuffer", "JitterbugSupport", "JitterbugTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "StatsTests", dependencies: ["Stats", "JitterbugSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ImpairmentTests", dependencies: ["Impairment", "JitterbugSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "RTCPTests", dependencies: ["RTCP", "RTP", "Stats", "JitterbugSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ReportsTests", dependencies: ["Reports", "RTCP", "RTP", "Stats", "JitterbugSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TransportTests",
            dependencies: [
                "Transport", "RTP", "JitterbugSupport", "JitterbugTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "LabTests", dependencies: ["Lab", "Impairment", "JitterbugSupport", "JitterbugTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PipelinesTests",
            dependencies: [
                "Pipelines", "RTP", "RTCP", "Opus", "Telemetry", "Media", "Transport", "JitterBuffer", "Stats",
                "Reports", "SRTP", "Impairment", "JitterbugSupport", "CAllocationCounter",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CaptureTests", dependencies: ["Capture", "RTP", "JitterbugSupport", "JitterbugTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AnalysisTests",
            dependencies: [
                "Analysis", "Capture", "RTP", "Opus", "Media", "JitterBuffer", "Stats", "JitterbugSupport",
                "JitterbugTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ProbeTests",
            dependencies: [
                "Probe", "MetricsExport", "Pipelines", "Reports", "Transport", "JitterbugSupport", "Opus", "SRTP",
                "JitterbugTestSupport", "RTP", "Media",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MetricsExportTests",
            dependencies: [
                "MetricsExport", "JitterbugTestSupport",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WebViewTests",
            dependencies: [
                "WebView", "Reports", "JitterbugTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["Media", "RTP", "JitterbugTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
