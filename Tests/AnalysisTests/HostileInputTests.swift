import Capture
import JitterbugSupport
import Testing
@testable import Analysis

/// Random and hostile datagrams (any bytes, RTP-looking headers with wild numbers, extreme
/// capture and send times) are counted, never a crash, and every packet lands in one counter.
@Suite struct HostileInputTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func randomDatagramsAreCountedNeverACrash(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var analyzer = StreamAnalyzer(configuration: AnalysisConfiguration(maximumStreams: 50))
        let extremes: [Int64] = [.min, .max, 0, -1, 1 << 62]
        let count = 20_000
        for index in 0..<count {
            let length = Int(random.next() % 120)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if length >= 12, random.next() % 2 == 0 {
                // RTP-looking: version 2, a few SSRCs, numbers near each other or anywhere.
                bytes[0] = 0x80 | (bytes[0] & 0x3F)
                bytes[8] = 0
                bytes[9] = 0
                bytes[10] = 0
                bytes[11] = UInt8(random.next() % 4)
                if random.next() % 4 != 0 {
                    bytes[2] = UInt8(truncatingIfNeeded: index >> 8)
                    bytes[3] = UInt8(truncatingIfNeeded: index)
                }
            }
            let time = random.next() % 50 == 0
                ? extremes[Int(random.next() % UInt64(extremes.count))]
                : SyntheticPackets.start + Int64(index) * 20_000_000
            analyzer.consume(
                CapturedPacket(
                    timestampNanoseconds: time, source: SyntheticPackets.source, destination: SyntheticPackets.destination,
                    transport: .udp, payload: bytes[...]))
        }
        let result = try analyzer.finish(files: [], capture: CaptureCounters())
        let counters = result.report.analyzer
        #expect(counters.packets == count)
        #expect(
            counters.rtpPackets + counters.rtcpPackets + counters.srtcpPackets + counters.malformedRTCPPackets
                + counters.otherPackets + counters.unconfirmedPackets + counters.overLimitPackets + counters.filteredPackets
                == count)
        #expect(result.report.streams.allSatisfy { $0.lost >= 0 && $0.expected >= 0 })
        _ = try result.report.jsonText()
        _ = AnalysisTable.text(result.report)
    }
}
