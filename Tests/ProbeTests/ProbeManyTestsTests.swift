import NIOCore
import Probe
import Testing
import Transport

/// Real tests on loopback, many of them: a responder keeps giving every initiator its RTT after
/// its 16th test (its RTCP source table kept the first 16 SSRCs, so later SRs were ignored and
/// the `jitterbug_probe_rtt_seconds` gauge froze at an early value).
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
}
