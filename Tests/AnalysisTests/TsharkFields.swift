import Capture
import Foundation
import JitterbugTestSupport

/// Reads a capture with tshark (not with our reader) into `CapturedPacket`s, and tshark's own
/// RTP stream table: the independent side of the agreement tests.
enum TsharkFields {
    /// One IPv4 UDP datagram per line: epoch time, addresses, ports, payload in hex.
    static func packets(tshark: String, capture: String) throws -> [CapturedPacket] {
        let result = try CommandRunner.run(
            tshark,
            ["-r", capture, "-T", "fields", "-e", "frame.time_epoch", "-e", "ip.src", "-e", "udp.srcport", "-e", "ip.dst",
             "-e", "udp.dstport", "-e", "udp.payload"])
        guard result.exitCode == 0 else { return [] }
        return result.stdout.split(separator: "\n").enumerated().compactMap { index, line in
            packet(line: line, frameNumber: index + 1)
        }
    }

    static func packet(line: Substring, frameNumber: Int) -> CapturedPacket? {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 6, let time = nanoseconds(epoch: fields[0]), let source = endpoint(fields[1], fields[2]),
            let destination = endpoint(fields[3], fields[4]), let payload = bytes(hex: fields[5])
        else { return nil }
        return CapturedPacket(
            timestampNanoseconds: time, source: source, destination: destination, transport: .udp, payload: payload[...],
            frameNumber: frameNumber)
    }

    /// "1764748800.123456789" → ns, exactly (no floating point).
    static func nanoseconds(epoch text: Substring) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard let seconds = Int64(parts[0]) else { return nil }
        guard parts.count == 2 else { return seconds * 1_000_000_000 }
        let digits = String(parts[1].prefix(9))
        guard let fraction = Int64(digits + String(repeating: "0", count: 9 - digits.count)) else { return nil }
        return seconds * 1_000_000_000 + fraction
    }

    static func endpoint(_ address: Substring, _ port: Substring) -> CaptureEndpoint? {
        let octets = address.split(separator: ".").compactMap { UInt8($0) }
        guard octets.count == 4, let port = UInt16(port) else { return nil }
        return CaptureEndpoint(address: octets, port: port)
    }

    /// "80:60:…" or "8060…" → bytes.
    static func bytes(hex text: Substring) -> [UInt8]? {
        let digits = text.filter { $0 != ":" }
        guard digits.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            guard let byte = UInt8(digits[index..<next], radix: 16) else { return nil }
            result.append(byte)
            index = next
        }
        return result
    }
}
