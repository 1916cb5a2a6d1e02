/// A UDP datagram or TCP segment found in a record: positions in the reader's buffer.
struct DecodedSegment {
    /// Whether the addresses are IPv6 (16 bytes) rather than IPv4 (4 bytes).
    var isIPv6: Bool
    /// Buffer index of the source and destination addresses.
    var sourceAddress: Int
    var destinationAddress: Int
    var sourcePort: UInt16
    var destinationPort: UInt16
    /// The UDP or TCP payload: `payloadStart..<payloadEnd` of the buffer.
    var payloadStart: Int
    var payloadEnd: Int
    /// TCP only: whether it is TCP, its sequence number and flags (FIN 0x01, SYN 0x02, RST 0x04).
    var isTCP: Bool
    var tcpSequence: UInt32
    var tcpFlags: UInt8
}
