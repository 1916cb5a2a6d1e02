import RTP

/// Tells RTCP and SRTCP apart from RTP by their first bytes (RFC 5761 §4: packet types 200–207
/// for the ones RFC 3550 and RFC 3611 define), then parses RTCP with the RTP target's parser.
enum ControlPacketClassifier {
    enum Kind {
        case rtcp([RTCPPacket])
        /// SRTCP (RFC 3711 §3.4): the first packet's header and sender SSRC are clear; after the
        /// (encrypted) packets come the E flag with the 31-bit index, then the authentication tag.
        case srtcp(senderSSRC: UInt32)
        /// Looks like RTCP by its second byte but is neither valid RTCP nor SRTCP.
        case malformed
        case notControl
    }

    /// Authentication tag lengths tried for SRTCP: HMAC-SHA1-80, -32, and AES-GCM's 16.
    static let tagLengths = [10, 4, 16]

    static func classify(_ payload: ArraySlice<UInt8>) -> Kind {
        guard payload.count >= 8, payload[payload.startIndex] >> 6 == 2,
            (200...207).contains(payload[payload.startIndex + 1])
        else { return .notControl }
        let bytes = Array(payload)
        if let packets = try? RTCPCompound.parse(bytes) { return .rtcp(packets) }
        let firstLength = 4 * ((Int(bytes[2]) << 8 | Int(bytes[3])) + 1)
        let ssrc = UInt32(bytes[4]) << 24 | UInt32(bytes[5]) << 16 | UInt32(bytes[6]) << 8 | UInt32(bytes[7])
        for tag in tagLengths {
            let trailer = bytes.count - tag - 4
            guard trailer >= 8, trailer % 4 == 0 else { continue }
            if bytes[trailer] & 0x80 != 0 {
                // Encrypted: only the first packet's length can be checked.
                if firstLength <= trailer { return .srtcp(senderSSRC: ssrc) }
            } else if (try? RTCPCompound.parse(Array(bytes[0..<trailer]))) != nil {
                return .srtcp(senderSSRC: ssrc)
            }
        }
        return .malformed
    }
}
