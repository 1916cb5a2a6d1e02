import JitterbugSupport
@testable import SRTP

/// Packet builders and fixtures shared by the SRTP tests.
enum Fixture {
    /// libsrtp's `srtp_validate` master key + salt (test/srtp_driver.c), 30 bytes.
    static let referenceKeyCM: [UInt8] = [
        0xe1, 0xf9, 0x7a, 0x0d, 0x3e, 0x01, 0x8b, 0xe0, 0xd6, 0x4f, 0xa3, 0x2c, 0x06, 0xde, 0x41, 0x39,
        0x0e, 0xc6, 0x75, 0xad, 0x49, 0x8a, 0xfe, 0xeb, 0xb6, 0x96, 0x0b, 0x3a, 0xab, 0xe6,
    ]
    /// libsrtp's `srtp_validate_gcm` master key + salt, 28 bytes.
    static let referenceKeyGCM: [UInt8] = [
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
        0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab,
    ]

    /// A 12-byte RTP header (V=2, PT=111, SSRC) followed by `payload`.
    static func rtp(sequence: UInt16, timestamp: UInt32 = 0, ssrc: UInt32 = 0x1234_5678, payload: [UInt8]) -> [UInt8] {
        var packet: [UInt8] = [0x80, 111]
        packet += bigEndian(UInt32(sequence))[2...]
        packet += bigEndian(timestamp)
        packet += bigEndian(ssrc)
        return packet + payload
    }

    /// A minimal RTCP receiver report (RFC 3550 6.4.2, RC=0): 8 bytes, length field 1.
    static func rtcpReceiverReport(ssrc: UInt32) -> [UInt8] {
        [0x80, 201, 0x00, 0x01] + bigEndian(ssrc)
    }

    /// An RTCP sender report (RC=0): 28 bytes, length field 6.
    static func rtcpSenderReport(ssrc: UInt32, packetCount: UInt32) -> [UInt8] {
        [0x80, 200, 0x00, 0x06] + bigEndian(ssrc) + [UInt8](repeating: 0xab, count: 12)
            + bigEndian(packetCount) + bigEndian(packetCount * 160)
    }

    /// A payload whose bytes depend on `seed`, so packets differ.
    static func payload(count: Int, seed: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed) }
    }

    static func key(_ suite: SRTPSuite, fill: UInt8) throws -> SRTPKeyMaterial {
        try SRTPKeyMaterial(suite: suite, keyAndSalt: [UInt8](repeating: fill, count: suite.keyAndSaltLength))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)]
    }
}

/// Counts rejections by `SRTPError.reason`, as the receiver's statistics will.
struct RejectionCounter {
    private(set) var counts: [String: Int] = [:]

    /// Runs `body`; returns its result, or nil after counting the error's reason.
    mutating func attempt(_ body: () throws(SRTPError) -> [UInt8]) -> [UInt8]? {
        do {
            return try body()
        } catch {
            counts[error.reason, default: 0] += 1
            return nil
        }
    }

    subscript(reason: String) -> Int { counts[reason, default: 0] }
}

