import Foundation
import JitterbugTestSupport
import Testing

/// The receiver's TCP listener counts what it does with connections (SECURITY.md), and says so
/// in `recv --json` (`tcp_listener`), the summary and `/metrics`. Raw TCP clients play the
/// peers; how many of each the test opened is the reference.
@Suite(.serialized) struct TCPListenerCountersCommandTests {
    @Test func everyConnectionOutcomeIsCountedInJSONSummaryAndMetrics() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = directory.appendingPathComponent("summary.json").path
        let port = CommandRunner.freeUDPPort()
        let metricsPort = FreePort.tcp()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--duration", "16s", "--interval", "500ms", "--json", summary,
             "--metrics", "127.0.0.1:\(metricsPort)"])
        defer { _ = try? receiver.finish(timeoutSeconds: 0) }
        try receiver.waitForLine(containing: "Prometheus metrics at")
        // 65 silent connections at once: 64 admitted (the limit) and closed after 2 s of
        // silence, one refused at once.
        let silent = try (0..<65).map { _ in try RawTCPClient(port: port) }
        #expect(silent.filter { $0.closedByPeer(withinSeconds: 5) }.count == 65)
        // One that sends a frame that is not RTP, one that sends a valid frame and goes quiet.
        let bad = try RawTCPClient(port: port)
        try bad.sendFrame([0x00, 0x01, 0x02, 0x03])
        let quiet = try RawTCPClient(port: port)
        try quiet.sendFrame(RawTCPClient.rtpPacket(sequence: 1))
        #expect(bad.closedByPeer(withinSeconds: 3))
        #expect(!quiet.closedByPeer(withinSeconds: 5), "a connection that sent a frame is not closed for silence")
        #expect(quiet.closedByPeer(withinSeconds: 8), "closed after 10 s idle")
        var metrics: [String: Double] = [:]
        _ = Wait.until(timeoutSeconds: 3) {
            metrics = HTTPGet.get(port: metricsPort, path: "/metrics").map { PrometheusEndpointTests.parse($0.1) } ?? [:]
            return metrics["jitterbug_tcp_connections_closed_idle_total"] == 1
        }
        #expect(metrics["jitterbug_tcp_connections_accepted_total"] == 66, "\(metrics)")
        #expect(metrics["jitterbug_tcp_connections_refused_total"] == 1)
        #expect(metrics["jitterbug_tcp_connections_closed_silent_total"] == 64)
        #expect(metrics["jitterbug_tcp_connections_closed_idle_total"] == 1)
        #expect(metrics["jitterbug_tcp_connections_closed_not_rtp_total"] == 1)
        #expect(metrics["jitterbug_tcp_connections_open"] == 0)
        let result = try receiver.finish(timeoutSeconds: 20)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("tcp listener"), "\(result.stdout)")
        #expect(result.stdout.contains("66 accepted, 1 refused over the limit; closed 64 silent, 1 idle, 0 oversize, 1 not RTP"), "\(result.stdout)")
        let json = try readJSONObject(summary)
        let listener = try #require(json["tcp_listener"] as? [String: Any], "\(json)")
        #expect(listener["accepted"] as? Int == 66, "\(listener)")
        #expect(listener["refused_over_limit"] as? Int == 1)
        #expect(listener["closed_silent"] as? Int == 64)
        #expect(listener["closed_idle"] as? Int == 1)
        #expect(listener["closed_not_rtp"] as? Int == 1)
        #expect(listener["closed_oversize"] as? Int == 0)
        #expect(listener["frames"] as? Int == 1)
    }
}
