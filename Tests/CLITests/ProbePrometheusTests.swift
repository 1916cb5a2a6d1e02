import Foundation
import JitterbugTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `jitterbug probe` against a real Prometheus (issue #20): three probes `a`, `b`, `c` in three
/// network namespaces on a bridge, each probing the other two every 4 s (2 s tests); nftables
/// drops 10 % of the RTP between `a` and `b` in both directions and counts it. Debian's
/// Prometheus, in the hub namespace, scrapes all three with docs/monitoring's rules (`for:`
/// shortened to 2 s); the test reads everything through Prometheus's HTTP API and compares it
/// with the nftables counters. Then `c` is killed and restarted: the others must see it go down
/// within two intervals and come back.
///
/// `JITTERBUG_PROBE_EXECUTABLE` points the test at another build of `jitterbug` (one that has
/// `probe`); by default it is this build's.
@Suite(
    .serialized,
    .enabled(
        if: getuid() == 0 && ExternalProgram.which("ip") != nil && ExternalProgram.which("nft") != nil
            && PrometheusServer.executable != nil && ExternalProgram.which("python3") != nil,
        "needs root, iproute2, nftables, prometheus and python3 (Tools/setup)"),
    .enabled(if: ProbeExecutable.isAvailable, "this jitterbug has no probe command"))
struct ProbePrometheusTests {
    static let names = ["a", "b", "c"]
    static let (port, metricsPort) = (5004, 9464)
    /// The probing period and test length, seconds.
    static let (everySeconds, testSeconds) = (4.0, 2.0)
    static let dropPercent = 10

    /// Starts probe `index` in its namespace, probing the other two.
    static func startProbe(_ index: Int, in mesh: NamespaceBridgeMesh, events: URL) throws -> RunningCommand {
        var arguments = [
            "probe", "--name", names[index], "--listen", "\(mesh.address(of: index)):\(port)",
            "--allow-from", "10.77.\(mesh.subnet).0/24", "--every", "\(Int(everySeconds))s", "--test", "\(Int(testSeconds))s",
            "--metrics", "\(mesh.address(of: index)):\(metricsPort)", "--events", events.path,
        ]
        for peer in names.indices where peer != index {
            arguments += ["--peer", "\(names[peer])=\(mesh.address(of: peer)):\(port)"]
        }
        return try mesh.start(in: index, ProbeExecutable.path, arguments)
    }

    @Test func threeProbesScrapedByPrometheus() throws {
        let ip = try #require(ExternalProgram.which("ip"))
        let nft = try #require(ExternalProgram.which("nft"))
        let mesh = try NamespaceBridgeMesh(ip: ip, nft: nft, prefix: "jbpp\(getpid() % 10_000)", count: 3, subnet: 212)
        defer { mesh.remove() }
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The impaired pair: a <-> b, both directions.
        try mesh.impairRTP(from: 0, to: 1, port: Self.port, percent: Self.dropPercent)
        try mesh.impairRTP(from: 1, to: 0, port: Self.port, percent: Self.dropPercent)

        var probes: [RunningCommand] = []
        defer { for probe in probes { _ = try? probe.finish(timeoutSeconds: 0) } }
        for index in Self.names.indices {
            probes.append(try Self.startProbe(index, in: mesh, events: directory.appendingPathComponent("\(Self.names[index]).jsonl")))
        }
        for probe in probes { try probe.waitForLine(containing: "listening on", timeoutSeconds: 20) }
        let prometheus = try PrometheusServer(
            targets: Self.names.indices.map { .init(instance: Self.names[$0], address: "\(mesh.address(of: $0)):\(Self.metricsPort)") },
            scrapeIntervalMilliseconds: 1_000, rules: try MonitoringDocs.rules(forSeconds: 2), namespace: mesh.hub)
        defer { prometheus.stop() }

        // Steady state: every path has answered and finished two good tests.
        let settled = try prometheus.waitFor(
            "min(sum by (instance, peer) (jitterbug_probe_tests_total{result=\"ok\"})) >= 2 and count(jitterbug_probe_up == 1) == 6",
            timeoutSeconds: 40
        ) { !$0.isEmpty }
        guard !settled.isEmpty else {
            let tests = (try? prometheus.query("jitterbug_probe_tests_total")) ?? []
            Issue.record("no steady state within 40 s: \(tests)\n\(Self.logs(probes))")
            return
        }
        try checkSteadyState(prometheus, mesh)
        try checkKilledProbe(prometheus, mesh, &probes, directory: directory)

        for probe in probes {
            probe.process.terminate()
            #expect(try probe.finish(timeoutSeconds: 15).exitCode == 0, "clean shutdown on SIGTERM")
        }
    }

    /// Every probe up, loss on a <-> b within tolerance of nftables, 0 elsewhere, MOS lower on
    /// the impaired pair, the loss alert firing for it.
    func checkSteadyState(_ prometheus: PrometheusServer, _ mesh: NamespaceBridgeMesh) throws {
        let up = try prometheus.query("up{job=\"jitterbug-probe\"}")
        #expect(up.count == 3 && up.allSatisfy { $0.value == 1 }, "\(up)")
        let peersUp = try prometheus.query("jitterbug_probe_up")
        #expect(peersUp.count == 6 && peersUp.allSatisfy { $0.value == 1 }, "\(peersUp)")

        // Clean pairs: every path touching c, both directions, lost nothing.
        let clean = try prometheus.query("jitterbug_probe_loss_ratio{instance=\"c\"} or jitterbug_probe_loss_ratio{peer=\"c\"}")
        #expect(clean.count == 8 && clean.allSatisfy { $0.value == 0 }, "\(clean)")
        let cleanLost = try prometheus.query(
            "jitterbug_probe_packets_lost_total{instance=\"c\"} or jitterbug_probe_packets_lost_total{peer=\"c\"}")
        #expect(!cleanLost.isEmpty && cleanLost.allSatisfy { $0.value == 0 }, "\(cleanLost)")

        for (receiver, sender) in [(0, 1), (1, 0)] {
            let (here, there) = (Self.names[receiver], Self.names[sender])
            // Prometheus first, nftables after: counters only grow, so the scraped ones cannot
            // exceed the ground truth read later.
            let lost = try #require(try prometheus.value(
                "jitterbug_probe_packets_lost_total{instance=\"\(here)\",peer=\"\(there)\",direction=\"inbound\"}"))
            let received = try #require(try prometheus.value(
                "jitterbug_probe_packets_received_total{instance=\"\(here)\",peer=\"\(there)\"}"))
            let truth = try mesh.rtpCounters(from: sender, to: receiver)
            print("probe e2e: \(there) -> \(here): Prometheus received \(received) lost \(lost); nftables seen \(truth.seen) dropped \(truth.dropped)")
            #expect(lost > 0 && lost <= Double(truth.dropped), "\(there)->\(here): lost \(lost), nftables dropped \(truth.dropped)")
            #expect(received <= Double(truth.seen - truth.dropped), "\(there)->\(here): received \(received) of \(truth)")
            let measured = lost / max(1, lost + received)
            let groundTruth = Double(truth.dropped) / Double(max(1, truth.seen))
            // The finished tests are a sample of what nftables counted (it also saw the test in
            // progress, and tests sent before the peer listened), so the ratios differ by
            // sampling: within four binomial standard deviations of the finished tests' packets
            // (about ±0.11 at 9 % over 100 packets). Three failed one CI run: 5 lost of 188
            // against nftables's 36 of 330, with two pairs checked per run.
            let tolerance = 4 * (groundTruth * (1 - groundTruth) / max(1, lost + received)).squareRoot() + 0.01
            #expect(abs(measured - groundTruth) <= tolerance, "\(there)->\(here): loss \(measured) against nftables \(groundTruth) (± \(tolerance))")
            // The last test's gauge, here and as the sender learned it from RTCP.
            let inbound = try #require(try prometheus.value(
                "jitterbug_probe_loss_ratio{instance=\"\(here)\",peer=\"\(there)\",direction=\"inbound\"}"))
            #expect(inbound > 0 && inbound <= 0.3, "\(there)->\(here) last test loss \(inbound)")
            let outbound = try #require(try prometheus.value(
                "jitterbug_probe_loss_ratio{instance=\"\(there)\",peer=\"\(here)\",direction=\"outbound\"}"))
            #expect(outbound > 0 && outbound <= 0.3, "\(there)->\(here) loss as \(there) learned it: \(outbound)")
            // MOS: inbound counts late packets as lost too, and a loaded machine makes some late
            // on any path, so compare averages over the last tests; outbound (the receiver's
            // RTCP view) sees network loss only.
            let mos = "jitterbug_probe_mos{instance=\"\(here)\",direction=\"inbound\""
            let impairedMOS = try #require(try prometheus.value("avg_over_time(\(mos),peer=\"\(there)\"}[1m])"))
            let cleanMOS = try #require(try prometheus.value("avg_over_time(\(mos),peer=\"c\"}[1m])"))
            let sent = "jitterbug_probe_mos{instance=\"\(there)\",direction=\"outbound\""
            let impairedSent = try #require(try prometheus.value("\(sent),peer=\"\(here)\"}"))
            let cleanSent = try #require(try prometheus.value("\(sent),peer=\"c\"}"))
            print("probe e2e: MOS \(there)->\(here) \(impairedMOS) (c->\(here) \(cleanMOS)), as \(there) learned it \(impairedSent) (\(there)->c \(cleanSent)); last-test loss \(inbound)")
            #expect(impairedMOS < cleanMOS)
            #expect(impairedSent < cleanSent)
        }

        // docs/monitoring's loss alert fires for the impaired pair, and only for it.
        var firing: [PrometheusServer.Alert] = []
        _ = try Wait.until(timeoutSeconds: 10) {
            firing = try prometheus.alerts().filter { $0.state == "firing" && $0.labels["alertname"] == "JitterbugProbeHighLoss" }
            return Set(firing.map { $0.labels["instance"] ?? "" }) == ["a", "b"]
        }
        #expect(Set(firing.map { $0.labels["instance"] ?? "" }) == ["a", "b"], "\(firing)")
        #expect(firing.allSatisfy { ["a", "b"].contains($0.labels["peer"] ?? "") }, "\(firing)")
        print("probe e2e: firing \(firing)")
        // Its MOS alert fires on the impaired pair too (not asserted absent elsewhere: late
        // packets on a loaded machine can push a clean path's inbound MOS below 3.6 for a test).
        let lowMOS = try Self.waitForAlerts(prometheus, "JitterbugProbeLowMOS", timeoutSeconds: 10) { alerts in
            alerts.contains { ["a", "b"].contains($0.labels["instance"] ?? "") && ["a", "b"].contains($0.labels["peer"] ?? "") }
        }
        #expect(!lowMOS.isEmpty, "JitterbugProbeLowMOS for a <-> b")
    }

    /// Polls `/api/v1/alerts` until the firing alerts named `name` satisfy `condition`; returns
    /// them (empty when it never held).
    static func waitForAlerts(
        _ prometheus: PrometheusServer, _ name: String, timeoutSeconds: Double,
        _ condition: ([PrometheusServer.Alert]) -> Bool
    ) throws -> [PrometheusServer.Alert] {
        var firing: [PrometheusServer.Alert] = []
        let held = try Wait.until(timeoutSeconds: timeoutSeconds) {
            firing = try prometheus.alerts().filter { $0.state == "firing" && $0.labels["alertname"] == name }
            return condition(firing)
        }
        return held ? firing : []
    }

    /// c killed: a and b report it down within two intervals (plus a scrape); c restarted: up
    /// again within two intervals.
    func checkKilledProbe(
        _ prometheus: PrometheusServer, _ mesh: NamespaceBridgeMesh, _ probes: inout [RunningCommand], directory: URL
    ) throws {
        let limit = 2 * Self.everySeconds + 2
        kill(probes[2].process.processIdentifier, SIGKILL)
        _ = try probes[2].finish(timeoutSeconds: 5)
        let killed = Date()
        let down = try prometheus.waitFor("jitterbug_probe_up{peer=\"c\"} == 0", timeoutSeconds: limit) { $0.count == 2 }
        let downAfter = Date().timeIntervalSince(killed)
        print("probe e2e: c reported down by a and b after \(downAfter) s")
        #expect(down.count == 2, "a and b see c down within \(limit) s: \((try? prometheus.query("jitterbug_probe_up")) ?? [])")
        #expect(try prometheus.waitFor("up{instance=\"c\"} == 0", timeoutSeconds: 3) { $0.count == 1 }.count == 1)
        // docs/monitoring's alerts: the peers' view and Prometheus's own.
        let peerDown = try Self.waitForAlerts(prometheus, "JitterbugProbePeerDown", timeoutSeconds: 6) { alerts in
            Set(alerts.filter { $0.labels["peer"] == "c" }.compactMap { $0.labels["instance"] }) == ["a", "b"]
        }
        #expect(!peerDown.isEmpty, "JitterbugProbePeerDown from a and b for c")
        let targetDown = try Self.waitForAlerts(prometheus, "JitterbugProbeTargetDown", timeoutSeconds: 6) { alerts in
            alerts.contains { $0.labels["instance"] == "c" }
        }
        #expect(!targetDown.isEmpty, "JitterbugProbeTargetDown for c")
        // a and b still see each other.
        #expect(try prometheus.query("jitterbug_probe_up{peer!=\"c\"} == 1").count == 2)

        probes[2] = try Self.startProbe(2, in: mesh, events: directory.appendingPathComponent("c-again.jsonl"))
        try probes[2].waitForLine(containing: "listening on", timeoutSeconds: 20)
        let restarted = Date()
        let back = try prometheus.waitFor("jitterbug_probe_up{peer=\"c\"} == 1", timeoutSeconds: limit) { $0.count == 2 }
        print("probe e2e: c reported up again after \(Date().timeIntervalSince(restarted)) s")
        #expect(back.count == 2, "a and b see c back within \(limit) s: \((try? prometheus.query("jitterbug_probe_up")) ?? [])")
        #expect(try prometheus.waitFor("up{instance=\"c\"} == 1", timeoutSeconds: 5) { $0.count == 1 }.count == 1)
    }

    /// The probes' standard error, for failure messages (they are stopped first).
    static func logs(_ probes: [RunningCommand]) -> String {
        probes.enumerated().map { index, probe in
            "\(names[index]): \((try? probe.finish(timeoutSeconds: 0))?.stderr.suffix(1_500) ?? "")"
        }.joined(separator: "\n")
    }
}
