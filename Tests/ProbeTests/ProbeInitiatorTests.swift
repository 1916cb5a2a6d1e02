import NIOCore
import Probe
import SRTP
import Testing
import Transport

/// The initiator against an in-process responder on loopback: a taken RTCP port (port + 1 of
/// the ephemeral RTP port) is retried with another pair, and per-peer SRTP keys (each test under
/// its peer's key, the responder choosing the key by the source's peer, a wrong key rejected).
@Suite(.serialized) struct ProbeInitiatorTests {
    /// RTP port P free, P + 1 held by another socket on the initiator's wildcard address: the
    /// first attempt fails to bind RTCP, the next (a kernel-chosen pair) succeeds, and the
    /// responder receives the whole test.
    @Test func aTakenRTCPPortIsRetriedWithAnotherPair() async throws {
        let port = try await ProbeLoopback.freePortPair()
        try #require(port > 0)
        // Occupy X on 0.0.0.0 and pin the first attempt's RTP port to X - 1 (free, checked).
        let wildcard = try SocketAddress(ipAddress: "0.0.0.0", port: 0)
        let result = try await UDPTransport.withSocket(boundTo: wildcard) { occupier in
            let taken = try #require(occupier.localAddress?.port)
            var below = wildcard
            below.port = taken - 1
            let rtpFree = (try? await UDPTransport.withSocket(boundTo: below) { _ in true }) ?? false
            try #require(rtpFree, "port \(taken - 1) is in use; rerun")
            // Without a retry this attempt is the whole test, and fails "already in use".
            let alone = await ProbeInitiator.test(
                ProbePeer(name: "r", address: try EndpointAddress(parsing: "127.0.0.1:9", allowBarePort: false)),
                configuration: try ProbeLoopback.configuration(listen: port), rtpPort: { _ in taken - 1 })
            #expect(!alone.ok)
            #expect(alone.failure?.contains("0.0.0.0:\(taken) is already in use") == true, "\(alone.failure ?? "")")
            return try await ProbeLoopback.withResponder(port: port) { responder in
                let peer = ProbePeer(name: "r", address: try EndpointAddress(parsing: "127.0.0.1:\(port)", allowBarePort: false))
                let outbound = await ProbeInitiator.test(
                    peer, configuration: try ProbeLoopback.configuration(listen: port),
                    rtpPort: { attempt in attempt == 1 ? taken - 1 : 0 })
                let inbound = await responder.inbound(atLeast: 1)
                return (outbound, inbound)
            }
        }
        let (outbound, inbound) = result
        #expect(outbound.ok, "\(outbound.failure ?? "")")
        // 1 s of 20 ms frames.
        #expect(outbound.packetsSent == 50)
        #expect(outbound.packetsLost == 0)
        // The responder's own count of the stream it received (its side, not the sender's).
        #expect(inbound.count == 1)
        #expect(inbound.first?.packetsReceived == outbound.packetsSent)
    }
}
