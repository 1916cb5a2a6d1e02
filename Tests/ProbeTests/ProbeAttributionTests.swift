import Probe
import Testing
import Transport

/// Inbound streams are attributed to peers by their source host; unknown and shared hosts go
/// to "other".
@Suite struct ProbeAttributionTests {
    let attribution = ProbeAttribution(peers: [
        ("paris", "192.0.2.7"), ("berlin", "2001:db8::8"), ("lab1", "198.51.100.1"), ("lab2", "198.51.100.1"),
        ("unresolved", nil),
    ])

    @Test func aStreamFromAPeersHostIsThatPeers() {
        // The source port is whatever the sender's ephemeral port was: it does not matter.
        #expect(attribution.peer(forStream: "192.0.2.7:40123 ssrc 0x1234abcd") == "paris")
        #expect(attribution.peer(forStream: "192.0.2.7:5004") == "paris")
        #expect(attribution.peer(forStream: "[2001:db8::8]:40000 ssrc 0x1") == "berlin")
        #expect(attribution.peer(forStream: "[2001:DB8::8]:40000 ssrc 0x1") == "berlin")
    }

    /// A dual-stack socket sees IPv4 peers as IPv4-mapped IPv6 addresses.
    @Test func anIPv4MappedSourceIsTheIPv4Peer() {
        #expect(attribution.peer(forStream: "[::ffff:192.0.2.7]:40000 ssrc 0x2") == "paris")
    }

    @Test func unknownHostsAndSharedHostsAreOther() {
        #expect(attribution.peer(forStream: "203.0.113.5:40000 ssrc 0x3") == "other")
        #expect(attribution.peer(forStream: "198.51.100.1:40000 ssrc 0x3") == "other")
        #expect(attribution.isShared("198.51.100.1"))
        #expect(!attribution.isShared("192.0.2.7"))
        #expect(attribution.peer(forStream: "garbage") == "other")
        #expect(attribution.peer(forStream: "") == "other")
    }

    /// Resolving real peer addresses (literals: no DNS needed).
    @Test func resolvingPeersUsesTheirHosts() {
        let resolved = ProbeAttribution.resolving([
            ProbePeer(name: "a", address: EndpointAddress(host: "127.0.0.1", port: 27_000)),
            ProbePeer(name: "b", address: EndpointAddress(host: "::1", port: 27_010)),
        ])
        #expect(resolved.peer(forStream: "127.0.0.1:55555 ssrc 0x9") == "a")
        #expect(resolved.peer(forStream: "[::1]:55555 ssrc 0x9") == "b")
    }
}
