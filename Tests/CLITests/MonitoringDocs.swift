import Foundation

/// The files in docs/monitoring (scrape config, rules, their unit test, the Grafana dashboard),
/// and the rules rewritten for tests that cannot wait five minutes.
enum MonitoringDocs {
    /// docs/monitoring in this checkout.
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/monitoring")
    }

    static func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// docs/monitoring/rules.yml with every `for:` duration replaced by `seconds` seconds: the
    /// same expressions, labels and annotations, firing as soon as a test can see them.
    static func rules(forSeconds seconds: Int) throws -> String {
        let text = try String(contentsOf: file("rules.yml"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let range = line.range(of: "for: "), line[..<range.lowerBound].allSatisfy({ $0 == " " }) else {
                return String(line)
            }
            return line[..<range.upperBound] + "\(seconds)s"
        }.joined(separator: "\n")
    }

    /// The probe's metric names (docs/monitoring/metrics.md, the agreed interface of issue #20).
    static let probeMetrics: Set<String> = [
        "jitterbug_probe_up", "jitterbug_probe_tests_total", "jitterbug_probe_tests_skipped_total",
        "jitterbug_probe_loss_ratio",
        "jitterbug_probe_late_loss_ratio", "jitterbug_probe_jitter_seconds", "jitterbug_probe_mos",
        "jitterbug_probe_rtt_seconds", "jitterbug_probe_one_way_delay_seconds",
        "jitterbug_probe_packets_sent_total", "jitterbug_probe_packets_received_total",
        "jitterbug_probe_packets_lost_total", "jitterbug_probe_rejected_datagrams_total",
    ]
}
