import MetricsExport
import NIOCore
import Probe
import Synchronization
import Testing
import Transport

/// Real tests on loopback, many of them: a responder keeps giving every initiator its RTT after
/// its 16th test (its RTCP source table kept the first 16 SSRCs, so later SRs were ignored and
/// the `jitterbug_probe_rtt_seconds` gauge froze at an early value); and a due test whose
/// previous test to the peer is still running is skipped and counted in /metrics.
@Suite(.serialized) struct ProbeManyTestsTests {
    static func peer(_ name: String, port: Int) throws -> ProbePeer {
        ProbePeer(name: name, address: try EndpointAddress(parsing: "127.0.0.1:\(port)", allowBarePort: false))
    }

    @Test func everyTestGetsItsRoundTripTimeAfterManyTests() async throws {
        let port = try await ProbeLoopback.freePortPair()
        try #require(port > 0)
        let rounds = 6
        let concurrent = 4
        let (outbound, inbound) = try await ProbeLoopback.withResponder(port: port) { responder in
            var configuration = try ProbeLoopback.configuration(listen: 0)
            configuration.testDuration = .milliseconds(200)
            let peer = try Self.peer("r", port: port)
            let short = configuration
            var outbound: [ProbeTestResult] = []
            for _ in 0..<rounds {
                outbound += await withTaskGroup(of: ProbeTestResult.self) { group in
                    for _ in 0..<concurrent { group.addTask { await ProbeInitiator.test(peer, configuration: short) } }
                    return await group.reduce(into: []) { $0.append($1) }
                }
            }
            return (outbound, await responder.inbound(atLeast: rounds * concurrent, withinSeconds: 30))
        }
        #expect(outbound.count == rounds * concurrent)
        for (index, result) in outbound.enumerated() {
            #expect(result.ok, "test \(index): \(result.failure ?? "")")
            #expect(result.roundTripSeconds != nil, "test \(index) has no RTT")
        }
        #expect(inbound.count == rounds * concurrent)
    }

    @Test func aDueTestWhosePreviousOneIsStillRunningIsSkippedAndCounted() async throws {
        let listen = try await ProbeLoopback.freePortPair()
        let silent = try await ProbeLoopback.freePortPair()
        try #require(listen > 0 && silent > 0 && listen != silent)
        // A peer that reads and never answers (both its ports held, so no ICMP refusal either):
        // each test runs 200 ms and then waits 1.5 s for a receiver report, and the test is due
        // every 200 ms.
        let host = "127.0.0.1"
        let skipped = try await UDPTransport.withSocket(boundTo: try SocketAddress(ipAddress: host, port: silent)) { _ in
            try await UDPTransport.withSocket(boundTo: try SocketAddress(ipAddress: host, port: silent + 1)) { _ in
                var configuration = try ProbeLoopback.configuration(listen: listen)
                configuration.every = .milliseconds(200)
                configuration.testDuration = .milliseconds(200)
                let metrics = ProbeMetrics()
                metrics.setPeers(["silent"])
                let calls = Mutex<[String]>([])
                let results = Mutex<[ProbeTestResult]>([])
                let runner = ProbeRunner(
                    configuration: configuration, peers: [try Self.peer("silent", port: silent)],
                    onSkipped: { name in
                        calls.withLock { $0.append(name) }
                        metrics.recordSkipped(peer: name)
                    }, onResult: { result in results.withLock { $0.append(result) } })
                let task = Task { try await runner.run { _ in } }
                for _ in 0..<300 where calls.withLock({ $0.count }) < 3 {
                    try await Task.sleep(for: .milliseconds(100))
                }
                task.cancel()
                try await task.value
                return (calls.withLock { $0 }, results.withLock { $0 }, ProbeMetricsTests.text(metrics))
            }
        }
        let (calls, results, text) = skipped
        #expect(calls.count >= 3)
        #expect(Set(calls) == ["silent"])
        // One test at a time: the skipped ones never ran.
        #expect(results.filter { $0.direction == .outbound }.count <= 1)
        #expect(text.contains(#"jitterbug_probe_tests_skipped_total{peer="silent"} \#(calls.count)"# + "\n"), "\(text)")
        #expect(text.contains("# TYPE jitterbug_probe_tests_skipped_total counter"))
    }
}
