import Testing

@testable import Capture

/// RTP over TCP (RFC 4571) from hand-built segment sequences; the expected frames and the
/// record each is delivered with are worked out in the test from the byte offsets.
@Suite struct TCPReassemblyTests {
    typealias B = CaptureBuilder

    /// Eight RTP packets of growing size (payload bytes 0xab, which look like RTP version 2 to
    /// a resynchronising scanner: a hard case), each with its 2-byte RFC 4571 length.
    static let frames: [[UInt8]] = (0..<8).map { B.rtp(sequence: UInt16($0), payloadBytes: 10 + 7 * $0) }
    static let stream: [UInt8] = frames.flatMap { B.be16(UInt16($0.count)) + $0 }
    /// Stream offset where each frame's length prefix starts and where the frame ends.
    static let starts: [Int] = frames.indices.map { index in frames[..<index].reduce(0) { $0 + 2 + $1.count } }
    static let ends: [Int] = frames.indices.map { starts[$0] + 2 + frames[$0].count }
    static let isn: UInt32 = 0xffff_ff00  // The sequence numbers wrap inside the stream.

    /// A raw-IP pcap: a SYN (record 1) unless `syn` is false, then one record per segment
    /// (stream offset, length), then a FIN. Record n is captured at second n.
    static func capture(
        _ segments: [(offset: Int, length: Int)], syn: Bool = true, fin: Bool = true, stream: [UInt8] = stream, ipv6: Bool = false
    ) -> [UInt8] {
        var tcp: [[UInt8]] = []
        if syn { tcp.append(B.tcp(sourcePort: 40_000, destinationPort: 5004, sequence: isn, flags: 0x02, payload: [])) }
        for segment in segments {
            let bytes = Array(stream[segment.offset..<min(stream.count, segment.offset + segment.length)])
            tcp.append(B.tcp(sourcePort: 40_000, destinationPort: 5004, sequence: isn &+ 1 &+ UInt32(segment.offset), payload: bytes))
        }
        if fin { tcp.append(B.tcp(sourcePort: 40_000, destinationPort: 5004, sequence: isn &+ 1 &+ UInt32(stream.count), flags: 0x11, payload: [])) }
        let records = tcp.enumerated().map {
            (UInt32($0.offset + 1), UInt32(0), ipv6 ? B.ipv6(protocol: 6, body: $0.element) : B.ipv4(protocol: 6, body: $0.element), Int?.none)
        }
        return B.pcap(linkType: 101, records: records)
    }

    static func read(_ bytes: [UInt8]) throws -> (frames: [(payload: [UInt8], frame: Int, seconds: Int64)], counters: CaptureCounters) {
        let (packets, counters) = try ReferenceTool.packets(bytes)
        #expect(packets.allSatisfy { $0.transport == .tcp && $0.source.port == 40_000 && [4, 16].contains($0.destination.address.count) })
        return (packets.map { (Array($0.payload), $0.frameNumber, $0.timestampNanoseconds / 1_000_000_000) }, counters)
    }

    @Test func inOrderSegmentsSplittingFrames() throws {
        let segments = stride(from: 0, to: Self.stream.count, by: 25).map { (offset: $0, length: 25) }
        let (frames, counters) = try Self.read(Self.capture(segments))
        // Frame k is completed by the segment holding its last byte: record 2 + (end - 1) / 25.
        #expect(frames.map(\.payload) == Self.frames)
        #expect(frames.map(\.frame) == Self.ends.map { 2 + ($0 - 1) / 25 })
        #expect(frames.map(\.seconds) == Self.ends.map { Int64(2 + ($0 - 1) / 25) })
        #expect(counters.tcpFrames == 8 && counters.tcpRetransmissions == 0 && counters.tcpGaps == 0)
        #expect(counters.tcpSkippedBytes == 0)
    }

    /// The same over IPv6, interleaved with a second direction (ports swapped) that carries
    /// the frames in reverse order of size: the two streams stay apart.
    @Test func ipv6AndTwoDirections() throws {
        let segments = stride(from: 0, to: Self.stream.count, by: 25).map { (offset: $0, length: 25) }
        let forward = try Self.read(Self.capture(segments, ipv6: true))
        #expect(forward.frames.map(\.payload) == Self.frames)
        #expect(try ReferenceTool.packets(Self.capture(segments, ipv6: true)).packets.first?.source.address.count == 16)
        // Two directions in one file: the second one's segments use swapped ports.
        let reverseStream: [UInt8] = Self.frames.reversed().flatMap { B.be16(UInt16($0.count)) + $0 }
        var records: [(seconds: UInt32, fraction: UInt32, frame: [UInt8], originalLength: Int?)] = []
        for (index, offset) in stride(from: 0, to: Self.stream.count, by: 30).enumerated() {
            let a = Array(Self.stream[offset..<min(Self.stream.count, offset + 30)])
            let b = Array(reverseStream[offset..<min(reverseStream.count, offset + 30)])
            records.append((UInt32(2 * index), 0, B.ipv4(protocol: 6, body: B.tcp(sourcePort: 1, destinationPort: 2, sequence: UInt32(offset), payload: a)), nil))
            records.append((UInt32(2 * index + 1), 0, B.ipv4(protocol: 6, body: B.tcp(sourcePort: 2, destinationPort: 1, sequence: UInt32(offset), payload: b)), nil))
        }
        // Both directions start mid-stream (no SYN) exactly on a frame boundary.
        let packets = try ReferenceTool.packets(B.pcap(linkType: 101, records: records)).packets
        #expect(packets.filter { $0.source.port == 1 }.map { Array($0.payload) } == Self.frames)
        #expect(packets.filter { $0.source.port == 2 }.map { Array($0.payload) } == Self.frames.reversed())
    }

    /// Records: 2 [0,30), 3 [60,90) ahead (held), 4 [30,60) fills the gap, 5 [30,60) again
    /// (a retransmission), 6 [80,110) overlaps, 7 the rest.
    @Test func retransmissionOverlapAndOutOfOrder() throws {
        let segments = [(0, 30), (60, 30), (30, 30), (30, 30), (80, 30), (110, Self.stream.count - 110)].map { (offset: $0.0, length: $0.1) }
        let (frames, counters) = try Self.read(Self.capture(segments))
        #expect(frames.map(\.payload) == Self.frames)
        let expected = Self.ends.map { end in end <= 30 ? 2 : end <= 90 ? 4 : end <= 110 ? 6 : 7 }
        #expect(frames.map(\.frame) == expected)
        #expect(counters.tcpRetransmissions == 1)
        #expect(counters.tcpOverlaps == 1)
        #expect(counters.tcpOutOfOrder == 1)
        #expect(counters.tcpGaps == 0)
    }

    /// Bytes [40,80) never arrive. Frames wholly before 40 come out; the frame cut by the gap
    /// is lost; from the first frame starting at or after 80 the stream resynchronises. The gap
    /// is given up at the end of the file, the later frames keep their own records.
    @Test func gapIsSkippedAndTheStreamResynchronises() throws {
        let segments = [(0, 40), (80, 60), (140, Self.stream.count - 140)].map { (offset: $0.0, length: $0.1) }
        let (frames, counters) = try Self.read(Self.capture(segments))
        let kept = Self.frames.indices.filter { Self.ends[$0] <= 40 || Self.starts[$0] >= 80 }
        #expect(frames.map(\.payload) == kept.map { Self.frames[$0] })
        // Records: 2 = [0,40), 3 = [80,140), 4 = the rest.
        #expect(frames.map(\.frame) == kept.map { Self.ends[$0] <= 40 ? 2 : Self.ends[$0] <= 140 ? 3 : 4 })
        #expect(counters.tcpGaps == 1)
        #expect(counters.tcpGapBytes == 40)
        let partialBefore = try 40 - #require(Self.ends.filter { $0 <= 40 }.max())
        let partialAfter = try #require(Self.starts.first { $0 >= 80 }) - 80
        #expect(counters.tcpSkippedBytes == partialBefore + partialAfter)
    }

    /// A direction seen mid-stream (no SYN) starts at its first segment, inside frame 1: the
    /// reader resynchronises on frame 2.
    @Test func midStreamStartResynchronises() throws {
        let first = Self.starts[1] + 5
        let segments = stride(from: first, to: Self.stream.count, by: 40).map { (offset: $0, length: 40) }
        let (frames, counters) = try Self.read(Self.capture(segments, syn: false))
        #expect(frames.map(\.payload) == Array(Self.frames[2...]))
        #expect(counters.tcpSkippedBytes == Self.starts[2] - first)
    }

    /// The hold bound: 300 KiB arriving behind a missing segment. The gap is given up when the
    /// held bytes pass 256 KiB (counted), and the frames after it come out.
    @Test func holdOverflowGivesUpTheGap() throws {
        let big = (0..<400).map { B.rtp(sequence: UInt16($0), payloadBytes: 760) }
        let stream = big.flatMap { B.be16(UInt16($0.count)) + $0 }  // 400 × 774 bytes
        let segments = stride(from: 774, to: stream.count, by: 774).map { (offset: $0, length: 774) }
        let (frames, counters) = try Self.read(Self.capture(segments, fin: false, stream: stream))
        #expect(counters.tcpHoldOverflows >= 1)
        #expect(counters.tcpGaps == 1)
        #expect(counters.tcpGapBytes == 774)
        #expect(frames.map(\.payload) == Array(big[1...]))
    }

    /// A stream that is not RFC 4571 from its SYN on (here TLS-like records: the first "frame" of 0x1703 bytes starts with a version-0
    /// byte) yields nothing.
    @Test func nonRTPStreamIsIgnored() throws {
        let tls: [UInt8] = (0..<300).flatMap { _ in [0x17, 0x03, 0x03, 0x00, 0x10] + [UInt8](repeating: 0x55, count: 16) }
        let segments = stride(from: 0, to: tls.count, by: 100).map { (offset: $0, length: 100) }
        let (frames, counters) = try Self.read(Self.capture(segments, stream: tls))
        #expect(frames.isEmpty)
        #expect(counters.tcpNonRTPStreams == 1)
        #expect(counters.tcpSegments == segments.count)
    }

    /// 70,000 directions (more than the 65,536 followed at once), each one segment holding one
    /// frame, half of them seen mid-stream (their frame waits for confirmation): the oldest are
    /// ended early and every frame still comes out, once.
    @Test func flowLimitEndsTheOldestDirections() throws {
        let frame = B.rtp(sequence: 1)
        let records = (0..<70_000).map { index in
            let segment = B.tcp(
                sourcePort: UInt16(1_024 + index % 60_000), destinationPort: 5004, sequence: 100,
                flags: index % 2 == 0 ? 0x02 : 0x18, payload: B.be16(UInt16(frame.count)) + frame)
            let source: [UInt8] = [10, 1, UInt8(index / 60_000), 1]
            return (UInt32(index), UInt32(0), B.ipv4(source: source, protocol: 6, body: segment), Int?.none)
        }
        let (packets, counters) = try ReferenceTool.packets(B.pcap(linkType: 101, records: records))
        #expect(packets.count == 70_000)
        #expect(Set(packets.map(\.frameNumber)).count == 70_000)
        #expect(counters.tcpFlowsEvicted >= 4_096)
    }
}
