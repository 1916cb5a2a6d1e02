/// RTCP Source Description, packet type 202 (RFC 3550 §6.5).
public struct SourceDescription: Sendable, Hashable {
    public static let packetType: UInt8 = 202

    /// One SSRC/CSRC and its items.
    public struct Chunk: Sendable, Hashable {
        public var ssrc: UInt32
        public var items: [SDESItem]

        public init(ssrc: UInt32, items: [SDESItem]) {
            self.ssrc = ssrc
            self.items = items
        }

        /// The CNAME text, if the chunk carries one.
        public var cname: String? {
            items.first { $0.type == .cname }?.text
        }
    }

    /// At most 31 chunks are serialised.
    public var chunks: [Chunk]

    public init(chunks: [Chunk]) {
        self.chunks = chunks
    }

    /// A single-chunk SDES carrying only a CNAME (the minimum every compound must include).
    public static func cname(ssrc: UInt32, _ cname: String) -> SourceDescription {
        SourceDescription(chunks: [Chunk(ssrc: ssrc, items: [SDESItem(type: .cname, text: cname)])])
    }

    static func parse(count: Int, body reader: inout ByteReader) throws(RTCPParseError) -> SourceDescription {
        let bodyStart = reader.offset
        var chunks: [Chunk] = []
        for _ in 0..<count {
            guard let ssrc = reader.readUInt32() else { throw .malformedSourceDescription }
            var items: [SDESItem] = []
            while true {
                guard let type = reader.readUInt8() else { throw .malformedSourceDescription }
                if type == 0 {
                    // End of the item list: skip the null padding up to the next 32-bit boundary.
                    let misalignment = (reader.offset - bodyStart) % 4
                    if misalignment != 0, !reader.skip(4 - misalignment) { throw .malformedSourceDescription }
                    break
                }
                guard let length = reader.readUInt8(), let data = reader.readBytes(Int(length)) else {
                    throw .malformedSourceDescription
                }
                items.append(SDESItem(type: SDESItemType(rawValue: type), data: data))
            }
            chunks.append(Chunk(ssrc: ssrc, items: items))
        }
        return SourceDescription(chunks: chunks)
    }

    func serialize(into out: inout [UInt8]) {
        let chunks = chunks.prefix(31)
        let start = RTCPWriter.beginPacket(count: chunks.count, packetType: Self.packetType, into: &out)
        for chunk in chunks {
            out.appendBigEndian(chunk.ssrc)
            for item in chunk.items where item.type.rawValue != 0 {
                let data = item.data.prefix(255)
                out.append(item.type.rawValue)
                out.append(UInt8(data.count))
                out.append(contentsOf: data)
            }
            // At least one null octet terminates the list, then pad to a word boundary.
            out.append(0)
            out.padToWordBoundary(from: start)
        }
        RTCPWriter.finish(packetStart: start, into: &out)
    }
}
