/// One direction of a TCP connection: source and destination address and port. IPv4
/// addresses are stored with an all-ones upper word, which no IPv6 address in use has.
struct TCPFlowKey: Hashable {
    var source0: UInt64
    var source1: UInt64
    var destination0: UInt64
    var destination1: UInt64
    /// Source port in the upper 16 bits, destination port in the lower.
    var ports: UInt32

    init(_ bytes: [UInt8], _ segment: DecodedSegment) {
        (source0, source1) = Self.words(bytes, at: segment.sourceAddress, isIPv6: segment.isIPv6)
        (destination0, destination1) = Self.words(bytes, at: segment.destinationAddress, isIPv6: segment.isIPv6)
        ports = UInt32(segment.sourcePort) << 16 | UInt32(segment.destinationPort)
    }

    private static func words(_ bytes: [UInt8], at index: Int, isIPv6: Bool) -> (UInt64, UInt64) {
        guard isIPv6 else { return (.max, UInt64(bytes.uint32BE(at: index))) }
        return (
            UInt64(bytes.uint32BE(at: index)) << 32 | UInt64(bytes.uint32BE(at: index + 4)),
            UInt64(bytes.uint32BE(at: index + 8)) << 32 | UInt64(bytes.uint32BE(at: index + 12))
        )
    }
}
