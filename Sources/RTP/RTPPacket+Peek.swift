/// Cheap field reads for demultiplexing, without validating or copying the packet.
extension RTPPacket {
    /// SSRC of an RTP packet, or `nil` when shorter than 12 bytes or version is not 2.
    public static func peekSSRC(_ bytes: UnsafeRawBufferPointer) -> UInt32? {
        guard bytes.count >= 12, bytes[0] >> 6 == 2 else { return nil }
        return ByteReader.uint32(bytes, at: 8)
    }

    /// Sequence number, or `nil` when shorter than 12 bytes or version is not 2.
    public static func peekSequenceNumber(_ bytes: UnsafeRawBufferPointer) -> UInt16? {
        guard bytes.count >= 12, bytes[0] >> 6 == 2 else { return nil }
        return ByteReader.uint16(bytes, at: 2)
    }

    /// Payload type (0...127), or `nil` when shorter than 12 bytes or version is not 2.
    public static func peekPayloadType(_ bytes: UnsafeRawBufferPointer) -> UInt8? {
        guard bytes.count >= 12, bytes[0] >> 6 == 2 else { return nil }
        return bytes[1] & 0x7F
    }

    /// Array convenience for ``peekSSRC(_:)-(UnsafeRawBufferPointer)``.
    public static func peekSSRC(_ bytes: [UInt8]) -> UInt32? {
        bytes.withUnsafeBytes { peekSSRC($0) }
    }
}
