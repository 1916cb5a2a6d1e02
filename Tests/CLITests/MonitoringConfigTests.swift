import Foundation
import JitterbugTestSupport
import Testing

/// docs/monitoring is checked by Prometheus's own tool: the scrape config and the rules load,
/// the rules' unit test (docs/monitoring/rules.test.yml) passes, and the Grafana dashboard is
/// JSON that asks only for metrics the probe exports.
@Suite(.enabled(if: ExternalProgram.which("promtool") != nil, "needs promtool (Tools/setup installs prometheus)"))
struct MonitoringConfigTests {
    static func promtool(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.run(try #require(ExternalProgram.which("promtool")), arguments, timeoutSeconds: 60)
    }

    @Test func scrapeConfigAndRulesLoad() throws {
        let config = try Self.promtool(["check", "config", MonitoringDocs.file("prometheus.yml").path])
        #expect(config.exitCode == 0, "\(config.stdout)\(config.stderr)")
        #expect(config.stdout.contains("1 rule files found"), "\(config.stdout)")
        let rules = try Self.promtool(["check", "rules", MonitoringDocs.file("rules.yml").path])
        #expect(rules.exitCode == 0, "\(rules.stdout)\(rules.stderr)")
        // The rules the tests run with shortened `for:` load too.
        try TemporaryDirectory.withSync { directory in
            let short = directory.appendingPathComponent("rules.yml")
            try MonitoringDocs.rules(forSeconds: 2).write(to: short, atomically: true, encoding: .utf8)
            let checked = try Self.promtool(["check", "rules", short.path])
            #expect(checked.exitCode == 0, "\(checked.stdout)\(checked.stderr)")
            let durations = try String(contentsOf: short, encoding: .utf8).split(separator: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("for: ") }
            #expect(durations.count == 4 && durations.allSatisfy { $0 == "for: 2s" }, "\(durations)")
        }
    }

    /// The alerts fire when, and only when, the issue says (MOS < 3.6 and loss > 1 % for 5 min,
    /// a silent peer, an unscrapable probe), with the labels and text an operator reads.
    @Test func rulesUnitTestPasses() throws {
        let result = try Self.promtool(["test", "rules", MonitoringDocs.file("rules.test.yml").path])
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("SUCCESS"), "\(result.stdout)")
    }

    @Test func alertThresholdsAreTheIssues() throws {
        let rules = try String(contentsOf: MonitoringDocs.file("rules.yml"), encoding: .utf8)
        #expect(rules.contains("expr: jitterbug_probe_mos < 3.6"))
        #expect(rules.contains("expr: jitterbug_probe_loss_ratio > 0.01"))
        #expect(rules.contains("expr: jitterbug_probe_up == 0"))
    }

    /// Every `jitterbug_probe_*` name in the dashboard's queries is one the probe exports
    /// (histogram series by their base name), and the dashboard shows MOS, loss, jitter, RTT,
    /// one-way delay and `up`.
    @Test func dashboardQueriesExportedMetrics() throws {
        let data = try Data(contentsOf: MonitoringDocs.file("grafana-dashboard.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        let expressions = panels.flatMap { panel in
            (panel["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String }
        }
        #expect(!expressions.isEmpty)
        let pattern = try Regex("jitterbug_probe_[a-z_]+")
        var used = Set<String>()
        for expression in expressions {
            for match in expression.matches(of: pattern) {
                var name = String(expression[match.range])
                for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) && !MonitoringDocs.probeMetrics.contains(name) {
                    name = String(name.dropLast(suffix.count))
                }
                used.insert(name)
            }
        }
        #expect(used.isSubset(of: MonitoringDocs.probeMetrics), "unknown: \(used.subtracting(MonitoringDocs.probeMetrics))")
        for needed in ["jitterbug_probe_mos", "jitterbug_probe_loss_ratio", "jitterbug_probe_jitter_seconds",
                       "jitterbug_probe_rtt_seconds", "jitterbug_probe_one_way_delay_seconds", "jitterbug_probe_up"] {
            #expect(used.contains(needed), "\(needed) not on the dashboard")
        }
        #expect(expressions.contains { $0.contains("up{") }, "the scrape target's up is on the dashboard")
    }
}
