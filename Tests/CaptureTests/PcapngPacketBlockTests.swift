import JitterbugSupport
import Testing

@testable import Capture

/// The obsolete packet block (type 2, pcapng draft; its interface ID is 16 bits, followed by a
/// 16-bit drops count) reads as the enhanced packet block does: interface, time and frame.
@Suite struct PcapngPacketBlockTests {
    typealias B = CaptureBuilder

    @Test func obsoletePacketBlockOnTheSecondInterface() throws {
        let frame = B.ipv4(protocol: 17, body: B.udp(sourcePort: 5004, destinationPort: 6004, payload: B.rtp(sequence: 7)))
        // Interface 1, 3 drops, 1,700,000,000.000001 s in µs (the default resolution).
        let units: UInt64 = 1_700_000_000_000_001
        let body = B.le16(1) + B.le16(3) + B.le32(UInt32(units >> 32)) + B.le32(UInt32(units & 0xffff_ffff))
            + B.le32(UInt32(frame.count)) + B.le32(UInt32(frame.count)) + frame
        let bytes = B.pcapngSection() + B.pcapngInterface(linkType: 1) + B.pcapngInterface(linkType: 101)
            + B.pcapngBlock(type: 2, body: body)
        let (packets, _) = try ReferenceTool.packets(bytes)
        try #require(packets.count == 1)
        #expect(packets[0].interfaceIndex == 1)
        #expect(packets[0].timestampNanoseconds == 1_700_000_000_000_001_000)
        #expect(packets[0].destination.port == 6004)
        #expect(Array(packets[0].payload) == B.rtp(sequence: 7))
    }
}
