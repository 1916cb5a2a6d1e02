/// RTCP Extended Report, packet type 207 (RFC 3611).
public struct ExtendedReport: Sendable, Hashable {
    public static let packetType: UInt8 = 207

    /// One XR report block.
    public enum Block: Sendable, Hashable {
        case voipMetrics(VoIPMetricsBlock)
        /// Any other block type (or a VoIP Metrics block with a non-standard length), kept raw.
        /// `body` excludes the 4-byte block header; it is zero-padded to a word when serialised.
        case unknown(blockType: UInt8, typeSpecific: UInt8, body: [UInt8])
    }

    /// Originator of the XR packet.
    public var ssrc: UInt32
    public var blocks: [Block]

    public init(ssrc: UInt32, blocks: [Block]) {
        self.ssrc = ssrc
        self.blocks = blocks
    }

    /// VoIP Metrics blocks in this report.
    public var voipMetrics: [VoIPMetricsBlock] {
        blocks.compactMap { if case .voipMetrics(let block) = $0 { block } else { nil } }
    }

    static func parse(body reader: inout ByteReader) throws(RTCPParseError) -> ExtendedReport {
        guard let ssrc = reader.readUInt32() else { throw .malformedExtendedReport }
        var blocks: [Block] = []
        while reader.remaining > 0 {
            guard let blockType = reader.readUInt8(), let typeSpecific = reader.readUInt8(),
                  let lengthWords = reader.readUInt16()
            else { throw .malformedExtendedReport }
            let bodyLength = 4 * Int(lengthWords)
            guard reader.remaining >= bodyLength else { throw .malformedExtendedReport }
            if blockType == VoIPMetricsBlock.blockType, lengthWords == VoIPMetricsBlock.blockLengthWords,
               let metrics = VoIPMetricsBlock.read(&reader)
            {
                blocks.append(.voipMetrics(metrics))
            } else {
                // Unknown (or oddly sized) block: keep raw and skip by its own length.
                guard let body = reader.readBytes(bodyLength) else { throw .malformedExtendedReport }
                blocks.append(.unknown(blockType: blockType, typeSpecific: typeSpecific, body: body))
            }
        }
        return ExtendedReport(ssrc: ssrc, blocks: blocks)
    }

    func serialize(into out: inout [UInt8]) {
        let start = RTCPWriter.beginPacket(count: 0, packetType: Self.packetType, into: &out)
        out.appendBigEndian(ssrc)
        for block in blocks {
            switch block {
            case .voipMetrics(let metrics):
                metrics.write(into: &out)
            case .unknown(let blockType, let typeSpecific, let body):
                let words = min((body.count + 3) / 4, Int(UInt16.max))
                out.append(blockType)
                out.append(typeSpecific)
                out.appendBigEndian(UInt16(words))
                let bodyStart = out.count
                out.append(contentsOf: body.prefix(4 * words))
                out.padToWordBoundary(from: bodyStart)
            }
        }
        RTCPWriter.finish(packetStart: start, into: &out)
    }
}
