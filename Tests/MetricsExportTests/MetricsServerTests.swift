import JitterbugTestSupport
import MetricsExport
import NIOCore
import Prometheus
import Testing

@Suite("Prometheus endpoint server", .serialized)
struct MetricsServerTests {
    /// Runs a server with `registry` on a free loopback port until `body` returns.
    private func withServer(
        _ registry: PrometheusCollectorRegistry, maxConnections: Int = 16, idleTimeout: TimeAmount = .seconds(10),
        _ body: (Int) async throws -> Void
    ) async throws {
        let port = FreePort.tcp()
        let address = try SocketAddress(ipAddress: "127.0.0.1", port: port)
        let server = Task { try await MetricsServer.run(
                registry: registry, address: address, maxConnections: maxConnections, idleTimeout: idleTimeout) }
        defer { server.cancel() }
        #expect(await Wait.until { LoopbackHTTPClient(port: port) != nil })
        try await body(port)
    }

    private func scrape(_ port: Int, _ path: String = "/metrics") -> String {
        guard let client = LoopbackHTTPClient(port: port), client.send("GET", path) else { return "" }
        return client.readAll()
    }

    @Test("GET /metrics gives the registry in the text format; other paths 404")
    func servesMetrics() async throws {
        let registry = PrometheusCollectorRegistry()
        registry.makeCounter(descriptor: MetricNameDescriptor(metricName: "jitterbug_test_total", unitName: "", helpText: "a test counter")).increment(by: Int64(3))
        try await withServer(registry) { port in
            let response = scrape(port)
            #expect(response.hasPrefix("HTTP/1.1 200 OK"))
            #expect(response.contains("text/plain; version=0.0.4"))
            #expect(response.contains("jitterbug_test_total 3"))
            #expect(scrape(port, "/").hasPrefix("HTTP/1.1 404"))
        }
    }

    @Test("beyond maxConnections a connection is closed without a response; a freed slot serves again")
    func connectionCap() async throws {
        let registry = PrometheusCollectorRegistry()
        registry.makeCounter(descriptor: MetricNameDescriptor(metricName: "jitterbug_test_total", unitName: "", helpText: "a test counter")).increment()
        try await withServer(registry, maxConnections: 1) { port in
            // Holds the only slot: connected, request never finished.
            var holder = LoopbackHTTPClient(port: port)
            #expect(holder != nil)
            try await Task.sleep(for: .milliseconds(200))
            #expect(scrape(port) == "")
            holder = nil
            #expect(await Wait.until { scrape(port).hasPrefix("HTTP/1.1 200 OK") })
            _ = holder
        }
    }

    @Test("a client that connects and stalls is closed after idleTimeout and frees its slot")
    func stalledClientClosed() async throws {
        let registry = PrometheusCollectorRegistry()
        try await withServer(registry, maxConnections: 1, idleTimeout: .milliseconds(300)) { port in
            let stalled = try #require(LoopbackHTTPClient(port: port))
            let start = ContinuousClock.now
            #expect(stalled.readAll() == "")  // returns when the server closes (or after 5 s)
            let waited = ContinuousClock.now - start
            #expect(waited >= .milliseconds(250) && waited < .seconds(4))
            #expect(scrape(port).hasPrefix("HTTP/1.1 200 OK"))
        }
    }

    @Test("cancelled while connections are arriving: no trap", arguments: 0..<20)
    func cancelledWhileAccepting(round: Int) async throws {
        let registry = PrometheusCollectorRegistry()
        try await withServer(registry) { port in
            let clients = (0..<(4 + round % 4)).compactMap { _ in LoopbackHTTPClient(port: port) }
            #expect(!clients.isEmpty)
        }
    }
}
