import JitterbugSupport
import Testing
@testable import RTP

@Suite("RTP packetizer")
struct RTPPacketizerTests {
    @Test func randomInitialStateIsDeterministicPerSeed() {
        var first = SplitMix64(seed: 1)
        var second = SplitMix64(seed: 1)
        var third = SplitMix64(seed: 2)
        let a = RTPPacketizer(payloadType: 111, clockRate: 48_000, generator: &first)
        let b = RTPPacketizer(payloadType: 111, clockRate: 48_000, generator: &second)
        let c = RTPPacketizer(payloadType: 111, clockRate: 48_000, generator: &third)
        #expect(a.ssrc == b.ssrc && a.nextSequenceNumber == b.nextSequenceNumber)
        #expect(a.initialTimestamp == b.initialTimestamp)
        #expect(a.ssrc != c.ssrc)
    }

    @Test func sequenceWrapsAndCountersAccumulate() throws {
        var packetizer = RTPPacketizer(
            payloadType: 111, clockRate: 48_000, ssrc: 0x1234, initialSequenceNumber: 65_534,
            initialTimestamp: 0xFFFF_FC40)
        let payloads: [[UInt8]] = [[1, 2, 3], [4], [5, 6], []]
        var packets: [RTPPacket] = []
        for (index, payload) in payloads.enumerated() {
            packets.append(
                packetizer.makePacket(
                    payload: payload, timestampOffsetSamples: UInt32(index * 960), marker: index == 0))
        }
        #expect(packets.map(\.header.sequenceNumber) == [65_534, 65_535, 0, 1])
        #expect(packets.map(\.header.timestamp) == [0xFFFF_FC40, 0, 960, 1920])
        #expect(packets.map(\.header.marker) == [true, false, false, false])
        #expect(packets.allSatisfy { $0.header.ssrc == 0x1234 && $0.header.payloadType == 111 })
        #expect(packetizer.packetCount == 4)
        #expect(packetizer.octetCount == 6)
        #expect(packetizer.nextSequenceNumber == 2)
        for packet in packets {
            #expect(try RTPPacket(parsing: packet.serialized()) == packet)
        }
        let report = packetizer.makeSenderReport(
            ntp: NTPTimestamp(seconds: 5, fraction: 0), timestampOffsetSamples: 4 * 960)
        #expect(report.ssrc == 0x1234 && report.packetCount == 4 && report.octetCount == 6)
        #expect(report.rtpTimestamp == 2880)
    }

    @Test func extensionsArePassedThrough() {
        var packetizer = RTPPacketizer(
            payloadType: 96, clockRate: 8_000, ssrc: 1, initialSequenceNumber: 0, initialTimestamp: 0)
        let element = NTPTimestamp(sinceUnixEpoch: .seconds(1)).ntp64ExtensionElement()
        let packet = packetizer.makePacket(
            payload: [0], timestampOffsetSamples: 160, marker: false, extensions: [element])
        #expect(packet.header.extensions == [element])
        #expect(packet.header.timestamp == 160)
        #expect(packetizer.rtpTimestamp(offsetSamples: 320) == 320)
    }
}
