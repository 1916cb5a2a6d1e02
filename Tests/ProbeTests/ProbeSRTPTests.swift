import MetricsExport
import NIOCore
import Probe
import SRTP
import Testing
import Transport

/// Per-peer SRTP keys between an initiator and in-process responders on loopback: each test is
/// protected with its peer's key, each responder picks the key of the peer its source is
/// attributed to, and a stream under any other key is rejected (counted, in /metrics), never
/// measured.
@Suite(.serialized) struct ProbeSRTPTests {
    static func key() -> SRTPKeyMaterial {
        var random = SystemRandomNumberGenerator()
        return SRTPKeyMaterial.generate(suite: .aesCM128HMACSHA1_80, using: &random)
    }

    static func peer(_ name: String, port: Int, key: SRTPKeyMaterial?) throws -> ProbePeer {
        ProbePeer(name: name, address: try EndpointAddress(parsing: "127.0.0.1:\(port)", allowBarePort: false), srtpKey: key)
    }

    @Test func twoPeersWithTheirOwnKeysAreBothMeasuredAndAWrongKeyIsRejected() async throws {
        let keyA = Self.key()
        let keyB = Self.key()
        let portA = try await ProbeLoopback.freePortPair()
        let portB = try await ProbeLoopback.freePortPair()
        try #require(portA > 0 && portB > 0 && portA != portB)
        // Each responder knows this host (127.0.0.1, where the tests come from) as a peer with
        // the key it shares with it: A's and B's differ.
        let outcome = try await ProbeLoopback.withResponder(port: portA, peers: [try Self.peer("me", port: 1, key: keyA)]) { a in
            try await ProbeLoopback.withResponder(port: portB, peers: [try Self.peer("me", port: 1, key: keyB)]) { b in
                let configuration = try ProbeLoopback.configuration(listen: 0)
                let peerA = try Self.peer("a", port: portA, key: keyA)
                let peerB = try Self.peer("b", port: portB, key: keyB)
                async let toA = ProbeInitiator.test(peerA, configuration: configuration)
                async let toB = ProbeInitiator.test(peerB, configuration: configuration)
                let measured = await [toA, toB]
                let inboundA = await a.inbound(atLeast: 1)
                let inboundB = await b.inbound(atLeast: 1)
                // B's key to A, then no key at all: A holds neither for this host.
                let wrongKey = await ProbeInitiator.test(try Self.peer("a", port: portA, key: keyB), configuration: configuration)
                let clear = await ProbeInitiator.test(try Self.peer("a", port: portA, key: nil), configuration: configuration)
                // The rejections reach the responder's summary at its next poll (1 s).
                try await Task.sleep(for: .milliseconds(1_500))
                return (measured, inboundA, inboundB, wrongKey, clear, a.rejected.withLock { $0 }, a.results.withLock { $0 })
            }
        }
        let (measured, inboundA, inboundB, wrongKey, clear, rejectedAtA, allAtA) = outcome
        for result in measured {
            #expect(result.ok, "\(result.peer): \(result.failure ?? "")")
            #expect(result.packetsSent == 50)
            #expect(result.packetsLost == 0)
        }
        // Each responder measured its stream in full and attributed it to the keyed peer.
        #expect(inboundA.map(\.peer) == ["me"])
        #expect(inboundB.map(\.peer) == ["me"])
        #expect(inboundA.first?.packetsReceived == 50)
        #expect(inboundB.first?.packetsReceived == 50)
        // Under a wrong key, or in the clear, no report comes back and nothing is measured.
        #expect(!wrongKey.ok)
        #expect(wrongKey.failure?.contains("SRTP") == true, "\(wrongKey.failure ?? "")")
        #expect(!clear.ok)
        #expect(allAtA.count == 1, "\(allAtA.map(\.peer))")
        // Every RTP packet of both streams failed authentication (50 + 50, plus their RTCP).
        let authFailures = rejectedAtA["srtp_auth_fail", default: 0]
        #expect(authFailures >= 100, "\(rejectedAtA)")
        // And /metrics shows it.
        let metrics = ProbeMetrics()
        metrics.setRejected(rejectedAtA)
        let text = String(decoding: metrics.registry.emitToBuffer(), as: UTF8.self)
        #expect(text.contains("jitterbug_probe_rejected_datagrams_total{reason=\"srtp_auth_fail\"} \(authFailures)"), "\(text)")
    }
}
