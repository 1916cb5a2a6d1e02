/// Decodes IPv4 (with options) or IPv6 (hop-by-hop, routing, fragment, destination options and
/// AH extension headers) and then UDP or TCP. Everything else is counted by reason in
/// ``CaptureCounters`` and skipped. IP fragments are not reassembled: all of them (the first
/// included, its UDP payload being incomplete) are counted in `ipFragments` and skipped.
enum PacketDecoder {
    /// The UDP datagram or TCP segment of `record`, or nil (counted).
    @inline(__always)
    static func decode(_ bytes: [UInt8], _ record: CaptureRecord, counters: inout CaptureCounters) -> DecodedSegment? {
        let end = record.dataStart + record.capturedLength
        guard let (start, network) = LinkLayer.network(
            bytes, start: record.dataStart, end: end, linkType: record.linkType, counters: &counters)
        else { return nil }
        guard start < end else { return malformedIP(&counters) }
        let version = bytes[start] >> 4
        switch (network, version) {
        case (.ipv4, 4), (.either, 4):
            return ipv4(bytes, start: start, end: end, isCut: record.isCut, counters: &counters)
        case (.ipv6, 6), (.either, 6):
            return ipv6(bytes, start: start, end: end, isCut: record.isCut, counters: &counters)
        default:
            return malformedIP(&counters)
        }
    }

    @inline(__always)
    private static func ipv4(
        _ bytes: [UInt8], start: Int, end: Int, isCut: Bool, counters: inout CaptureCounters
    ) -> DecodedSegment? {
        guard end - start >= 20 else { return isCut ? cut(&counters) : malformedIP(&counters) }
        let headerBytes = Int(bytes[start] & 0x0f) * 4
        var totalBytes = bytes.uint16BE(at: start + 2)
        // A total length of 0 is what TCP segmentation offload leaves in locally sent packets.
        if totalBytes == 0 { totalBytes = end - start }
        guard headerBytes >= 20, totalBytes >= headerBytes else { return malformedIP(&counters) }
        let ipEnd = start + totalBytes
        if ipEnd > end, !isCut { return malformedIP(&counters) }
        if bytes.uint16BE(at: start + 6) & 0x3fff != 0 {
            counters.ipFragments += 1
            return nil
        }
        return transport(
            bytes, protocol: bytes[start + 9], at: start + headerBytes, ipEnd: ipEnd, capturedEnd: end, isIPv6: false,
            source: start + 12, destination: start + 16, counters: &counters)
    }

    private static func ipv6(
        _ bytes: [UInt8], start: Int, end: Int, isCut: Bool, counters: inout CaptureCounters
    ) -> DecodedSegment? {
        guard end - start >= 40 else { return isCut ? cut(&counters) : malformedIP(&counters) }
        let payloadBytes = bytes.uint16BE(at: start + 4)
        // 0: a jumbogram (or offload); take the frame.
        let ipEnd = payloadBytes == 0 ? end : start + 40 + payloadBytes
        if ipEnd > end, !isCut { return malformedIP(&counters) }
        var next = bytes[start + 6]
        var index = start + 40
        for _ in 0..<16 {
            let headerBytes: Int
            switch next {
            case 0, 43, 60, 44, 51:
                guard index + 8 <= ipEnd else { return malformedIP(&counters) }
                guard index + 8 <= end else { return cut(&counters) }
                if next == 44 {
                    // Fragment header: offset (13 bits) and M flag; an atomic fragment is whole.
                    if bytes.uint16BE(at: index + 2) & 0xfff9 != 0 {
                        counters.ipFragments += 1
                        return nil
                    }
                    headerBytes = 8
                } else if next == 51 {
                    headerBytes = (Int(bytes[index + 1]) + 2) * 4
                } else {
                    headerBytes = (Int(bytes[index + 1]) + 1) * 8
                }
            default:
                return transport(
                    bytes, protocol: next, at: index, ipEnd: ipEnd, capturedEnd: end, isIPv6: true,
                    source: start + 8, destination: start + 24, counters: &counters)
            }
            next = bytes[index]
            index += headerBytes
        }
        return malformedIP(&counters)
    }

    @inline(__always)
    private static func transport(
        _ bytes: [UInt8], protocol number: UInt8, at index: Int, ipEnd: Int, capturedEnd: Int, isIPv6: Bool,
        source: Int, destination: Int, counters: inout CaptureCounters
    ) -> DecodedSegment? {
        switch number {
        case 17:
            guard index + 8 <= ipEnd else {
                counters.badUDPLength += 1
                return nil
            }
            guard index + 8 <= capturedEnd else { return cut(&counters) }
            let udpBytes = bytes.uint16BE(at: index + 4)
            guard udpBytes >= 8, index + udpBytes <= ipEnd else {
                counters.badUDPLength += 1
                return nil
            }
            guard index + udpBytes <= capturedEnd else { return cut(&counters) }
            return DecodedSegment(
                isIPv6: isIPv6, sourceAddress: source, destinationAddress: destination,
                sourcePort: UInt16(bytes.uint16BE(at: index)), destinationPort: UInt16(bytes.uint16BE(at: index + 2)),
                payloadStart: index + 8, payloadEnd: index + udpBytes, isTCP: false, tcpSequence: 0, tcpFlags: 0)
        case 6:
            guard index + 20 <= ipEnd else {
                counters.malformedTCPHeaders += 1
                return nil
            }
            guard index + 20 <= capturedEnd else { return cut(&counters) }
            let headerBytes = Int(bytes[index + 12] >> 4) * 4
            guard headerBytes >= 20, index + headerBytes <= ipEnd else {
                counters.malformedTCPHeaders += 1
                return nil
            }
            guard ipEnd <= capturedEnd else { return cut(&counters) }
            return DecodedSegment(
                isIPv6: isIPv6, sourceAddress: source, destinationAddress: destination,
                sourcePort: UInt16(bytes.uint16BE(at: index)), destinationPort: UInt16(bytes.uint16BE(at: index + 2)),
                payloadStart: index + headerBytes, payloadEnd: ipEnd, isTCP: true,
                tcpSequence: bytes.uint32BE(at: index + 4), tcpFlags: bytes[index + 13])
        default:
            counters.otherIPProtocols += 1
            return nil
        }
    }

    private static func malformedIP(_ counters: inout CaptureCounters) -> DecodedSegment? {
        counters.malformedIPHeaders += 1
        return nil
    }

    private static func cut(_ counters: inout CaptureCounters) -> DecodedSegment? {
        counters.snaplenCut += 1
        return nil
    }
}
