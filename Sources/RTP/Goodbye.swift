/// RTCP BYE, packet type 203 (RFC 3550 §6.6).
public struct Goodbye: Sendable, Hashable {
    public static let packetType: UInt8 = 203

    /// Sources leaving; at most 31 are serialised.
    public var ssrcs: [UInt32]
    /// Optional reason for leaving, UTF-8, truncated to 255 bytes (whole characters) when serialised.
    public var reason: String?

    public init(ssrcs: [UInt32], reason: String? = nil) {
        self.ssrcs = ssrcs
        self.reason = reason
    }

    static func parse(count: Int, body reader: inout ByteReader) throws(RTCPParseError) -> Goodbye {
        var ssrcs: [UInt32] = []
        for _ in 0..<count {
            guard let ssrc = reader.readUInt32() else { throw .malformedGoodbye }
            ssrcs.append(ssrc)
        }
        var reason: String?
        if let length = reader.readUInt8(), length > 0 {
            guard let text = reader.readBytes(Int(length)) else { throw .malformedGoodbye }
            reason = String(decoding: text, as: UTF8.self)
        }
        return Goodbye(ssrcs: ssrcs, reason: reason)
    }

    func serialize(into out: inout [UInt8]) {
        let ssrcs = ssrcs.prefix(31)
        let start = RTCPWriter.beginPacket(count: ssrcs.count, packetType: Self.packetType, into: &out)
        for ssrc in ssrcs { out.appendBigEndian(ssrc) }
        if let reason, !reason.isEmpty {
            // Truncate at a scalar boundary: a cut through a multi-byte character would put
            // invalid UTF-8 on the wire (and the reason would not survive a round trip).
            var text: [UInt8] = []
            for scalar in reason.unicodeScalars {
                guard text.count + UTF8.width(scalar) <= 255 else { break }
                UTF8.encode(scalar) { text.append($0) }
            }
            out.append(UInt8(text.count))
            out.append(contentsOf: text)
        }
        RTCPWriter.finish(packetStart: start, into: &out)
    }
}
