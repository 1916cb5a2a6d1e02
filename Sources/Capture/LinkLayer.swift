/// Finds the IP header in a link-layer frame. Link types (pcap LINKTYPE_ values):
/// - 1 Ethernet, with any number of 802.1Q (8100), 802.1ad (88a8) and old QinQ (9100) tags;
/// - 113 Linux cooked (SLL, 16 bytes) and 276 SLL2 (20 bytes, `tcpdump -i any`), tags too;
/// - 101 raw IP (and the BSD DLT values 12 and 14 some files carry), 228 IPv4, 229 IPv6;
/// - 0 BSD NULL (4-byte address family in the writer's byte order: taken as little-endian
///   unless that gives a value above 0xffff) and 108 LOOP (address family big-endian). AF_INET
///   is 2; AF_INET6 is 10 (Linux), 24 (NetBSD, OpenBSD), 28 (FreeBSD) or 30 (macOS).
enum LinkLayer {
    /// What the link layer says the frame carries.
    enum Network {
        case ipv4
        case ipv6
        /// Raw IP: the version nibble decides.
        case either
    }

    /// Where the network header of the frame `bytes[start..<end]` begins and what it is, or nil
    /// (counted: unsupported link type, too short, not IP).
    @inline(__always)
    static func network(
        _ bytes: [UInt8], start: Int, end: Int, linkType: Int, counters: inout CaptureCounters
    ) -> (index: Int, network: Network)? {
        var index = start
        var etherType: Int
        switch linkType {
        case 1:
            guard end - index >= 14 else { return short(&counters) }
            etherType = bytes.uint16BE(at: index + 12)
            index += 14
        case 113:
            guard end - index >= 16 else { return short(&counters) }
            etherType = bytes.uint16BE(at: index + 14)
            index += 16
        case 276:
            guard end - index >= 20 else { return short(&counters) }
            etherType = bytes.uint16BE(at: index)
            index += 20
        case 101, 12, 14:
            return (index, .either)
        case 228:
            return (index, .ipv4)
        case 229:
            return (index, .ipv6)
        case 0, 108:
            guard end - index >= 4 else { return short(&counters) }
            var family = bytes.uint32(at: index, bigEndian: linkType == 108)
            if linkType == 0, family > 0xffff { family = family.byteSwapped }
            index += 4
            switch family {
            case 2: return (index, .ipv4)
            case 10, 24, 28, 30: return (index, .ipv6)
            default:
                counters.nonIPFrames += 1
                return nil
            }
        default:
            counters.unsupportedLinkType += 1
            return nil
        }
        // VLAN tags: each 4 bytes (tag control, then the next EtherType).
        while etherType == 0x8100 || etherType == 0x88a8 || etherType == 0x9100 {
            guard end - index >= 4 else { return short(&counters) }
            etherType = bytes.uint16BE(at: index + 2)
            index += 4
        }
        switch etherType {
        case 0x0800: return (index, .ipv4)
        case 0x86dd: return (index, .ipv6)
        default:
            counters.nonIPFrames += 1
            return nil
        }
    }

    private static func short(_ counters: inout CaptureCounters) -> (index: Int, network: Network)? {
        counters.malformedLinkHeaders += 1
        return nil
    }
}
