import Foundation
import JitterbugTestSupport
import Testing
@testable import Capture

/// ``PcapWriter``'s UDP records read back by tshark: addresses, ports, payload bytes,
/// nanosecond timestamps and checksums, IPv4 and IPv6.
@Suite struct PcapWriterUDPTests {
    /// Payloads of odd and even lengths (the checksum pads an odd byte), empty included.
    static let payloads: [[UInt8]] = [
        [0x80, 0x60, 0x00, 0x01, 0xDE, 0xAD, 0xBE, 0xEF, 0x01],
        Array(0..<200).map { UInt8($0) },
        [],
        Array(repeating: 0xFF, count: 1_201),
    ]

    @Test(.enabled(if: PcapWriterTshark.path != nil)) func ipv4DatagramsReadBackExactly() throws {
        try TemporaryDirectory.withSync { directory in
            let file = directory.appendingPathComponent("v4.pcap").path
            let source = PcapWriterEndpoint(ipv4: 0xC000_0207, port: 40_000)  // 192.0.2.7
            let destination = PcapWriterEndpoint(ipv4: 0x7F00_0001, port: 5_004)
            // Nanosecond times: 1 700 000 000.000000001 s, then 0.5 s + 999 999 999 ns later…
            let times: [Int64] = [1_700_000_000_000_000_001, 1_700_000_001_999_999_999, 1_700_000_002_123_456_789, 1_700_000_003_000_000_000]
            let writer = try PcapWriter(path: file)
            for (payload, time) in zip(Self.payloads, times) {
                try payload.withUnsafeBytes {
                    try writer.writeUDP(timestampNanoseconds: time, source: source, destination: destination, payload: $0)
                }
            }
            try writer.close()
            #expect(writer.packetsWritten == 4)
            #expect(writer.payloadBytesWritten == Int64(Self.payloads.reduce(0) { $0 + $1.count }))
            let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int
            #expect(size.map(Int64.init) == writer.fileBytes)

            let rows = try PcapWriterTshark.fields(
                file, ["frame.time_epoch", "ip.src", "udp.srcport", "ip.dst", "udp.dstport", "udp.checksum.status",
                       "ip.checksum.status", "ip.len", "udp.length", "udp.payload"])
            #expect(rows.count == 4)
            let expectedTimes = ["1700000000.000000001", "1700000001.999999999", "1700000002.123456789", "1700000003.000000000"]
            for (index, row) in rows.enumerated() where row.count == 10 {
                #expect(row[0] == expectedTimes[index])
                #expect(row[1] == "192.0.2.7")
                #expect(row[2] == "40000")
                #expect(row[3] == "127.0.0.1")
                #expect(row[4] == "5004")
                #expect(row[5] == "1", "udp checksum status \(row[5]) (1 = Good)")
                #expect(row[6] == "1", "ip checksum status \(row[6]) (1 = Good)")
                #expect(row[7] == "\(20 + 8 + Self.payloads[index].count)")
                #expect(row[8] == "\(8 + Self.payloads[index].count)")
                #expect(row[9] == PcapWriterTshark.hex(Self.payloads[index]))
            }
            // tshark's own verdict on every checksum, and no malformed packet.
            let bad = try PcapWriterTshark.fields(file, ["frame.number"], extra: ["-Y", "_ws.expert.severity >= warning || _ws.malformed"])
            #expect(bad.isEmpty, "\(bad)")
        }
    }

    @Test(.enabled(if: PcapWriterTshark.path != nil)) func ipv6AndMappedAndWildcardAddresses() throws {
        try TemporaryDirectory.withSync { directory in
            let file = directory.appendingPathComponent("v6.pcap").path
            let writer = try PcapWriter(path: file)
            // 2001:db8::1 → ::1, checksum over the IPv6 pseudo-header.
            let v6Source = PcapWriterEndpoint(ipv6High: 0x2001_0DB8_0000_0000, low: 1, port: 50_000)
            let v6Destination = PcapWriterEndpoint(ipv6High: 0, low: 1, port: 6_000)
            // ::ffff:10.1.2.3 (an IPv4 peer of a dual-stack socket) → [::] (a wildcard bind).
            let mapped = PcapWriterEndpoint(ipv6High: 0, low: 0xFFFF_0A01_0203, port: 7_000)
            let wildcard = PcapWriterEndpoint(ipv6High: 0, low: 0, port: 6_000)
            let payload: [UInt8] = [0x80, 0x61, 0x12, 0x34, 0x00]
            try payload.withUnsafeBytes {
                try writer.writeUDP(timestampNanoseconds: 5, source: v6Source, destination: v6Destination, payload: $0)
                try writer.writeUDP(timestampNanoseconds: 6, source: mapped, destination: wildcard, payload: $0)
                try writer.writeUDP(timestampNanoseconds: 7, source: v6Source, destination: wildcard, payload: $0)
            }
            try writer.close()
            let rows = try PcapWriterTshark.fields(
                file, ["frame.time_epoch", "ip.src", "ipv6.src", "udp.srcport", "ip.dst", "ipv6.dst", "udp.dstport",
                       "udp.checksum.status", "udp.payload"])
            let text = rows.map { $0.joined(separator: "|") }
            #expect(text == [
                "0.000000005||2001:db8::1|50000||::1|6000|1|806112340",
                "0.000000006|10.1.2.3||7000|127.0.0.1||6000|1|806112340",
                "0.000000007||2001:db8::1|50000||::1|6000|1|806112340",
            ].map { $0.replacingOccurrences(of: "806112340", with: PcapWriterTshark.hex(payload)) })
        }
    }

    @Test func unwritablePathFailsAtOpen() {
        #expect(throws: PcapWriterError.self) { try PcapWriter(path: "/nonexistent-dir/x.pcap") }
        do {
            _ = try PcapWriterQueue(path: "/nonexistent-dir/x.pcap")
            Issue.record("opened a file in a missing directory")
        } catch {
            #expect("\(error)".contains("/nonexistent-dir/x.pcap"))
            #expect("\(error)".contains("No such file or directory"))
        }
    }

    /// The global header byte for byte: nanosecond magic, 2.4, snaplen, link type 101.
    @Test func globalHeaderIsNanosecondRawIP() throws {
        try TemporaryDirectory.withSync { directory in
            let file = directory.appendingPathComponent("h.pcap").path
            try PcapWriter(path: file).close()
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            #expect(bytes == [0x4D, 0x3C, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 101, 0, 0, 0])
        }
    }
}
