/// The result of `jitterbug compare`: run settings and one block per impairment value, rendered
/// as a side-by-side text table (`table`), CSV (`csv`), JSON (`jsonData()`) and SVG (`svg()`).
public struct ComparisonReport: Sendable, Equatable {
    /// `kind` field of the JSON, so `jitterbug stats` can tell compare JSON from recv JSON.
    public static let kind = "jitterbug-compare"
    /// JSON format version (docs/compare-json.md); bump when a field changes meaning.
    public static let formatVersion = 1

    /// Options of the run as given (e.g. "duration": "30s", "frame": "20ms", "source": "tone").
    public var settings: [String: String]
    /// One block per `--sweep` value (exactly one without `--sweep`).
    public var blocks: [ComparisonBlock]

    public init(settings: [String: String] = [:], blocks: [ComparisonBlock]) {
        self.settings = settings
        self.blocks = blocks
    }

    /// The SVG chart (see `ComparisonChart`).
    public var svg: String { ComparisonChart.svg(self) }

    /// The side-by-side table of every block, separated by blank lines, ending in a newline.
    public var table: String {
        blocks.map(Self.table(for:)).joined(separator: "\n\n") + "\n"
    }

    /// One block: heading, measurement and delay-assumption lines, metric rows, takeaway.
    public static func table(for block: ComparisonBlock) -> String {
        let udp = block.udp
        let tcp = block.tcp
        func both(_ name: String, _ value: (PathAnalysis) -> String) -> [String] { [name, value(udp), value(tcp)] }
        func count(_ value: Int, _ percent: Double) -> String { "\(value) (\(CompareFormat.fixed(percent, 1))%)" }
        func milliseconds(_ value: Double?) -> String { CompareFormat.fixed(value, 1) }
        let rows: [[String]] = [
            both("packets sent") { "\($0.packetsSent)" },
            both("delivered on time") { count($0.onTimePackets, PathAnalysis.percent($0.onTimePackets, of: $0.packetsSent)) },
            both("late") { count($0.latePackets, $0.latePercent) },
            both("lost") { count($0.lostPackets, $0.lostPercent) },
            both("concealed (late + lost)") { CompareFormat.fixed($0.concealedPercent, 1) + "%" },
            both("one-way latency p50 (ms)") { milliseconds($0.latencyP50Milliseconds) },
            both("one-way latency p95 (ms)") { milliseconds($0.latencyP95Milliseconds) },
            both("one-way latency p99 (ms)") { milliseconds($0.latencyP99Milliseconds) },
            both("one-way latency max (ms)") { milliseconds($0.latencyMaxMilliseconds) },
            both("jitter, RFC 3550 (ms)") { milliseconds($0.jitterMilliseconds) },
            both("stalls > 3 frames (count)") { "\($0.stalls.count)" },
            both("stall time total (ms)") { milliseconds($0.stalls.totalMilliseconds) },
            both("longest stall (ms)") { milliseconds($0.stalls.longestMilliseconds) },
            both("TCP retransmitted segments") { $0.retransmittedSegments.map { "\($0)" } ?? "—" },
            both("smallest delay, late loss ≤ 1% (ms)") {
                $0.smallestDelayForOnePercentLateLossMilliseconds.map { CompareFormat.fixed($0, 0) }
                    ?? "> \(CompareFormat.fixed($0.deadlineSweep.last?.delayMilliseconds, 0))"
            },
            both("goodput (kbit/s)") { CompareFormat.fixed($0.goodputKilobitsPerSecond, 1) },
            both("header overhead") { CompareFormat.fixed($0.headerOverheadPercent, 1) + "%" },
            both("MOS estimate (G.107 model)") { "\(CompareFormat.fixed($0.mosEstimate, 2)) (R \(CompareFormat.fixed($0.rFactorEstimate, 0)))" },
        ]
        var lines = [
            "\(block.label): playout delay \(CompareFormat.fixed(block.playoutDelayMilliseconds, 0)) ms above each path's fastest packet (\(block.playoutDelayChoice))",
            "measured: UDP = \(udp.measurement); TCP = \(tcp.measurement)",
        ]
        let assumptions = Set([udp.oneWayDelayAssumption, tcp.oneWayDelayAssumption].compactMap { $0 })
        if !assumptions.isEmpty { lines.append("one-way delay: " + assumptions.sorted().joined(separator: "; ")) }
        lines.append(CompareTextTable(header: ["", "UDP", "TCP"], rows: rows).render())
        lines.append("MOS and R are ITU-T G.107 estimates with \(udp.codecImpairment) codec values, not measurements.")
        lines.append(block.takeaway)
        return lines.joined(separator: "\n")
    }

    /// CSV header of `csv`.
    public static let csvColumns = [
        "block", "path", "measurement", "playout_delay_ms", "packets_sent", "on_time", "late", "lost",
        "late_percent", "lost_percent", "concealed_percent", "min_one_way_delay_ms", "latency_p50_ms",
        "latency_p95_ms", "latency_p99_ms", "latency_max_ms", "jitter_ms", "stall_count", "stall_total_ms",
        "stall_longest_ms", "retransmitted_segments", "smallest_delay_late_1pct_ms", "goodput_kbps",
        "header_overhead_percent", "r_factor_estimate", "mos_estimate",
    ]

    /// One row per path per block (UDP then TCP), header first, `\n` line ends. Missing values are empty.
    public var csv: String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        for block in blocks {
            for analysis in [block.udp, block.tcp] {
                let numbers: [Double?] = [
                    block.playoutDelayMilliseconds, Double(analysis.packetsSent), Double(analysis.onTimePackets),
                    Double(analysis.latePackets), Double(analysis.lostPackets), analysis.latePercent, analysis.lostPercent,
                    analysis.concealedPercent, analysis.minimumOneWayDelayMilliseconds, analysis.latencyP50Milliseconds,
                    analysis.latencyP95Milliseconds, analysis.latencyP99Milliseconds, analysis.latencyMaxMilliseconds,
                    analysis.jitterMilliseconds, Double(analysis.stalls.count), analysis.stalls.totalMilliseconds,
                    analysis.stalls.longestMilliseconds, analysis.retransmittedSegments.map(Double.init),
                    analysis.smallestDelayForOnePercentLateLossMilliseconds, analysis.goodputKilobitsPerSecond,
                    analysis.headerOverheadPercent, analysis.rFactorEstimate, analysis.mosEstimate,
                ]
                let fields = [block.label, analysis.path, analysis.measurement].map(CompareFormat.csvField)
                    + numbers.map(CompareFormat.csvNumber)
                lines.append(fields.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
