/// Shared RTCP common-header writing (RFC 3550 §6.4.1).
enum RTCPWriter {
    /// Appends V=2, P=0, the 5-bit `count`, `packetType` and a placeholder length.
    /// Returns the index of the packet start for ``finish(packetStart:into:)``.
    static func beginPacket(count: Int, packetType: UInt8, into out: inout [UInt8]) -> Int {
        let start = out.count
        out.append(2 << 6 | UInt8(min(max(count, 0), 31)))
        out.append(packetType)
        out.appendBigEndian(UInt16(0))
        return start
    }

    /// Pads the packet to a 32-bit boundary and patches its length field (words - 1).
    static func finish(packetStart: Int, into out: inout [UInt8]) {
        out.padToWordBoundary(from: packetStart)
        let words = (out.count - packetStart) / 4
        out.writeBigEndian(UInt16(truncatingIfNeeded: words - 1), at: packetStart + 2)
    }
}
