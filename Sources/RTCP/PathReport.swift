import RTP

/// An RTCP APP packet (RFC 3550 §6.7, name "JBPT") in which a Jitterbug receiver reports how many
/// packets of the stream arrived by each transport, so an `auto` sender can judge the UDP path
/// while it also sends over TCP. Other receivers ignore APP packets they do not know.
public struct PathReport: Sendable, Equatable {
    public static let name: [UInt8] = Array("JBPT".utf8)
    public static let packetType: UInt8 = 204

    /// The reporter's SSRC.
    public var ssrc: UInt32
    /// Cumulative packets of the reported stream received by UDP and by TCP (mod 2^32).
    public var udpPackets: UInt32
    public var tcpPackets: UInt32

    public init(ssrc: UInt32, udpPackets: UInt32, tcpPackets: UInt32) {
        self.ssrc = ssrc
        self.udpPackets = udpPackets
        self.tcpPackets = tcpPackets
    }

    /// The APP packet: V=2, subtype 0, PT 204, length 4 (20 bytes).
    public var packet: RTCPPacket {
        var bytes: [UInt8] = [0x80, Self.packetType, 0, 4]
        for value in [ssrc] { bytes += Self.bigEndian(value) }
        bytes += Self.name
        bytes += Self.bigEndian(udpPackets) + Self.bigEndian(tcpPackets)
        return .unknown(packetType: Self.packetType, bytes: bytes)
    }

    /// Finds a path report among parsed RTCP packets.
    public static func find(in packets: [RTCPPacket]) -> PathReport? {
        for case .unknown(let type, let bytes) in packets where type == packetType && bytes.count >= 20 {
            guard Array(bytes[8..<12]) == name else { continue }
            return PathReport(
                ssrc: word(bytes, 4), udpPackets: word(bytes, 12), tcpPackets: word(bytes, 16))
        }
        return nil
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func word(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
