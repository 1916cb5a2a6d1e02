import Foundation
import JitterbugTestSupport
import Testing

@testable import Capture

/// Every link type, hand-built, read by the reader and by tshark: same datagrams, same times.
@Suite(.enabled(if: ReferenceTool.hasTShark)) struct LinkTypeTests {
    typealias B = CaptureBuilder

    /// IPv4 and IPv6 UDP datagrams carrying RTP, as network-layer packets.
    static let ipv4Packet = B.ipv4(protocol: 17, body: B.udp(sourcePort: 5004, destinationPort: 6004, payload: B.rtp(sequence: 1)))
    static let ipv6Packet = B.ipv6(protocol: 17, body: B.udp(sourcePort: 5006, destinationPort: 6006, payload: B.rtp(sequence: 2)))
    /// IPv4 with 8 bytes of options (two NOPs, a 4-byte router alert, padding).
    static let ipv4Options = B.ipv4(
        protocol: 17, body: B.udp(sourcePort: 5008, destinationPort: 6008, payload: B.rtp(sequence: 3)),
        options: [1, 1, 148, 4, 0, 0, 0, 0])

    static func records(_ frames: [[UInt8]]) -> [(seconds: UInt32, fraction: UInt32, frame: [UInt8], originalLength: Int?)] {
        frames.enumerated().map { (UInt32(1_700_000_000 + $0.offset), UInt32(123_456 + $0.offset), $0.element, nil) }
    }

    /// Writes a pcap of `frames`, compares reader and tshark; returns the reader's counters.
    @discardableResult
    static func agree(linkType: UInt32, _ frames: [[UInt8]], expectedDatagrams: Int) throws -> CaptureCounters {
        let directory = try TemporaryDirectory.create()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try ReferenceTool.write(B.pcap(linkType: linkType, records: records(frames)), "link.pcap", in: directory)
        let reference = try ReferenceTool.tsharkUDP(path)
        let (lines, counters) = try ReferenceTool.readerUDP(path)
        #expect(lines == reference)
        #expect(lines.count == expectedDatagrams)
        return counters
    }

    @Test func ethernetWithVLANAndQinQTags() throws {
        let counters = try Self.agree(linkType: 1, [
            B.ethernet(Self.ipv4Packet),
            B.ethernet(Self.ipv6Packet, etherType: 0x86dd),
            B.ethernet(Self.ipv4Options, tags: [(0x8100, 100)]),
            B.ethernet(Self.ipv6Packet, etherType: 0x86dd, tags: [(0x88a8, 10), (0x8100, 20)]),
            B.ethernet(Self.ipv4Packet, tags: [(0x9100, 7), (0x8100, 8)]),
            B.ethernet([0, 1, 8, 0, 6, 4, 0, 1] + [UInt8](repeating: 0, count: 20), etherType: 0x0806),  // ARP
        ], expectedDatagrams: 5)
        #expect(counters.records == 6)
        #expect(counters.nonIPFrames == 1)
    }

    @Test func linuxCookedSLLAndSLL2() throws {
        try Self.agree(linkType: 113, [B.sll(Self.ipv4Packet), B.sll(Self.ipv6Packet, protocol: 0x86dd)], expectedDatagrams: 2)
        try Self.agree(linkType: 276, [B.sll2(Self.ipv4Packet), B.sll2(Self.ipv6Packet, protocol: 0x86dd)], expectedDatagrams: 2)
    }

    @Test func rawIP() throws {
        try Self.agree(linkType: 101, [Self.ipv4Packet, Self.ipv6Packet, Self.ipv4Options], expectedDatagrams: 3)
        try Self.agree(linkType: 228, [Self.ipv4Packet, Self.ipv4Options], expectedDatagrams: 2)
        try Self.agree(linkType: 229, [Self.ipv6Packet], expectedDatagrams: 1)
    }

    @Test func bsdNullAndLoop() throws {
        // NULL: the writer's byte order (little- and big-endian writers); LOOP: big-endian.
        // AF_INET6 as Linux (10), the BSDs (24, 28) and macOS (30) number it.
        let counters = try Self.agree(linkType: 0, [
            B.bsdLoopback(Self.ipv4Packet, family: 2, bigEndian: false),
            B.bsdLoopback(Self.ipv4Packet, family: 2, bigEndian: true),
            B.bsdLoopback(Self.ipv6Packet, family: 24, bigEndian: false),
            B.bsdLoopback(Self.ipv6Packet, family: 28, bigEndian: false),
            B.bsdLoopback(Self.ipv6Packet, family: 30, bigEndian: true),
            B.bsdLoopback(Self.ipv4Packet, family: 7, bigEndian: false),  // not IP
        ], expectedDatagrams: 5)
        #expect(counters.nonIPFrames == 1)
        try Self.agree(linkType: 108, [
            B.bsdLoopback(Self.ipv4Packet, family: 2, bigEndian: true),
            B.bsdLoopback(Self.ipv6Packet, family: 30, bigEndian: true),
        ], expectedDatagrams: 2)
    }

    /// The BSD raw-IP DLT values some files carry (12, 14): same as 101 (hand expectation: the
    /// datagrams of the 101 file).
    @Test func rawIPAliases() throws {
        let expected = try ReferenceTool.packets(B.pcap(linkType: 101, records: Self.records([Self.ipv4Packet, Self.ipv6Packet])))
        for linkType: UInt32 in [12, 14] {
            let read = try ReferenceTool.packets(B.pcap(linkType: linkType, records: Self.records([Self.ipv4Packet, Self.ipv6Packet])))
            #expect(read.packets.map(ReferenceTool.line) == expected.packets.map(ReferenceTool.line))
            #expect(read.packets.count == 2)
        }
    }

    /// IPv6 with hop-by-hop, routing, destination options and an atomic fragment header; a real
    /// fragment is counted and skipped (tshark does not show it as UDP either: it is a fragment).
    @Test func ipv6ExtensionHeaders() throws {
        let udp = B.udp(sourcePort: 5010, destinationPort: 6010, payload: B.rtp(sequence: 9))
        let chained = B.ipv6(protocol: 17, body: udp, extensions: [
            (0, [5, 2, 0, 0, 1, 0]),  // hop-by-hop: router alert, PadN
            (43, [0, 0, 0, 0, 0, 0]),  // routing type 0, no segments left
            (60, [1, 4, 0, 0, 0, 0]),  // destination options: PadN
            (44, [0, 0, 0, 0, 0, 1]),  // atomic fragment (offset 0, no more fragments)
        ])
        let fragment = B.ipv6(protocol: 17, body: udp, extensions: [(44, [0, 1, 0, 0, 0, 2])])  // M set: first of several
        let counters = try Self.agree(linkType: 101, [chained, fragment, Self.ipv6Packet], expectedDatagrams: 2)
        #expect(counters.ipFragments == 1)
    }

    /// Unknown link types and non-UDP protocols are counted, not returned.
    @Test func otherTrafficIsCounted() throws {
        let icmp = B.ipv4(protocol: 1, body: [8, 0, 0, 0, 0, 1, 0, 1])
        let fragment = B.ipv4(protocol: 17, body: B.udp(sourcePort: 1, destinationPort: 2, payload: [1, 2, 3]), fragment: 0x2000)
        let counters = try Self.agree(linkType: 101, [icmp, fragment, Self.ipv4Packet], expectedDatagrams: 1)
        #expect(counters.otherIPProtocols == 1)
        #expect(counters.ipFragments == 1)
        let unknown = try ReferenceTool.packets(B.pcap(linkType: 147, records: Self.records([Self.ipv4Packet])))
        #expect(unknown.packets.isEmpty)
        #expect(unknown.counters.unsupportedLinkType == 1)
    }
}
