/// An IP address and port for ``PcapWriter``, held without a heap allocation (the receive path
/// makes two per packet).
public struct PcapWriterEndpoint: Hashable, Sendable {
    /// IPv6 (16 address bytes) or IPv4 (4 bytes).
    public var isIPv6: Bool
    /// The address in network order: IPv6 bytes 0-7 in `high`, 8-15 in `low` (big-endian
    /// values); IPv4 in the low 32 bits of `low`.
    public var high: UInt64
    public var low: UInt64
    public var port: UInt16

    /// From 4 (IPv4) or 16 (IPv6) address bytes in network order; `nil` for any other length.
    /// No allocation (the receive path calls it per packet).
    public init?(address bytes: some Sequence<UInt8>, port: UInt16) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        var count = 0
        for byte in bytes {
            guard count < 16 else { return nil }
            if count < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
            count += 1
        }
        switch count {
        case 4: self.init(ipv4: UInt32(truncatingIfNeeded: high), port: port)
        case 16: self.init(ipv6High: high, low: low, port: port)
        default: return nil
        }
    }

    /// An IPv4 address as a host-order integer (127.0.0.1 is 0x7F00_0001).
    public init(ipv4: UInt32, port: UInt16) {
        isIPv6 = false
        high = 0
        low = UInt64(ipv4)
        self.port = port
    }

    /// An IPv6 address as two host-order halves (::1 is high 0, low 1).
    public init(ipv6High high: UInt64, low: UInt64, port: UInt16) {
        isIPv6 = true
        self.high = high
        self.low = low
        self.port = port
    }

    /// The same endpoint as a ``CaptureEndpoint`` (what the reader returns).
    public var captureEndpoint: CaptureEndpoint {
        CaptureEndpoint(address: addressBytes, port: port)
    }

    /// 4 or 16 bytes in network order.
    public var addressBytes: [UInt8] {
        if !isIPv6 { return (0..<4).map { UInt8(truncatingIfNeeded: low >> (24 - 8 * UInt64($0))) } }
        return (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64($0))) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64($0))) }
    }

    /// An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, what a dual-stack `[::]` socket reports
    /// for IPv4 peers) as the IPv4 address it stands for; others unchanged.
    public var unmapped: PcapWriterEndpoint {
        guard isIPv6, high == 0, low >> 32 == 0xFFFF else { return self }
        return PcapWriterEndpoint(ipv4: UInt32(truncatingIfNeeded: low), port: port)
    }

    /// The unspecified address of its family (`0.0.0.0`, `::`).
    public var isUnspecified: Bool { high == 0 && low == 0 }

    /// 127.0.0.1 or ::1 with `port`.
    public static func loopback(ipv6: Bool, port: UInt16) -> PcapWriterEndpoint {
        ipv6 ? PcapWriterEndpoint(ipv6High: 0, low: 1, port: port) : PcapWriterEndpoint(ipv4: 0x7F00_0001, port: port)
    }

    /// The (source, destination) pair a synthesized packet carries: IPv4-mapped addresses are
    /// written as IPv4 (the packet was IPv4 on the wire); a destination that is unspecified
    /// (a wildcard bind whose real destination is unknown) or of the other family than the
    /// source becomes the loopback address of the source's family, keeping its port.
    public static func packetPair(
        source: PcapWriterEndpoint, destination: PcapWriterEndpoint
    ) -> (source: PcapWriterEndpoint, destination: PcapWriterEndpoint) {
        let source = source.unmapped
        var destination = destination.unmapped
        if destination.isUnspecified || destination.isIPv6 != source.isIPv6 {
            destination = .loopback(ipv6: source.isIPv6, port: destination.port)
        }
        return (source, destination)
    }
}
