/// Synthesizes the IPv4/IPv6 + UDP/TCP packets ``PcapWriter`` records (link type RAW: the
/// packet starts at the IP header). Lengths and checksums are computed, as the kernel would
/// have sent them: IPv4 header checksum, UDP checksum (mandatory for IPv6; a computed 0 is sent
/// as 0xFFFF, RFC 768), TCP checksum. No options, no fragmentation.
enum PcapWriterPacket {
    static let ipv4HeaderBytes = 20
    static let ipv6HeaderBytes = 40
    static let udpHeaderBytes = 8
    static let tcpHeaderBytes = 20
    /// Largest IP packet the length fields can state (IPv4 total length; IPv6 payload length
    /// plus its header, no jumbograms).
    static let maxIPv4PacketBytes = 65_535

    static let protocolTCP: UInt8 = 6
    static let protocolUDP: UInt8 = 17

    /// TCP flags.
    static let flagSYN: UInt8 = 0x02
    static let flagPSH: UInt8 = 0x08
    static let flagACK: UInt8 = 0x10

    /// Bytes of the IP header for this family.
    static func ipHeaderBytes(ipv6: Bool) -> Int { ipv6 ? ipv6HeaderBytes : ipv4HeaderBytes }

    /// Largest transport payload (after the UDP or TCP header) one packet carries.
    static func maxTransportPayload(ipv6: Bool, transportHeaderBytes: Int) -> Int {
        ipv6 ? 65_535 - transportHeaderBytes : maxIPv4PacketBytes - ipv4HeaderBytes - transportHeaderBytes
    }

    /// Appends an IP + UDP packet carrying `payload` to `out`; returns its length in bytes.
    /// The payload must fit (``maxTransportPayload(ipv6:transportHeaderBytes:)``).
    static func appendUDP(
        to out: inout [UInt8], source: PcapWriterEndpoint, destination: PcapWriterEndpoint,
        payload: UnsafeRawBufferPointer, identification: UInt16
    ) -> Int {
        let udpLength = udpHeaderBytes + payload.count
        let start = out.count
        appendIP(to: &out, source: source, destination: destination, protocol: protocolUDP,
                 transportLength: udpLength, identification: identification)
        let transportStart = out.count
        append16(&out, source.port)
        append16(&out, destination.port)
        append16(&out, UInt16(truncatingIfNeeded: udpLength))
        append16(&out, 0)
        out.append(contentsOf: payload)
        var checksum = transportChecksum(
            out, from: transportStart, source: source, destination: destination, protocol: protocolUDP)
        if checksum == 0 { checksum = 0xFFFF }
        put16(&out, at: transportStart + 6, checksum)
        return out.count - start
    }

    /// Appends an IP + TCP segment (no options, window 65535) carrying `lengthPrefix` (when
    /// given, as 2 big-endian bytes: RFC 4571's frame length) then `payload`; returns its
    /// length in bytes.
    static func appendTCP(
        to out: inout [UInt8], source: PcapWriterEndpoint, destination: PcapWriterEndpoint,
        sequence: UInt32, acknowledgment: UInt32, flags: UInt8, lengthPrefix: UInt16?, payload: UnsafeRawBufferPointer,
        identification: UInt16
    ) -> Int {
        let payloadBytes = (lengthPrefix == nil ? 0 : 2) + payload.count
        let start = out.count
        appendIP(to: &out, source: source, destination: destination, protocol: protocolTCP,
                 transportLength: tcpHeaderBytes + payloadBytes, identification: identification)
        let transportStart = out.count
        append16(&out, source.port)
        append16(&out, destination.port)
        append32(&out, sequence)
        append32(&out, acknowledgment)
        out.append(UInt8(tcpHeaderBytes / 4) << 4)
        out.append(flags)
        append16(&out, 65_535)
        append16(&out, 0)  // checksum, below
        append16(&out, 0)  // urgent pointer
        if let lengthPrefix { append16(&out, lengthPrefix) }
        out.append(contentsOf: payload)
        let checksum = transportChecksum(
            out, from: transportStart, source: source, destination: destination, protocol: protocolTCP)
        put16(&out, at: transportStart + 16, checksum)
        return out.count - start
    }

    private static func appendIP(
        to out: inout [UInt8], source: PcapWriterEndpoint, destination: PcapWriterEndpoint, protocol number: UInt8,
        transportLength: Int, identification: UInt16
    ) {
        if source.isIPv6 {
            append32(&out, 0x6000_0000)
            append16(&out, UInt16(truncatingIfNeeded: transportLength))
            out.append(number)
            out.append(64)  // hop limit
            append64(&out, source.high)
            append64(&out, source.low)
            append64(&out, destination.high)
            append64(&out, destination.low)
            return
        }
        let start = out.count
        out.append(0x45)  // version 4, 5 words
        out.append(0)
        append16(&out, UInt16(truncatingIfNeeded: ipv4HeaderBytes + transportLength))
        append16(&out, identification)
        append16(&out, 0x4000)  // don't fragment
        out.append(64)  // TTL
        out.append(number)
        append16(&out, 0)
        append32(&out, UInt32(truncatingIfNeeded: source.low))
        append32(&out, UInt32(truncatingIfNeeded: destination.low))
        let sum = onesComplementSum(out, from: start, to: out.count, initial: 0)
        put16(&out, at: start + 10, ~fold(sum))
    }

    /// The UDP or TCP checksum of `out[from...]` with its pseudo-header (RFC 768, RFC 8200 §8.1).
    private static func transportChecksum(
        _ out: [UInt8], from start: Int, source: PcapWriterEndpoint, destination: PcapWriterEndpoint, protocol number: UInt8
    ) -> UInt16 {
        var sum: UInt64 = 0
        for endpoint in [source, destination] {
            if endpoint.isIPv6 {
                for half in [endpoint.high, endpoint.low] {
                    sum += (half >> 48) + (half >> 32 & 0xFFFF) + (half >> 16 & 0xFFFF) + (half & 0xFFFF)
                }
            } else {
                sum += (endpoint.low >> 16 & 0xFFFF) + (endpoint.low & 0xFFFF)
            }
        }
        let length = UInt64(out.count - start)
        sum += UInt64(number) + (length >> 16) + (length & 0xFFFF)
        return ~fold(onesComplementSum(out, from: start, to: out.count, initial: sum))
    }

    /// Sum of big-endian 16-bit words of `bytes[from..<to]` (an odd last byte padded with 0).
    static func onesComplementSum(_ bytes: [UInt8], from start: Int, to end: Int, initial: UInt64) -> UInt64 {
        bytes.withUnsafeBufferPointer { buffer in
            var sum = initial
            var index = start
            while index + 1 < end {
                sum += UInt64(buffer[index]) << 8 | UInt64(buffer[index + 1])
                index += 2
            }
            if index < end { sum += UInt64(buffer[index]) << 8 }
            return sum
        }
    }

    /// Folds carries into 16 bits.
    static func fold(_ value: UInt64) -> UInt16 {
        var sum = value
        while sum >> 16 != 0 { sum = (sum & 0xFFFF) + (sum >> 16) }
        return UInt16(sum)
    }

    static func append16(_ out: inout [UInt8], _ value: UInt16) {
        out.append(UInt8(value >> 8))
        out.append(UInt8(truncatingIfNeeded: value))
    }

    static func append32(_ out: inout [UInt8], _ value: UInt32) {
        append16(&out, UInt16(value >> 16))
        append16(&out, UInt16(truncatingIfNeeded: value))
    }

    static func append64(_ out: inout [UInt8], _ value: UInt64) {
        append32(&out, UInt32(value >> 32))
        append32(&out, UInt32(truncatingIfNeeded: value))
    }

    static func put16(_ out: inout [UInt8], at index: Int, _ value: UInt16) {
        out[index] = UInt8(value >> 8)
        out[index + 1] = UInt8(truncatingIfNeeded: value)
    }
}
