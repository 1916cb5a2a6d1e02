import Testing
@testable import RTP

@Suite("RFC 8285 header extensions")
struct RTPHeaderExtensionTests {
    static let fixedHeader = "90 6f 00 01 00 00 00 00 00 00 00 01"

    /// The one-byte example layout of RFC 8285 §4.2: an element with L=0 (1 byte), one with
    /// L=1 (2 bytes), two padding bytes, one with L=3 (4 bytes); length = 3 words.
    @Test func oneByteFormWithPaddingBytes() throws {
        let bytes = hex(Self.fixedHeader + "be de 00 03 10 aa 21 bb cc 00 00 33 01 02 03 04 ee")
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet.header.extensions == [
            RTPHeaderExtensionElement(id: 1, data: [0xaa]),
            RTPHeaderExtensionElement(id: 2, data: [0xbb, 0xcc]),
            RTPHeaderExtensionElement(id: 3, data: [1, 2, 3, 4]),
        ])
        #expect(packet.payload == [0xee])
        // Re-serialised without the interior padding: elements back to back, padded at the end.
        #expect(packet.serialized() == hex(Self.fixedHeader + "be de 00 03 10 aa 21 bb cc 33 01 02 03 04 00 00 ee"))
    }

    /// The two-byte example layout of RFC 8285 §4.3: L=0, L=1, one padding byte, L=4.
    @Test func twoByteFormWithPaddingByte() throws {
        let bytes = hex(Self.fixedHeader + "10 00 00 03 01 00 02 01 aa 00 03 04 01 02 03 04 ee")
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet.header.extensions == [
            RTPHeaderExtensionElement(id: 1, data: []),
            RTPHeaderExtensionElement(id: 2, data: [0xaa]),
            RTPHeaderExtensionElement(id: 3, data: [1, 2, 3, 4]),
        ])
        // Zero-length element forces the two-byte form on output too.
        #expect(packet.serialized() == hex(Self.fixedHeader + "10 00 00 03 01 00 02 01 aa 03 04 01 02 03 04 00 ee"))
    }

    @Test func twoByteAppBitsAreAccepted() throws {
        let packet = try RTPPacket(parsing: hex(Self.fixedHeader + "10 0f 00 01 07 01 55 00 ee"))
        #expect(packet.header.extensions == [RTPHeaderExtensionElement(id: 7, data: [0x55])])
    }

    @Test func oneByteId15StopsParsing() throws {
        // id 1 parsed, then id 15 (0xf0): the rest (id 2) must be ignored, not an error.
        let packet = try RTPPacket(parsing: hex(Self.fixedHeader + "be de 00 02 10 aa f0 bb 20 cc 00 00 ee"))
        #expect(packet.header.extensions == [RTPHeaderExtensionElement(id: 1, data: [0xaa])])
        #expect(packet.payload == [0xee])
    }

    @Test func formChoiceOnSerialise() {
        func profile(_ elements: [RTPHeaderExtensionElement]) -> [UInt8] {
            let header = RTPHeader(payloadType: 111, sequenceNumber: 0, timestamp: 0, ssrc: 0, extensions: elements)
            return Array(RTPPacket(header: header, payload: [1]).serialized()[12..<14])
        }
        #expect(profile([.init(id: 14, data: Array(repeating: 1, count: 16))]) == [0xbe, 0xde])
        #expect(profile([.init(id: 15, data: [1])]) == [0x10, 0x00])
        #expect(profile([.init(id: 1, data: Array(repeating: 1, count: 17))]) == [0x10, 0x00])
        #expect(profile([.init(id: 1, data: [1]), .init(id: 200, data: [2])]) == [0x10, 0x00])
    }

    @Test func largeTwoByteElementsRoundTrip() throws {
        let elements = [
            RTPHeaderExtensionElement(id: 255, data: Array(repeating: 7, count: 255)),
            RTPHeaderExtensionElement(id: 2, data: []),
        ]
        let packet = RTPPacket(
            header: RTPHeader(payloadType: 111, sequenceNumber: 0, timestamp: 0, ssrc: 0, extensions: elements),
            payload: [1, 2])
        #expect(try RTPPacket(parsing: packet.serialized()) == packet)
    }

    @Test func unknownProfileIsKeptRaw() throws {
        let bytes = hex(Self.fixedHeader + "ab cd 00 01 01 02 03 04 ee")
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet.header.extensions.isEmpty)
        #expect(packet.header.rawExtension == RTPRawHeaderExtension(profile: 0xabcd, data: [1, 2, 3, 4]))
        #expect(packet.serialized() == bytes)
    }

    @Test func emptyExtensionBlockParses() throws {
        let packet = try RTPPacket(parsing: hex(Self.fixedHeader + "be de 00 00 ee"))
        #expect(packet.header.extensions.isEmpty)
        #expect(packet.payload == [0xee])
    }

    @Test func lookupById() throws {
        let packet = try RTPPacket(parsing: hex(Self.fixedHeader + "be de 00 03 10 aa 21 bb cc 00 00 33 01 02 03 04 ee"))
        #expect(packet.header.extensionElement(id: 2)?.data == [0xbb, 0xcc])
        #expect(packet.header.extensionElement(id: 9) == nil)
    }
}
