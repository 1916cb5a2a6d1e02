import Foundation
import JitterbugSupport
import JitterbugTestSupport
import Testing

@testable import Capture

/// Damaged and hostile files: a clear error or a counted skip, never a crash.
@Suite struct BadCaptureTests {
    typealias B = CaptureBuilder

    static let datagram = B.ipv4(protocol: 17, body: B.udp(sourcePort: 5004, destinationPort: 6004, payload: B.rtp(sequence: 1)))
    static func records(_ count: Int) -> [(seconds: UInt32, fraction: UInt32, frame: [UInt8], originalLength: Int?)] {
        (0..<count).map { (UInt32($0), 0, datagram, nil) }
    }

    static func error(_ bytes: [UInt8]) -> CaptureError? {
        do {
            _ = try ReferenceTool.packets(bytes)
            return nil
        } catch let error as CaptureError {
            return error
        } catch {
            return nil
        }
    }

    @Test func openingErrorsNameTheFile() throws {
        #expect(throws: CaptureError.cannotOpen(path: "/nonexistent/x.pcap", reason: "No such file or directory")) {
            try CaptureReader(path: "/nonexistent/x.pcap")
        }
        try TemporaryDirectory.withSync { directory in
            #expect(throws: CaptureError.cannotOpen(path: directory.path, reason: "is a directory")) {
                try CaptureReader(path: directory.path)
            }
            let text = try ReferenceTool.write(Array("hello, this is not a capture\n".utf8), "notes.txt", in: directory)
            #expect(throws: CaptureError.unrecognizedFormat(path: text)) { try CaptureReader(path: text) }
            let empty = try ReferenceTool.write([], "empty.pcap", in: directory)
            #expect(throws: CaptureError.malformed(path: empty, offset: 0, reason: "empty file")) { try CaptureReader(path: empty) }
        }
        #expect(Self.error(Array(B.pcap(linkType: 1, records: [])[..<10])).map { "\($0)" } == "memory: damaged at byte 0: pcap file header cut short (10 of 24 bytes)")
    }

    /// A final record cut by the end of the file: the records before it are read, the cut one
    /// counted, no error (pcap, pcapng, and gzip cut in the middle of the compressed stream).
    @Test func truncatedFinalRecordIsCounted() throws {
        let pcap = B.pcap(linkType: 101, records: Self.records(3))
        let cut = try ReferenceTool.packets(Array(pcap.dropLast(10)))
        #expect(cut.packets.count == 2)
        #expect(cut.counters.truncatedRecords == 1)
        #expect(cut.counters.records == 2)
        let headerCut = try ReferenceTool.packets(Array(pcap.dropLast(Self.datagram.count + 8)))
        #expect(headerCut.packets.count == 2 && headerCut.counters.truncatedRecords == 1)

        let pcapng = B.pcapngSection() + B.pcapngInterface(linkType: 101)
            + (0..<3).flatMap { B.pcapngPacket(interface: 0, units: UInt64($0), frame: Self.datagram) }
        let cutng = try ReferenceTool.packets(Array(pcapng.dropLast(5)))
        #expect(cutng.packets.count == 2 && cutng.counters.truncatedRecords == 1)

        try TemporaryDirectory.withSync { directory in
            let big = B.pcap(linkType: 101, records: Self.records(5_000))
            let path = try ReferenceTool.write(big, "big.pcap", in: directory)
            try ReferenceTool.run("gzip", ["-1", path])
            let gz = try Array(Data(contentsOf: URL(fileURLWithPath: path + ".gz")))
            // Cut at a few points of the compressed stream (the decompressed data then ends inside
            // a record or, as repeated records compress to whole-record matches, between two).
            var truncated = 0
            for cut in (gz.count / 2)..<(gz.count / 2 + 6) {
                let read = try ReferenceTool.packets(Array(gz[..<cut]))
                #expect(read.packets.count > 100 && read.packets.count < 5_000)
                #expect(read.counters.truncatedRecords <= 1)
                truncated += read.counters.truncatedRecords
            }
            #expect(truncated > 0)
        }
    }

    /// Snapshot length: a record whose UDP payload was cut is counted and skipped; one cut only
    /// in the Ethernet padding after the IP packet is whole and returned.
    @Test func snaplenCuts() throws {
        let frame = B.ethernet(Self.datagram)
        let padded = frame + [UInt8](repeating: 0, count: 20)
        let records: [(seconds: UInt32, fraction: UInt32, frame: [UInt8], originalLength: Int?)] = [
            (1, 0, Array(frame[..<60]), frame.count),  // payload cut
            (2, 0, Array(padded[..<(frame.count + 4)]), padded.count),  // only padding cut
            (3, 0, Array(frame[..<30]), frame.count),  // IP header cut
        ]
        let read = try ReferenceTool.packets(B.pcap(linkType: 1, records: records, snapLength: 60))
        #expect(read.packets.map(\.frameNumber) == [2])
        #expect(read.counters.snaplenCut == 2)
    }

    /// editcap -s cuts every record of a real file; nothing half is returned.
    @Test(.enabled(if: ReferenceTool.hasWiresharkTools)) func editcapSnaplen() throws {
        try TemporaryDirectory.withSync { directory in
            let path = try ReferenceTool.write(B.pcap(linkType: 1, records: Self.records(10).map { ($0.0, $0.1, B.ethernet($0.2), nil) }), "a.pcap", in: directory)
            let cut = directory.appendingPathComponent("cut.pcap").path
            try ReferenceTool.run("editcap", ["-s", "50", path, cut])
            let read = try ReferenceTool.readerUDP(cut)
            #expect(read.lines.isEmpty)
            #expect(read.counters.snaplenCut == 10)
            // tshark agrees the datagrams are cut: 14 + 20 + the UDP length is beyond what was captured.
            let fields = try ReferenceTool.run("tshark", ["-r", cut, "-T", "fields", "-e", "frame.cap_len", "-e", "udp.length"])
            let rows = fields.split(separator: "\n").map { $0.split(separator: "\t").compactMap { Int($0) } }
            #expect(rows.count == 10)
            #expect(rows.allSatisfy { $0.count == 2 && $0[0] < 14 + 20 + $0[1] })
        }
    }

    /// Length fields no file can have: an error naming the offset, after the good records.
    @Test func impossibleLengthsStopWithAnError() throws {
        var pcap = B.pcap(linkType: 101, records: Self.records(2))
        pcap += B.le32(9) + B.le32(0) + B.le32(0xffff_fff0) + B.le32(60) + [UInt8](repeating: 0, count: 64)
        var reader = try CaptureReader(bytes: pcap, name: "huge.pcap")
        #expect(try reader.next() != nil)
        #expect(try reader.next() != nil)
        let offset = Int64(pcap.count - 80)
        #expect(throws: CaptureError.malformed(path: "huge.pcap", offset: offset, reason: "record length 4294967280 bytes is beyond the 67108864-byte limit")) {
            try reader.next()
        }
        for length: UInt32 in [0xffff_fffc, 8, 0] {
            let pcapng = B.pcapngSection() + B.pcapngInterface(linkType: 101) + B.le32(6) + B.le32(length) + [UInt8](repeating: 0, count: 40)
            let error = Self.error(pcapng)
            #expect(error.map { "\($0)" }?.contains("pcapng block length \(length) bytes is outside 12...67108864") == true)
        }
        let badMagic = Array(B.pcapngSection().prefix(8)) + B.le32(0x1234_5678) + [UInt8](repeating: 0, count: 20)
        #expect(Self.error(badMagic).map { "\($0)" }?.contains("unknown byte-order magic") == true)
    }

    /// Random bytes after valid headers, random gzip, and valid files with random bytes
    /// overwritten: each read ends with packets and counts or a `CaptureError`; never a crash.
    @Test func randomAndMutatedBytes() throws {
        var random = SplitMix64(seed: 18)
        let headers: [[UInt8]] = [
            B.pcap(linkType: 1, records: []), B.pcap(linkType: 113, records: [], bigEndian: true),
            B.pcapngSection() + B.pcapngInterface(linkType: 1) + B.pcapngInterface(linkType: 276, tsresol: 0x94), [0x1f, 0x8b, 8, 0],
        ]
        let valid = [
            B.pcap(linkType: 1, records: Self.records(20).map { ($0.0, $0.1, B.ethernet($0.2), nil) }),
            B.pcapngSection() + B.pcapngInterface(linkType: 101) + (0..<20).flatMap { B.pcapngPacket(interface: 0, units: UInt64($0), frame: Self.datagram) },
            TCPReassemblyTests.capture([(0, 40), (60, 200), (40, 30)]),
        ]
        var outcomes = (packets: 0, errors: 0)
        for round in 0..<3_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = headers[round / 2 % headers.count] + (0..<Int(random.next() % 2_000)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            } else {
                bytes = valid[round / 2 % valid.count]
                for _ in 0..<(1 + random.next() % 8) {
                    bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
                }
            }
            do {
                outcomes.packets += try ReferenceTool.packets(bytes).packets.count
            } catch is CaptureError {
                outcomes.errors += 1
            }
        }
        #expect(outcomes.packets > 0)
        #expect(outcomes.errors > 0)
    }
}
