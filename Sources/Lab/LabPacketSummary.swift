#if os(Linux)

/// The few IPv4 header fields the lab reports per packet: protocol and, for the first fragment
/// of TCP/UDP, the ports. Parsing never traps: short or odd packets give nil fields.
package struct LabPacketSummary: Sendable, Hashable {
    /// IP protocol number (1 ICMP, 6 TCP, 17 UDP); nil when the packet is not IPv4.
    package var ipProtocol: UInt8?
    /// TCP/UDP source port, nil for other protocols, later fragments or truncated headers.
    package var sourcePort: UInt16?
    /// TCP/UDP destination port, same rules.
    package var destinationPort: UInt16?

    package static let tcp: UInt8 = 6
    package static let udp: UInt8 = 17
    package static let icmp: UInt8 = 1

    package init(ipProtocol: UInt8?, sourcePort: UInt16?, destinationPort: UInt16?) {
        self.ipProtocol = ipProtocol
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
    }

    /// Parses the start of an IP packet as a TUN device (IFF_NO_PI) delivers it.
    package init(packet: UnsafeRawBufferPointer) {
        self.init(ipProtocol: nil, sourcePort: nil, destinationPort: nil)
        guard packet.count >= 20, packet[0] >> 4 == 4 else { return }
        let headerBytes = Int(packet[0] & 0x0F) * 4
        guard headerBytes >= 20 else { return }
        let proto = packet[9]
        ipProtocol = proto
        let fragmentOffset = (UInt16(packet[6] & 0x1F) << 8) | UInt16(packet[7])
        guard proto == Self.tcp || proto == Self.udp, fragmentOffset == 0,
            packet.count >= headerBytes + 4
        else { return }
        sourcePort = UInt16(packet[headerBytes]) << 8 | UInt16(packet[headerBytes + 1])
        destinationPort = UInt16(packet[headerBytes + 2]) << 8 | UInt16(packet[headerBytes + 3])
    }

    /// Parses a packet held in an array.
    package init(packet: [UInt8]) {
        self = packet.withUnsafeBytes { LabPacketSummary(packet: $0) }
    }

    /// True for an IPv4 packet.
    package var isIPv4: Bool { ipProtocol != nil }

    /// "udp", "tcp", "icmp", or "ip-N" for other protocol numbers, "non-ipv4" otherwise.
    package var protocolName: String {
        switch ipProtocol {
        case Self.udp?: "udp"
        case Self.tcp?: "tcp"
        case Self.icmp?: "icmp"
        case let number?: "ip-\(number)"
        case nil: "non-ipv4"
        }
    }
}
#endif
