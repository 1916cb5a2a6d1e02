/// Builds packets and capture files byte by byte, from the formats' specifications (pcap,
/// pcapng, Ethernet/802.1Q, Linux SLL/SLL2, BSD NULL/LOOP, IPv4, IPv6, UDP, TCP, RTP), so the
/// tests can make captures of link types no local tool writes. Checksums are left 0 (no reader
/// checks them). Little-endian unless asked otherwise.
enum CaptureBuilder {
    // MARK: Payloads and transport

    /// An RTP packet (version 2, payload type 96) with `payloadBytes` bytes of `fill`.
    static func rtp(sequence: UInt16, timestamp: UInt32 = 0, ssrc: UInt32 = 0x1234_5678, payloadBytes: Int = 20, fill: UInt8 = 0xab) -> [UInt8] {
        [0x80, 96] + be16(sequence) + be32(timestamp) + be32(ssrc) + [UInt8](repeating: fill, count: payloadBytes)
    }

    static func udp(sourcePort: UInt16, destinationPort: UInt16, payload: [UInt8], lengthField: Int? = nil) -> [UInt8] {
        be16(sourcePort) + be16(destinationPort) + be16(UInt16(lengthField ?? 8 + payload.count)) + [0, 0] + payload
    }

    /// A TCP segment; `flags`: FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10.
    static func tcp(sourcePort: UInt16, destinationPort: UInt16, sequence: UInt32, flags: UInt8 = 0x18, payload: [UInt8]) -> [UInt8] {
        be16(sourcePort) + be16(destinationPort) + be32(sequence) + be32(1) + [0x50, flags] + be16(65_535) + [0, 0, 0, 0]
            + payload
    }

    // MARK: Network

    /// IPv4 header (with `options`, a multiple of 4 bytes) and `body`. `fragment`: the flags
    /// and fragment offset field.
    static func ipv4(
        source: [UInt8] = [10, 0, 0, 1], destination: [UInt8] = [10, 0, 0, 2], protocol number: UInt8, body: [UInt8],
        options: [UInt8] = [], fragment: UInt16 = 0, totalLength: Int? = nil
    ) -> [UInt8] {
        let headerBytes = 20 + options.count
        return [0x40 | UInt8(headerBytes / 4), 0] + be16(UInt16(totalLength ?? headerBytes + body.count)) + be16(1)
            + be16(fragment) + [64, number] + [0, 0] + source + destination + options + body
    }

    /// IPv6 header, the extension headers `extensions` (type, content of 6 + 8n bytes; for a
    /// fragment header (44) the 6 bytes after next-header and reserved), and `body`.
    static func ipv6(
        source: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [1],
        destination: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [2],
        protocol number: UInt8, body: [UInt8], extensions: [(type: UInt8, content: [UInt8])] = []
    ) -> [UInt8] {
        var chain: [UInt8] = []
        let types = extensions.map(\.type) + [number]
        for (index, header) in extensions.enumerated() {
            if header.type == 44 {
                chain += [types[index + 1], 0] + header.content
            } else {
                chain += [types[index + 1], UInt8((header.content.count + 2) / 8 - 1)] + header.content
            }
        }
        let payload = chain + body
        return [0x60, 0, 0, 0] + be16(UInt16(payload.count)) + [types[0], 64] + source + destination + payload
    }

    // MARK: Link layers

    /// Ethernet II with optional VLAN tags (each: its TPID 8100/88a8/9100 and VLAN id).
    static func ethernet(_ network: [UInt8], etherType: UInt16 = 0x0800, tags: [(tpid: UInt16, vlan: UInt16)] = []) -> [UInt8] {
        var frame: [UInt8] = [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1]
        for tag in tags { frame += be16(tag.tpid) + be16(tag.vlan) }
        return frame + be16(etherType) + network
    }

    /// Linux cooked capture v1 (16 bytes).
    static func sll(_ network: [UInt8], protocol number: UInt16 = 0x0800) -> [UInt8] {
        be16(0) + be16(1) + be16(6) + [2, 0, 0, 0, 0, 1, 0, 0] + be16(number) + network
    }

    /// Linux cooked capture v2 (20 bytes).
    static func sll2(_ network: [UInt8], protocol number: UInt16 = 0x0800) -> [UInt8] {
        be16(number) + [0, 0] + be32(1) + be16(1) + [0, 6] + [2, 0, 0, 0, 0, 1, 0, 0] + network
    }

    /// BSD loopback header: the address family in 4 bytes (NULL: host order, LOOP: big-endian).
    static func bsdLoopback(_ network: [UInt8], family: UInt32, bigEndian: Bool) -> [UInt8] {
        (bigEndian ? be32(family) : le32(family)) + network
    }

    // MARK: Files

    /// A pcap file. Each record: seconds, fraction (µs or ns), frame, and the original length
    /// (nil: the frame's length).
    static func pcap(
        linkType: UInt32, records: [(seconds: UInt32, fraction: UInt32, frame: [UInt8], originalLength: Int?)],
        bigEndian: Bool = false, nanosecond: Bool = false, snapLength: UInt32 = 262_144
    ) -> [UInt8] {
        let u32 = bigEndian ? be32 : le32
        let u16 = bigEndian ? be16 : le16
        var out = u32(nanosecond ? 0xa1b2_3c4d : 0xa1b2_c3d4) + u16(2) + u16(4) + u32(0) + u32(0) + u32(snapLength) + u32(linkType)
        for record in records {
            out += u32(record.seconds) + u32(record.fraction) + u32(UInt32(record.frame.count))
                + u32(UInt32(record.originalLength ?? record.frame.count)) + record.frame
        }
        return out
    }

    /// One pcapng block: type, total length, `body` padded to 4 bytes, total length.
    static func pcapngBlock(type: UInt32, body: [UInt8], bigEndian: Bool = false) -> [UInt8] {
        let u32 = bigEndian ? be32 : le32
        let padded = body + [UInt8](repeating: 0, count: (4 - body.count % 4) % 4)
        let length = UInt32(12 + padded.count)
        return u32(type) + u32(length) + padded + u32(length)
    }

    /// Section header block (version 1.0, section length unknown).
    static func pcapngSection(bigEndian: Bool = false) -> [UInt8] {
        let body = (bigEndian ? be32 : le32)(0x1a2b_3c4d) + (bigEndian ? be16 : le16)(1) + (bigEndian ? be16 : le16)(0)
            + [UInt8](repeating: 0xff, count: 8)
        return pcapngBlock(type: 0x0a0d_0d0a, body: body, bigEndian: bigEndian)
    }

    /// Interface description block with optional `if_tsresol` and `if_tsoffset` (seconds).
    static func pcapngInterface(linkType: UInt16, tsresol: UInt8? = nil, tsoffset: Int64? = nil, bigEndian: Bool = false) -> [UInt8] {
        let u16 = bigEndian ? be16 : le16
        let u32 = bigEndian ? be32 : le32
        var body = u16(linkType) + u16(0) + u32(262_144)
        if let tsresol { body += u16(9) + u16(1) + [tsresol, 0, 0, 0] }
        if let tsoffset {
            let value = UInt64(bitPattern: tsoffset)
            body += u16(14) + u16(8) + (bigEndian ? be32(UInt32(value >> 32)) + be32(UInt32(value & 0xffff_ffff))
                : le32(UInt32(value & 0xffff_ffff)) + le32(UInt32(value >> 32)))
        }
        body += u16(0) + u16(0)
        return pcapngBlock(type: 1, body: body, bigEndian: bigEndian)
    }

    /// Enhanced packet block on `interface` at `units` of the interface's resolution.
    static func pcapngPacket(interface: UInt32, units: UInt64, frame: [UInt8], originalLength: Int? = nil, bigEndian: Bool = false) -> [UInt8] {
        let u32 = bigEndian ? be32 : le32
        let body = u32(interface) + u32(UInt32(units >> 32)) + u32(UInt32(units & 0xffff_ffff)) + u32(UInt32(frame.count))
            + u32(UInt32(originalLength ?? frame.count)) + frame
        return pcapngBlock(type: 6, body: body, bigEndian: bigEndian)
    }

    /// Simple packet block (interface 0, no timestamp).
    static func pcapngSimplePacket(frame: [UInt8], bigEndian: Bool = false) -> [UInt8] {
        pcapngBlock(type: 3, body: (bigEndian ? be32 : le32)(UInt32(frame.count)) + frame, bigEndian: bigEndian)
    }

    // MARK: Integers

    static func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xff)] }
    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8)] }
    static func be32(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
    static func le32(_ value: UInt32) -> [UInt8] { [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: value >> $0) } }
}
