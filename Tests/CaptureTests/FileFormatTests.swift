import Foundation
import JitterbugTestSupport
import Testing

@testable import Capture

/// pcap in both byte orders and resolutions, pcapng (hand-built and written by editcap and
/// mergecap), gzip: the reader agrees with tshark.
@Suite(.enabled(if: ReferenceTool.hasWiresharkTools)) struct FileFormatTests {
    typealias B = CaptureBuilder

    /// Ethernet frames with RTP over UDP, IPv4 and IPv6, and one ARP frame.
    static let frames: [[UInt8]] = (0..<6).map { index in
        if index == 3 { return B.ethernet([UInt8](repeating: 0, count: 28), etherType: 0x0806) }
        let udp = B.udp(sourcePort: UInt16(5000 + index), destinationPort: 6000, payload: B.rtp(sequence: UInt16(index)))
        return index % 2 == 0 ? B.ethernet(B.ipv4(protocol: 17, body: udp)) : B.ethernet(B.ipv6(protocol: 17, body: udp), etherType: 0x86dd)
    }

    static func compare(_ path: String, expectedDatagrams: Int = 5) throws {
        let reference = try ReferenceTool.tsharkUDP(path)
        let (lines, counters) = try ReferenceTool.readerUDP(path)
        #expect(lines == reference, "\(path)")
        #expect(lines.count == expectedDatagrams)
        #expect(counters.truncatedRecords == 0)
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func pcapByteOrdersAndResolutions(bigEndian: Bool, nanosecond: Bool) throws {
        try TemporaryDirectory.withSync { directory in
            let records = Self.frames.enumerated().map {
                (UInt32(1_700_000_000 + $0.offset), UInt32(nanosecond ? 999_999_000 + $0.offset : 999_990 + $0.offset), $0.element, Int?.none)
            }
            let bytes = B.pcap(linkType: 1, records: records, bigEndian: bigEndian, nanosecond: nanosecond)
            let path = try ReferenceTool.write(bytes, "f.pcap", in: directory)
            try Self.compare(path)
            let read = try ReferenceTool.packets(bytes)
            let expectedFraction: Int64 = nanosecond ? 999_999_000 : 999_990_000
            #expect(read.packets.first?.timestampNanoseconds == 1_700_000_000 * 1_000_000_000 + expectedFraction)
        }
    }

    /// editcap rewrites a pcap as nanosecond pcap and as pcapng; mergecap merges an Ethernet
    /// microsecond pcap and an SLL2 nanosecond pcap into one pcapng with two interfaces.
    @Test func editcapAndMergecapOutputs() throws {
        try TemporaryDirectory.withSync { directory in
            let records = Self.frames.enumerated().map { (UInt32(1_700_000_000 + 2 * $0.offset), UInt32(10 * $0.offset), $0.element, Int?.none) }
            let ethernet = try ReferenceTool.write(B.pcap(linkType: 1, records: records), "eth.pcap", in: directory)
            for format in ["nsecpcap", "pcapng"] {
                let out = directory.appendingPathComponent("eth.\(format)").path
                try ReferenceTool.run("editcap", ["-F", format, ethernet, out])
                try Self.compare(out)
            }
            let sll2Frames = (0..<4).map { index in
                B.sll2(B.ipv4(protocol: 17, body: B.udp(sourcePort: 7000, destinationPort: 7001, payload: B.rtp(sequence: UInt16(index)))))
            }
            let sll2Records = sll2Frames.enumerated().map { (UInt32(1_700_000_001 + 2 * $0.offset), UInt32(123_456_789), $0.element, Int?.none) }
            let sll2 = try ReferenceTool.write(B.pcap(linkType: 276, records: sll2Records, nanosecond: true), "any.pcap", in: directory)
            let merged = directory.appendingPathComponent("merged.pcapng").path
            try ReferenceTool.run("mergecap", ["-F", "pcapng", "-w", merged, ethernet, sll2])
            try Self.compare(merged, expectedDatagrams: 9)
            var reader = try CaptureReader(path: merged)
            var interfaces: [Int: Int] = [:]
            while let packet = try reader.next() { interfaces[packet.source.port == 7000 ? 1 : 0] = packet.interfaceIndex }
            #expect(interfaces[0] != interfaces[1])
            #expect(reader.counters.interfaces == 2)
        }
    }

    /// Hand-built pcapng: a little-endian section (Ethernet at the default microseconds, raw IP
    /// at 2^-20 s, a name-resolution and a custom block) and a big-endian section (raw IP at
    /// nanoseconds). tshark reads the same times.
    @Test func pcapngSectionsInterfacesAndResolutions() throws {
        try TemporaryDirectory.withSync { directory in
            let raw = B.ipv4(protocol: 17, body: B.udp(sourcePort: 4000, destinationPort: 4001, payload: B.rtp(sequence: 1)))
            var bytes = B.pcapngSection() + B.pcapngInterface(linkType: 1) + B.pcapngInterface(linkType: 101, tsresol: 0x94)
            bytes += B.pcapngPacket(interface: 0, units: 1_700_000_000_123_456, frame: Self.frames[0])
            bytes += B.pcapngBlock(type: 4, body: [0, 0, 0, 0])  // empty name resolution block
            bytes += B.pcapngPacket(interface: 1, units: UInt64(1_700_000_001) << 20 | 3 << 14, frame: raw)
            bytes += B.pcapngBlock(type: 0x0000_0bad, body: [0, 0, 0x7e, 0x0d, 1, 2, 3, 4])  // custom block
            bytes += B.pcapngSection(bigEndian: true) + B.pcapngInterface(linkType: 101, tsresol: 9, bigEndian: true)
            bytes += B.pcapngPacket(interface: 0, units: 1_700_000_002_000_000_007, frame: raw, bigEndian: true)
            let path = try ReferenceTool.write(bytes, "hand.pcapng", in: directory)
            try Self.compare(path, expectedDatagrams: 3)
            let read = try ReferenceTool.packets(bytes)
            #expect(read.packets.map(\.timestampNanoseconds) == [
                1_700_000_000_123_456_000, 1_700_000_001_046_875_000, 1_700_000_002_000_000_007,
            ])
            #expect(read.packets.map(\.interfaceIndex) == [0, 1, 2])
            #expect(read.counters.sections == 2)
            #expect(read.counters.otherBlocks == 2)
        }
    }

    /// `if_tsoffset` (seconds added to every time): as tshark reads it. Simple packet blocks have
    /// no time (tshark shows none): the reader gives the previous record's and counts them.
    @Test func tsoffsetAndSimplePacketBlocks() throws {
        let raw = B.ipv4(protocol: 17, body: B.udp(sourcePort: 4000, destinationPort: 4001, payload: B.rtp(sequence: 1)))
        var bytes = B.pcapngSection() + B.pcapngInterface(linkType: 101, tsresol: 3, tsoffset: 1_000)
        bytes += B.pcapngPacket(interface: 0, units: 5_250, frame: raw)  // 5.250 s + 1000 s
        bytes += B.pcapngSimplePacket(frame: raw)
        let read = try ReferenceTool.packets(bytes)
        #expect(read.packets.map(\.timestampNanoseconds) == [1_005_250_000_000, 1_005_250_000_000])
        #expect(read.counters.simplePacketBlocks == 1)
        #expect(read.packets.map(\.frameNumber) == [1, 2])
        try TemporaryDirectory.withSync { directory in
            let reference = try ReferenceTool.tsharkUDP(try ReferenceTool.write(bytes, "offset.pcapng", in: directory))
            #expect(reference.count == 2)
            #expect(reference.first == read.packets.first.map(ReferenceTool.line))
            #expect(reference.last?.split(separator: "\t", omittingEmptySubsequences: false).dropFirst().first == "")
        }
    }

    /// gzip-compressed pcap and pcapng (also two gzip members one after the other) read like
    /// the uncompressed files, and as tshark reads them.
    @Test func gzipCompressedCaptures() throws {
        try TemporaryDirectory.withSync { directory in
            let records = Self.frames.enumerated().map { (UInt32(1_700_000_000 + $0.offset), UInt32($0.offset), $0.element, Int?.none) }
            let plain = B.pcap(linkType: 1, records: records)
            let path = try ReferenceTool.write(plain, "c.pcap", in: directory)
            try ReferenceTool.run("gzip", ["-k", path])
            try Self.compare(path + ".gz")
            let expected = try ReferenceTool.readerUDP(path).lines
            #expect(try ReferenceTool.readerUDP(path + ".gz").lines == expected)
            // Two members: the header and first records, then the rest.
            let first = try ReferenceTool.write(Array(plain[..<100]), "a", in: directory)
            let second = try ReferenceTool.write(Array(plain[100...]), "b", in: directory)
            try ReferenceTool.run("gzip", [first, second])
            let joined = try Data(contentsOf: URL(fileURLWithPath: first + ".gz")) + Data(contentsOf: URL(fileURLWithPath: second + ".gz"))
            let read = try ReferenceTool.packets(Array(joined))
            #expect(read.packets.map(ReferenceTool.line) == expected)
        }
    }
}

/// Files larger than the reader's 1 MiB buffer, records of many sizes crossing its refills.
@Suite(.enabled(if: ReferenceTool.hasWiresharkTools)) struct LargeFileTests {
    typealias B = CaptureBuilder

    @Test func recordsAcrossBufferRefillsAgreeWithTShark() throws {
        try TemporaryDirectory.withSync { directory in
            // 3,000 records of 60 to 1,500 bytes: about 2.3 MB.
            let records = (0..<3_000).map { index in
                let payload = B.rtp(sequence: UInt16(index), payloadBytes: (index * 397) % 1_440, fill: UInt8(index & 0xff))
                let frame = B.ethernet(B.ipv4(protocol: 17, body: B.udp(sourcePort: UInt16(1_024 + index), destinationPort: 5004, payload: payload)))
                return (UInt32(1_700_000_000 + index / 50), UInt32(index % 50 * 20_000), frame, Int?.none)
            }
            let pcap = try ReferenceTool.write(B.pcap(linkType: 1, records: records), "large.pcap", in: directory)
            let pcapng = directory.appendingPathComponent("large.pcapng").path
            try ReferenceTool.run("editcap", ["-F", "pcapng", pcap, pcapng])
            try ReferenceTool.run("gzip", ["-k", pcapng])
            let reference = try ReferenceTool.tsharkUDP(pcap)
            #expect(reference.count == 3_000)
            for path in [pcap, pcapng, pcapng + ".gz"] {
                let (lines, counters) = try ReferenceTool.readerUDP(path)
                #expect(lines == reference, "\(path)")
                #expect(counters.records == 3_000 && counters.udpDatagrams == 3_000)
            }
        }
    }
}
