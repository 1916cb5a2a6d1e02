import Testing
@testable import Analysis

/// Stray RTP-looking datagrams cannot fill the stream table for good.
@Suite struct StreamCandidateEvictionTests {
    @Test func staleCandidatesMakeRoomForAStream() throws {
        // 3 stray single packets (3 SSRCs) fill a table of 3; 10 s later a real stream comes.
        var packets = (1...3).map { SyntheticPackets.rtp(sequence: 1, timestamp: 1, arrivalMilliseconds: 0, ssrc: UInt32(100 + $0)) }
        packets += SyntheticPackets.regular(count: 10).map { packet in
            var later = packet
            later.timestampNanoseconds += 10_000_000_000
            return later
        }
        let report = try AnalyzerRun.report(packets, configuration: AnalysisConfiguration(policies: [], maximumStreams: 3))
        #expect(report.streams.count == 1)
        #expect(report.streams.first?.packets == 10)
        #expect(report.analyzer.unconfirmedPackets == 3)
        #expect(report.analyzer.overLimitPackets == 0)
    }
}
