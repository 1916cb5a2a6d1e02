import Foundation
import JitterbugTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The harness of the probe's end-to-end test, proven without the probe: three namespaces on a
/// bridge, nftables dropping 10 % of the RTP between two of them, Debian's Prometheus in the hub
/// namespace scraping `recv --metrics` across the bridge and a static page of probe metrics,
/// with docs/monitoring's rules (shortened `for:`). Checks the counts Prometheus scraped against
/// the nftables counters, the alerts against the static page, and that everything is cleaned up.
@Suite(
    .serialized,
    .enabled(
        if: getuid() == 0 && ExternalProgram.which("ip") != nil && ExternalProgram.which("nft") != nil
            && PrometheusServer.executable != nil && ExternalProgram.which("python3") != nil,
        "needs root, iproute2, nftables, prometheus and python3 (Tools/setup)"))
struct PrometheusHarnessTests {
    /// What a probe named `c` with peers `a` (lossy) and `b` (silent) would export.
    static let staticProbeMetrics = """
        # TYPE jitterbug_probe_up gauge
        jitterbug_probe_up{peer="a"} 1
        jitterbug_probe_up{peer="b"} 0
        # TYPE jitterbug_probe_loss_ratio gauge
        jitterbug_probe_loss_ratio{peer="a",direction="inbound"} 0.2
        jitterbug_probe_loss_ratio{peer="a",direction="outbound"} 0
        # TYPE jitterbug_probe_mos gauge
        jitterbug_probe_mos{peer="a",direction="inbound"} 3.0
        jitterbug_probe_mos{peer="a",direction="outbound"} 4.4

        """

    @Test func prometheusScrapesAcrossNamespacesAndSeesWhatNftablesDropped() throws {
        let ip = try #require(ExternalProgram.which("ip"))
        let nft = try #require(ExternalProgram.which("nft"))
        let python = try #require(ExternalProgram.which("python3"))
        let mesh = try NamespaceBridgeMesh(ip: ip, nft: nft, prefix: "jbph\(getpid() % 10_000)", count: 3, subnet: 211)
        defer { mesh.remove() }
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (port, metricsPort) = (5004, 9464)
        try mesh.impairRTP(from: 0, to: 1, port: port, percent: 10)

        // Member 1: a receiver exporting metrics on the bridge; member 2: a static probe page.
        let receiver = try mesh.start(
            in: 1, CommandRunner.jitterbugPath,
            ["recv", "--listen", "\(mesh.address(of: 1)):\(port)", "--duration", "60s", "--interval", "500ms",
             "--metrics", "\(mesh.address(of: 1)):\(metricsPort)"])
        defer { _ = try? receiver.finish(timeoutSeconds: 0) }
        try receiver.waitForLine(containing: "Prometheus metrics at")
        let page = directory.appendingPathComponent("page")
        try FileManager.default.createDirectory(at: page, withIntermediateDirectories: true)
        try Self.staticProbeMetrics.write(to: page.appendingPathComponent("metrics"), atomically: true, encoding: .utf8)
        let server = try mesh.start(
            in: 2, python, ["-u", "-m", "http.server", "\(metricsPort)", "--bind", mesh.address(of: 2), "--directory", page.path])
        defer { _ = try? server.finish(timeoutSeconds: 0) }
        try server.waitForLine(containing: "Serving HTTP")

        let prometheus = try PrometheusServer(
            targets: [.init(instance: "b", address: "\(mesh.address(of: 1)):\(metricsPort)"),
                      .init(instance: "c", address: "\(mesh.address(of: 2)):\(metricsPort)")],
            scrapeIntervalMilliseconds: 500, rules: try MonitoringDocs.rules(forSeconds: 1), namespace: mesh.hub)
        defer { prometheus.stop() }
        let up = try prometheus.waitFor("up", timeoutSeconds: 15) { $0.count == 2 && $0.allSatisfy { $0.value == 1 } }
        #expect(up.count == 2 && up.allSatisfy { $0.value == 1 }, "\(up)")

        // The sender is killed after 150 packets: no RTCP BYE, so the receiver (and its
        // /metrics) stays up while the counters stand still.
        let sender = try mesh.start(
            in: 0, CommandRunner.jitterbugPath,
            ["send", "--to", "\(mesh.address(of: 1)):\(port)", "--tone", "440", "--duration", "30s"])
        defer { _ = try? sender.finish(timeoutSeconds: 0) }
        _ = try Wait.until(timeoutSeconds: 15) {
            usleep(200_000)
            return try mesh.rtpCounters(from: 0, to: 1).seen >= 150
        }
        kill(sender.process.processIdentifier, SIGKILL)
        _ = try sender.finish(timeoutSeconds: 5)
        let truth = try mesh.rtpCounters(from: 0, to: 1)
        #expect(truth.seen >= 150 && truth.dropped > 0, "some of 150 packets dropped: \(truth)")
        // Everything nftables let through reached the receiver, and Prometheus scraped it.
        let received = try prometheus.waitFor("jitterbug_packets_received_total{instance=\"b\"}", timeoutSeconds: 10) {
            $0.first?.value == Double(truth.seen - truth.dropped)
        }
        #expect(received.first?.value == Double(truth.seen - truth.dropped), "\(received) against \(truth)")
        // RFC 3550 loss misses only drops after the last packet that arrived.
        let lost = try #require(try prometheus.value("jitterbug_packets_lost_total{instance=\"b\"}"))
        #expect(lost > 0 && lost <= Double(truth.dropped) && Double(truth.dropped) - lost <= 3, "lost \(lost), dropped \(truth.dropped)")

        // docs/monitoring's alerts on the static probe page: loss and MOS on a's inbound path,
        // b silent; nothing for a's clean outbound direction.
        let expected: Set<String> = ["JitterbugProbeHighLoss a inbound", "JitterbugProbeLowMOS a inbound", "JitterbugProbePeerDown b -"]
        var firing = Set<String>()
        _ = try Wait.until(timeoutSeconds: 15) {
            firing = Set(try prometheus.alerts().filter { $0.state == "firing" && $0.labels["instance"] == "c" }.map {
                "\($0.labels["alertname"] ?? "?") \($0.labels["peer"] ?? "?") \($0.labels["direction"] ?? "-")"
            })
            return firing == expected
        }
        #expect(firing == expected)
        let worst = try prometheus.value("instance_peer_direction:jitterbug_probe_mos:min5m{instance=\"c\",peer=\"a\",direction=\"inbound\"}")
        #expect(worst == 3.0, "recording rule")
        #expect(try prometheus.value("job:jitterbug_probe_up:avg") == 0.5)

        // Every query on the Grafana dashboard is PromQL this Prometheus accepts.
        for expression in try Self.dashboardExpressions() {
            #expect(throws: Never.self, "\(expression)") { _ = try prometheus.query(expression) }
        }

        receiver.interrupt()
        let stopped = try receiver.finish(timeoutSeconds: 20)
        #expect([0, 130].contains(stopped.exitCode), "recv after Ctrl-C: \(stopped.exitCode) \(stopped.stderr.suffix(500))")
        let storage = prometheus.directory
        prometheus.stop()
        #expect(!prometheus.isRunning)
        #expect(!FileManager.default.fileExists(atPath: storage.path), "storage removed")
    }

    /// The dashboard's queries with its variables replaced by match-all values.
    static func dashboardExpressions() throws -> [String] {
        let data = try Data(contentsOf: MonitoringDocs.file("grafana-dashboard.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        return panels.flatMap { ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String } }.map {
            $0.replacingOccurrences(of: "$__rate_interval", with: "1m").replacingOccurrences(of: "$instance", with: ".*")
                .replacingOccurrences(of: "$peer", with: ".*").replacingOccurrences(of: "$direction", with: ".*")
        }
    }
}
