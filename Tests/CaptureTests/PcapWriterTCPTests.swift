import Foundation
import JitterbugTestSupport
import Testing
@testable import Capture

/// ``PcapWriter``'s TCP records read back by tshark: a SYN, then one PSH|ACK segment per RFC 4571
/// frame whose sequence numbers follow the bytes, so tshark's TCP analysis finds no gap and its
/// RTP dissector (decode as) reads the frames' sequence numbers in order.
@Suite struct PcapWriterTCPTests {
    /// An RTP packet (version 2, PT 111) with `sequence` and `payloadBytes` bytes of payload.
    static func rtp(sequence: UInt16, payloadBytes: Int) -> [UInt8] {
        [0x80, 111, UInt8(sequence >> 8), UInt8(sequence & 0xFF), 0, 0, 0x03, 0xC0, 0x12, 0x34, 0x56, 0x78]
            + (0..<payloadBytes).map { UInt8(truncatingIfNeeded: $0 &+ Int(sequence)) }
    }

    @Test(.enabled(if: PcapWriterTshark.path != nil), arguments: [false, true])
    func framesReassembleAsRTP(ipv6: Bool) throws {
        try TemporaryDirectory.withSync { directory in
            let file = directory.appendingPathComponent("tcp.pcap").path
            let writer = try PcapWriter(path: file)
            let client1 = ipv6 ? PcapWriterEndpoint(ipv6High: 0, low: 1, port: 41_000) : PcapWriterEndpoint(ipv4: 0x7F00_0001, port: 41_000)
            let client2 = ipv6 ? PcapWriterEndpoint(ipv6High: 0, low: 1, port: 41_001) : PcapWriterEndpoint(ipv4: 0x7F00_0001, port: 41_001)
            let server = ipv6 ? PcapWriterEndpoint(ipv6High: 0, low: 1, port: 5_004) : PcapWriterEndpoint(ipv4: 0x7F00_0001, port: 5_004)
            // Two connections interleaved; frames of several sizes, one odd.
            for sequence in UInt16(100)..<UInt16(160) {
                let frame = Self.rtp(sequence: sequence, payloadBytes: 40 + Int(sequence % 7))
                let connection = sequence % 3 == 0 ? 2 : 1
                try frame.withUnsafeBytes {
                    try writer.writeTCPFrame(
                        timestampNanoseconds: 1_000_000_000 * Int64(sequence), connectionID: connection,
                        source: connection == 2 ? client2 : client1, destination: server, frame: $0)
                }
            }
            try writer.close()
            #expect(writer.packetsWritten == 60)
            #expect(writer.recordsWritten == 62, "60 frames and 2 SYNs")

            // No TCP analysis flag (lost segment, retransmission, out of order…), no bad checksum.
            let flagged = try PcapWriterTshark.fields(
                file, ["frame.number", "_ws.expert.message"],
                extra: ["-o", "tcp.analyze_sequence_numbers:TRUE", "-Y", "tcp.analysis.flags || _ws.expert.severity >= warning || _ws.malformed"])
            #expect(flagged.isEmpty, "\(flagged)")
            let synCount = try PcapWriterTshark.fields(file, ["tcp.stream"], extra: ["-Y", "tcp.flags.syn == 1"])
            #expect(synCount.count == 2)

            // RTP decoded from the RFC 4571 stream: every sequence number, in order per connection.
            let rows = try PcapWriterTshark.fields(
                file, ["tcp.srcport", "rtp.seq", "tcp.checksum.status"],
                extra: ["-o", "tcp.analyze_sequence_numbers:TRUE", "-d", "tcp.port==5004,rtp", "-Y", "rtp"])
            var bySource: [String: [Int]] = [:]
            for row in rows where row.count == 3 {
                #expect(row[2] == "1", "tcp checksum \(row[2])")
                bySource[row[0], default: []] += row[1].split(separator: ",").compactMap { Int($0) }
            }
            let expected1 = (100..<160).filter { $0 % 3 != 0 }
            let expected2 = (100..<160).filter { $0 % 3 == 0 }
            #expect(bySource["41000"] == expected1)
            #expect(bySource["41001"] == expected2)
        }
    }

    /// A frame longer than one IPv4 packet can carry is split into two segments whose sequence
    /// numbers still follow the bytes.
    @Test(.enabled(if: PcapWriterTshark.path != nil)) func maximumFrameIsSplit() throws {
        try TemporaryDirectory.withSync { directory in
            let file = directory.appendingPathComponent("big.pcap").path
            let writer = try PcapWriter(path: file)
            let client = PcapWriterEndpoint(ipv4: 0x7F00_0001, port: 41_000)
            let server = PcapWriterEndpoint(ipv4: 0x7F00_0001, port: 5_004)
            let big = Self.rtp(sequence: 7, payloadBytes: 65_535 - 12)
            let small = Self.rtp(sequence: 8, payloadBytes: 20)
            for frame in [big, small] {
                try frame.withUnsafeBytes {
                    try writer.writeTCPFrame(timestampNanoseconds: 1, connectionID: 1, source: client, destination: server, frame: $0)
                }
            }
            try writer.close()
            #expect(writer.recordsWritten == 4, "SYN, two segments of the big frame, the small one")
            let lengths = try PcapWriterTshark.fields(
                file, ["tcp.len", "tcp.seq", "tcp.nxtseq"], extra: ["-o", "tcp.analyze_sequence_numbers:TRUE"])
            #expect(lengths.map { $0.joined(separator: " ") } == ["0 0 1", "65495 1 65496", "42 65496 65538", "34 65538 65572"])
            let flagged = try PcapWriterTshark.fields(
                file, ["frame.number"], extra: ["-o", "tcp.analyze_sequence_numbers:TRUE", "-Y", "tcp.analysis.flags || _ws.expert.severity >= warning"])
            #expect(flagged.isEmpty, "\(flagged)")
        }
    }
}
