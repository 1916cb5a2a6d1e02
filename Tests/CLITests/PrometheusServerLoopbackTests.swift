import Foundation
import JitterbugTestSupport
import Testing

/// ``PrometheusServer`` in this process's own network namespace (no root needed): it scrapes
/// `recv --metrics` on loopback, answers queries, reports a bad query as an error, and leaves
/// nothing behind.
@Suite(
    .serialized,
    .enabled(if: PrometheusServer.executable != nil && ExternalProgram.which("python3") != nil,
             "needs prometheus and python3 (Tools/setup)"))
struct PrometheusServerLoopbackTests {
    @Test func scrapesRecvOnLoopback() throws {
        let metricsPort = FreePort.tcp()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(CommandRunner.freeUDPPort())", "--duration", "60s",
             "--metrics", "127.0.0.1:\(metricsPort)"])
        defer { _ = try? receiver.finish(timeoutSeconds: 0) }
        try receiver.waitForLine(containing: "Prometheus metrics at")
        let prometheus = try PrometheusServer(
            targets: [.init(instance: "recv", address: "127.0.0.1:\(metricsPort)")], scrapeIntervalMilliseconds: 500)
        defer { prometheus.stop() }
        #expect(prometheus.namespace == nil && prometheus.isRunning)
        let up = try prometheus.waitFor("up{instance=\"recv\",job=\"jitterbug-probe\"}", timeoutSeconds: 15) { $0.first?.value == 1 }
        #expect(up.count == 1 && up.first?.value == 1, "\(up)")
        #expect(try prometheus.value("jitterbug_packets_received_total{instance=\"recv\"}") == 0)
        #expect(try prometheus.query("jitterbug_no_such_metric").isEmpty)
        // A malformed query is Prometheus's 400 answer, surfaced as an error naming it.
        #expect(throws: PrometheusServer.Failure.self) { try prometheus.query("sum(") }
        #expect(try prometheus.alerts().isEmpty, "no rules, no alerts")

        let directory = prometheus.directory
        prometheus.stop()
        #expect(!prometheus.isRunning)
        #expect(!FileManager.default.fileExists(atPath: directory.path))
        #expect(prometheus.stop().isEmpty, "stopping twice does nothing")
    }
}
