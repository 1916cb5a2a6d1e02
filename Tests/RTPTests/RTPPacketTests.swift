import Testing
@testable import RTP

@Suite("RTP packet parse and serialise")
struct RTPPacketTests {
    /// An Opus packet as seen on the wire: V=2, no P/X, CC=0, M=0, PT=111 (0x6f),
    /// seq 0x1a2b, timestamp 0x00003c00 (15360), SSRC 0xdeadbeef, Opus TOC 0xfc + 2 bytes.
    static let opusPacket = hex("80 6f 1a 2b 00 00 3c 00 de ad be ef fc ff fe")

    @Test func parsesCapturedOpusHeader() throws {
        let packet = try RTPPacket(parsing: Self.opusPacket)
        #expect(packet.header.marker == false)
        #expect(packet.header.payloadType == 111)
        #expect(packet.header.sequenceNumber == 0x1a2b)
        #expect(packet.header.timestamp == 15_360)
        #expect(packet.header.ssrc == 0xdead_beef)
        #expect(packet.header.csrcs.isEmpty)
        #expect(packet.header.extensions.isEmpty)
        #expect(packet.header.paddingLength == 0)
        #expect(packet.payload == [0xfc, 0xff, 0xfe])
        #expect(packet.serialized() == Self.opusPacket)
    }

    @Test func markerBitAndPayloadType() throws {
        // 0xef = marker + PT 111 (first packet after a talkspurt starts).
        let packet = try RTPPacket(parsing: hex("80 ef 00 00 00 00 00 00 00 00 00 01 aa"))
        #expect(packet.header.marker)
        #expect(packet.header.payloadType == 111)
    }

    @Test func csrcListRoundTrip() throws {
        let bytes = hex("""
            82 00 00 05 00 00 00 10 00 00 00 01
            11 11 11 11 22 22 22 22
            01 02
            """)
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet.header.csrcs == [0x1111_1111, 0x2222_2222])
        #expect(packet.header.payloadType == 0)
        #expect(packet.payload == [1, 2])
        #expect(packet.serialized() == bytes)
    }

    @Test func paddingBitStripsPadding() throws {
        let bytes = hex("a0 6f 00 01 00 00 00 00 00 00 00 02 aa bb 00 00 03")
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet.header.paddingLength == 3)
        #expect(packet.payload == [0xaa, 0xbb])
        #expect(packet.serialized() == bytes)
    }

    @Test func paddingOnlyPacketIsAcceptedByDefault() throws {
        let bytes = hex("a0 6f 00 01 00 00 00 00 00 00 00 02 00 00 00 04")
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet.payload.isEmpty)
        #expect(packet.header.paddingLength == 4)
    }

    @Test func fullRoundTripWithEverything() throws {
        let header = RTPHeader(
            marker: true, payloadType: 96, sequenceNumber: 65_535, timestamp: 0xFFFF_FFFF, ssrc: 42,
            csrcs: Array(1...15), extensions: [RTPHeaderExtensionElement(id: 5, data: [1, 2, 3])],
            paddingLength: 7)
        let packet = RTPPacket(header: header, payload: Array(0..<100))
        let bytes = packet.serialized()
        #expect(bytes.count == packet.serializedLength)
        #expect(bytes.count == 12 + 60 + 8 + 100 + 7)
        #expect(try RTPPacket(parsing: bytes) == packet)
    }

    @Test func serializeIntoAppends() {
        let packet = RTPPacket(
            header: RTPHeader(payloadType: 111, sequenceNumber: 1, timestamp: 2, ssrc: 3), payload: [9])
        var buffer: [UInt8] = [0xAA]
        packet.serialize(into: &buffer)
        #expect(buffer.first == 0xAA)
        #expect(Array(buffer.dropFirst()) == packet.serialized())
    }

    @Test func serialisationClampsOutOfRangeFields() throws {
        let header = RTPHeader(
            payloadType: 0xFF, sequenceNumber: 1, timestamp: 2, ssrc: 3, csrcs: Array(0..<20),
            paddingLength: 300)
        let bytes = RTPPacket(header: header, payload: [1]).serialized()
        let parsed = try RTPPacket(parsing: bytes, limits: RTPParseLimits(maxPacketBytes: 2000))
        #expect(parsed.header.payloadType == 127)
        #expect(parsed.header.csrcs == Array(0..<15))
        #expect(parsed.header.paddingLength == 255)
        #expect(parsed.payload == [1])
    }

    @Test func sequenceWrapSerialises() throws {
        for sequence: UInt16 in [65_535, 0] {
            let packet = RTPPacket(
                header: RTPHeader(payloadType: 111, sequenceNumber: sequence, timestamp: 0, ssrc: 1), payload: [0])
            let bytes = packet.serialized()
            #expect(bytes[2] == UInt8(sequence >> 8) && bytes[3] == UInt8(sequence & 0xFF))
            #expect(try RTPPacket(parsing: bytes).header.sequenceNumber == sequence)
        }
    }

    @Test func peeksWithoutFullParse() {
        Self.opusPacket.withUnsafeBytes { buffer in
            #expect(RTPPacket.peekSSRC(buffer) == 0xdead_beef)
            #expect(RTPPacket.peekSequenceNumber(buffer) == 0x1a2b)
            #expect(RTPPacket.peekPayloadType(buffer) == 111)
        }
        #expect(RTPPacket.peekSSRC(Array(Self.opusPacket.prefix(11))) == nil)
        var wrongVersion = Self.opusPacket
        wrongVersion[0] = 0x40
        #expect(RTPPacket.peekSSRC(wrongVersion) == nil)
    }
}
