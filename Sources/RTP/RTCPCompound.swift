/// Parsing and building of RTCP compound datagrams (RFC 3550 §6.1, validity checks of §A.2).
public enum RTCPCompound {
    /// Parses every packet of a compound datagram.
    ///
    /// Checks: version 2 on every packet; each length field (words + 1) fits in the datagram;
    /// only the last packet may carry padding. Unknown packet types are returned as
    /// ``RTCPPacket/unknown(packetType:bytes:)`` and do not stop parsing. Reduced-size RTCP
    /// (RFC 5506) is accepted: the first packet need not be SR/RR.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(RTCPParseError) -> [RTCPPacket] {
        guard !bytes.isEmpty else { throw .tooShort }
        var packets: [RTCPPacket] = []
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= 4 else { throw .tooShort }
            let first = bytes[offset]
            guard first >> 6 == 2 else { throw .badVersion }
            let packetType = bytes[offset + 1]
            let packetLength = 4 * (Int(ByteReader.uint16(bytes, at: offset + 2)) + 1)
            guard offset + packetLength <= bytes.count else { throw .lengthOverrun }
            let packetEnd = offset + packetLength
            var bodyEnd = packetEnd
            if first & 0x20 != 0 {
                guard packetEnd == bytes.count else { throw .paddingNotLast }
                let padding = Int(bytes[packetEnd - 1])
                guard padding > 0, padding <= packetLength - 4 else { throw .badPadding }
                bodyEnd -= padding
            }
            var reader = ByteReader(bytes, offset: offset + 4, end: bodyEnd)
            let count = Int(first & 0x1F)
            switch packetType {
            case SenderReport.packetType:
                packets.append(.senderReport(try SenderReport.parse(count: count, body: &reader)))
            case ReceiverReport.packetType:
                packets.append(.receiverReport(try ReceiverReport.parse(count: count, body: &reader)))
            case SourceDescription.packetType:
                packets.append(.sourceDescription(try SourceDescription.parse(count: count, body: &reader)))
            case Goodbye.packetType:
                packets.append(.goodbye(try Goodbye.parse(count: count, body: &reader)))
            case ExtendedReport.packetType:
                packets.append(.extendedReport(try ExtendedReport.parse(body: &reader)))
            default:
                packets.append(.unknown(packetType: packetType, bytes: Array(bytes[offset..<packetEnd])))
            }
            offset = packetEnd
        }
        return packets
    }

    /// Array convenience for ``parse(_:)-(UnsafeRawBufferPointer)``.
    public static func parse(_ bytes: [UInt8]) throws(RTCPParseError) -> [RTCPPacket] {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(RTCPParseError) in try parse(buffer) }
        }
        return try result.get()
    }

    /// Concatenates the packets into one compound datagram (no padding is added).
    public static func serialize(_ packets: [RTCPPacket]) -> [UInt8] {
        var out: [UInt8] = []
        for packet in packets { packet.serialize(into: &out) }
        return out
    }

    /// RFC 5761 §4 demultiplexing for rtcp-mux: RTCP when the second byte is 192...223
    /// (packet types 192...223, i.e. RTP payload types 64...95 with the marker bit).
    /// `false` for fewer than 2 bytes.
    public static func isRTCP(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 2 else { return false }
        return isRTCP(secondByte: bytes[1])
    }

    /// Array convenience for ``isRTCP(_:)-(UnsafeRawBufferPointer)``.
    public static func isRTCP(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && isRTCP(secondByte: bytes[1])
    }

    /// RFC 5761 §4 test on the second byte of a datagram alone.
    public static func isRTCP(secondByte: UInt8) -> Bool {
        (192...223).contains(secondByte)
    }
}
