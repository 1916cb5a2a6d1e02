import Testing

@testable import SRTP

/// Known-answer tests: libsrtp's published reference packets (test/srtp_driver.c, `srtp_validate`
/// and `srtp_validate_gcm`), produced through our wrapper's wildcard policies.
@Suite struct SRTPKnownAnswerTests {
    /// V=2, PT=15, seq 0x1234, ts 0xdecafbad, SSRC 0xcafebabe, 16 bytes of 0xab.
    static let rtpPlaintext: [UInt8] = [
        0x80, 0x0f, 0x12, 0x34, 0xde, 0xca, 0xfb, 0xad, 0xca, 0xfe, 0xba, 0xbe,
    ] + [UInt8](repeating: 0xab, count: 16)
    /// SR header, SSRC 0xcafebabe, 16 bytes of 0xab.
    static let rtcpPlaintext: [UInt8] = [
        0x81, 0xc8, 0x00, 0x0b, 0xca, 0xfe, 0xba, 0xbe,
    ] + [UInt8](repeating: 0xab, count: 16)

    static let srtpCM80: [UInt8] = [
        0x80, 0x0f, 0x12, 0x34, 0xde, 0xca, 0xfb, 0xad, 0xca, 0xfe, 0xba, 0xbe, 0x4e, 0x55, 0xdc, 0x4c,
        0xe7, 0x99, 0x78, 0xd8, 0x8c, 0xa4, 0xd2, 0x15, 0x94, 0x9d, 0x24, 0x02, 0xb7, 0x8d, 0x6a, 0xcc,
        0x99, 0xea, 0x17, 0x9b, 0x8d, 0xbb,
    ]
    /// E=1, SRTCP index 1, then the 80-bit tag.
    static let srtcpCM80: [UInt8] = [
        0x81, 0xc8, 0x00, 0x0b, 0xca, 0xfe, 0xba, 0xbe, 0x71, 0x28, 0x03, 0x5b, 0xe4, 0x87, 0xb9, 0xbd,
        0xbe, 0xf8, 0x90, 0x41, 0xf9, 0x77, 0xa5, 0xa8, 0x80, 0x00, 0x00, 0x01, 0x99, 0x3e, 0x08, 0xcd,
        0x54, 0xd6, 0xc1, 0x23, 0x07, 0x98,
    ]
    static let srtpGCM: [UInt8] = [
        0x80, 0x0f, 0x12, 0x34, 0xde, 0xca, 0xfb, 0xad, 0xca, 0xfe, 0xba, 0xbe, 0xc5, 0x00, 0x2e, 0xde,
        0x04, 0xcf, 0xdd, 0x2e, 0xb9, 0x11, 0x59, 0xe0, 0x88, 0x0a, 0xa0, 0x6e, 0xd2, 0x97, 0x68, 0x26,
        0xf7, 0x96, 0xb2, 0x01, 0xdf, 0x31, 0x31, 0xa1, 0x27, 0xe8, 0xa3, 0x92,
    ]
    static let srtcpGCM: [UInt8] = [
        0x81, 0xc8, 0x00, 0x0b, 0xca, 0xfe, 0xba, 0xbe, 0xc9, 0x8b, 0x8b, 0x5d, 0xf0, 0x39, 0x2a, 0x55,
        0x85, 0x2b, 0x6c, 0x21, 0xac, 0x8e, 0x70, 0x25, 0xc5, 0x2c, 0x6f, 0xbe, 0xa2, 0xb3, 0xb4, 0x46,
        0xea, 0x31, 0x12, 0x3b, 0xa8, 0x8c, 0xe6, 0x1e, 0x80, 0x00, 0x00, 0x01,
    ]

    @Test func aesCM80MatchesReferenceAndDecrypts() throws {
        let key = try SRTPKeyMaterial(suite: .aesCM128HMACSHA1_80, keyAndSalt: Fixture.referenceKeyCM)
        let sender = try SRTPSession(role: .sender, key: key)
        #expect(try sender.protectRTP(Self.rtpPlaintext) == Self.srtpCM80)
        #expect(try sender.protectRTCP(Self.rtcpPlaintext) == Self.srtcpCM80)

        let receiver = try SRTPSession(role: .receiver, key: key)
        #expect(try receiver.unprotectRTP(Self.srtpCM80) == Self.rtpPlaintext)
        #expect(try receiver.unprotectRTCP(Self.srtcpCM80) == Self.rtcpPlaintext)
    }

    /// The 32-bit suite truncates the same HMAC to 4 bytes on SRTP but keeps 80 bits on SRTCP
    /// (RFC 3711 section 5.2 forbids shorter SRTCP tags), so SRTCP equals the _80 reference.
    @Test func aesCM32TruncatesRTPTagOnlyAndKeeps80BitRTCPTag() throws {
        let key = try SRTPKeyMaterial(suite: .aesCM128HMACSHA1_32, keyAndSalt: Fixture.referenceKeyCM)
        let sender = try SRTPSession(role: .sender, key: key)
        let srtp = try sender.protectRTP(Self.rtpPlaintext)
        #expect(srtp == Array(Self.srtpCM80.prefix(32)))
        #expect(try sender.protectRTCP(Self.rtcpPlaintext) == Self.srtcpCM80)

        let receiver = try SRTPSession(role: .receiver, key: key)
        #expect(try receiver.unprotectRTP(srtp) == Self.rtpPlaintext)
        #expect(try receiver.unprotectRTCP(Self.srtcpCM80) == Self.rtcpPlaintext)
    }

    @Test func aeadGCMMatchesReferenceAndDecrypts() throws {
        let key = try SRTPKeyMaterial(suite: .aeadAES128GCM, keyAndSalt: Fixture.referenceKeyGCM)
        let sender = try SRTPSession(role: .sender, key: key)
        #expect(try sender.protectRTP(Self.rtpPlaintext) == Self.srtpGCM)
        #expect(try sender.protectRTCP(Self.rtcpPlaintext) == Self.srtcpGCM)

        let receiver = try SRTPSession(role: .receiver, key: key)
        #expect(try receiver.unprotectRTP(Self.srtpGCM) == Self.rtpPlaintext)
        #expect(try receiver.unprotectRTCP(Self.srtcpGCM) == Self.rtcpPlaintext)
    }
}
