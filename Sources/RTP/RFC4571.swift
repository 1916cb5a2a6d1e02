/// RFC 4571 framing of RTP/RTCP over connection-oriented transport: each packet is preceded by
/// a 16-bit big-endian length.
public enum RFC4571 {
    /// Largest payload a frame can carry, in bytes.
    public static let maxFrameLength = 65_535

    /// Returns `payload` prefixed with its 2-byte length.
    /// - Throws: ``RFC4571Error/frameTooLarge`` when `payload` exceeds 65 535 bytes.
    public static func frame(_ payload: [UInt8]) throws(RFC4571Error) -> [UInt8] {
        guard payload.count <= maxFrameLength else { throw .frameTooLarge }
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + 2)
        out.appendBigEndian(UInt16(payload.count))
        out.append(contentsOf: payload)
        return out
    }
}
