import JitterbugSupport

/// RTCP Sender Report, packet type 200 (RFC 3550 §6.4.1).
public struct SenderReport: Sendable, Hashable {
    public static let packetType: UInt8 = 200

    /// Sender's SSRC.
    public var ssrc: UInt32
    /// Wallclock time the report was sent.
    public var ntp: NTPTimestamp
    /// The same instant in RTP timestamp units of the sender's media clock.
    public var rtpTimestamp: UInt32
    /// Packets sent since the stream started (mod 2^32).
    public var packetCount: UInt32
    /// Payload octets sent since the stream started (mod 2^32).
    public var octetCount: UInt32
    /// At most 31 blocks are serialised; extra ones are dropped (send a further RR for them).
    public var reportBlocks: [ReportBlock]

    public init(
        ssrc: UInt32, ntp: NTPTimestamp, rtpTimestamp: UInt32, packetCount: UInt32, octetCount: UInt32,
        reportBlocks: [ReportBlock] = []
    ) {
        self.ssrc = ssrc
        self.ntp = ntp
        self.rtpTimestamp = rtpTimestamp
        self.packetCount = packetCount
        self.octetCount = octetCount
        self.reportBlocks = reportBlocks
    }

    /// Parses the body after the common header. Profile-specific extensions after the blocks
    /// are ignored.
    static func parse(count: Int, body reader: inout ByteReader) throws(RTCPParseError) -> SenderReport {
        guard let ssrc = reader.readUInt32(), let ntpSeconds = reader.readUInt32(),
              let ntpFraction = reader.readUInt32(), let rtpTimestamp = reader.readUInt32(),
              let packets = reader.readUInt32(), let octets = reader.readUInt32()
        else { throw .truncatedReport }
        var blocks: [ReportBlock] = []
        for _ in 0..<count {
            guard let block = ReportBlock.read(&reader) else { throw .truncatedReport }
            blocks.append(block)
        }
        return SenderReport(
            ssrc: ssrc, ntp: NTPTimestamp(seconds: ntpSeconds, fraction: ntpFraction), rtpTimestamp: rtpTimestamp,
            packetCount: packets, octetCount: octets, reportBlocks: blocks)
    }

    func serialize(into out: inout [UInt8]) {
        let blocks = reportBlocks.prefix(31)
        let start = RTCPWriter.beginPacket(count: blocks.count, packetType: Self.packetType, into: &out)
        out.appendBigEndian(ssrc)
        out.appendBigEndian(ntp.seconds)
        out.appendBigEndian(ntp.fraction)
        out.appendBigEndian(rtpTimestamp)
        out.appendBigEndian(packetCount)
        out.appendBigEndian(octetCount)
        for block in blocks { block.write(into: &out) }
        RTCPWriter.finish(packetStart: start, into: &out)
    }
}
