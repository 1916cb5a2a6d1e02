import Testing
@testable import Capture

/// ``PcapWriterEndpoint``: address bytes in and out, and the family rules of a written packet.
@Suite struct PcapWriterEndpointTests {
    @Test func addressBytesRoundTrip() throws {
        let v4 = try #require(PcapWriterEndpoint(address: [192, 0, 2, 7], port: 9))
        #expect(!v4.isIPv6 && v4.low == 0xC000_0207 && v4.port == 9)
        #expect(v4.addressBytes == [192, 0, 2, 7])
        let v6Bytes: [UInt8] = [0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x42]
        let v6 = try #require(PcapWriterEndpoint(address: v6Bytes, port: 5004))
        #expect(v6.isIPv6 && v6.high == 0x2001_0DB8_0000_0000 && v6.low == 0x42)
        #expect(v6.addressBytes == v6Bytes)
        #expect(v6.captureEndpoint == CaptureEndpoint(address: v6Bytes, port: 5004))
        #expect(PcapWriterEndpoint(address: [1, 2, 3], port: 1) == nil)
        #expect(PcapWriterEndpoint(address: [UInt8](repeating: 1, count: 17), port: 1) == nil)
    }

    @Test func packetPairFamilies() {
        let mapped = PcapWriterEndpoint(ipv6High: 0, low: 0xFFFF_7F00_0001, port: 1000)
        let wildcard6 = PcapWriterEndpoint(ipv6High: 0, low: 0, port: 5004)
        let pair = PcapWriterEndpoint.packetPair(source: mapped, destination: wildcard6)
        #expect(pair.source == PcapWriterEndpoint(ipv4: 0x7F00_0001, port: 1000))
        #expect(pair.destination == PcapWriterEndpoint(ipv4: 0x7F00_0001, port: 5004))
        // An IPv6 source with an IPv4 destination (cannot be one packet): ::1 keeps the port.
        let v6 = PcapWriterEndpoint(ipv6High: 0x2001_0DB8_0000_0000, low: 1, port: 1)
        let v4 = PcapWriterEndpoint(ipv4: 0x0A00_0001, port: 7)
        #expect(PcapWriterEndpoint.packetPair(source: v6, destination: v4).destination == .loopback(ipv6: true, port: 7))
        // A real destination is kept.
        #expect(PcapWriterEndpoint.packetPair(source: v4, destination: v4).destination == v4)
    }
}
