/// RTCP Receiver Report, packet type 201 (RFC 3550 §6.4.2).
public struct ReceiverReport: Sendable, Hashable {
    public static let packetType: UInt8 = 201

    /// Reporter's SSRC.
    public var ssrc: UInt32
    /// At most 31 blocks are serialised; extra ones are dropped.
    public var reportBlocks: [ReportBlock]

    public init(ssrc: UInt32, reportBlocks: [ReportBlock] = []) {
        self.ssrc = ssrc
        self.reportBlocks = reportBlocks
    }

    static func parse(count: Int, body reader: inout ByteReader) throws(RTCPParseError) -> ReceiverReport {
        guard let ssrc = reader.readUInt32() else { throw .truncatedReport }
        var blocks: [ReportBlock] = []
        for _ in 0..<count {
            guard let block = ReportBlock.read(&reader) else { throw .truncatedReport }
            blocks.append(block)
        }
        return ReceiverReport(ssrc: ssrc, reportBlocks: blocks)
    }

    func serialize(into out: inout [UInt8]) {
        let blocks = reportBlocks.prefix(31)
        let start = RTCPWriter.beginPacket(count: blocks.count, packetType: Self.packetType, into: &out)
        out.appendBigEndian(ssrc)
        for block in blocks { block.write(into: &out) }
        RTCPWriter.finish(packetStart: start, into: &out)
    }
}
