import Capture
import Testing
@testable import Analysis

/// Loss, duplicates, reordering and sequence errors on hand-made streams, each expectation
/// counted by hand in the comments.
@Suite struct StreamAnalyzerLossTests {
    @Test func lossDuplicateAndReorderAreCountedApart() throws {
        // 20 numbers 1000…1019: 1005 lost, 1010 twice, 1016 before 1015.
        var packets = SyntheticPackets.regular(count: 20, lost: [5])
        let duplicate = try #require(packets.firstIndex { $0.payload[3] == 0xF2 })  // seq 1010 = 0x03F2
        packets.insert(packets[duplicate], at: duplicate + 1)
        let fifteen = try #require(packets.firstIndex { $0.payload[3] == 0xF7 })  // 1015
        packets.swapAt(fifteen, fifteen + 1)
        let stream = try #require(try AnalyzerRun.onlyStream(packets))
        #expect(stream.packets == 20)  // 19 distinct + 1 duplicate
        #expect(stream.expected == 20)
        #expect(stream.lost == 1)
        #expect(stream.rfc3550CumulativeLost == 0)  // 20 expected − 20 received (duplicate hides the loss)
        #expect(stream.duplicates == 1)
        #expect(stream.outOfOrder == 1)
        // Wireshark: 1004→1006 gap, 1010 again, 1014→1016 gap, 1015 late.
        #expect(stream.sequenceErrors == 4)
        #expect(stream.lossBursts["1"] == 1)
        #expect(stream.codec.value == "PCMU")
        #expect(stream.clockRateHertz.value == 8_000)
    }

    @Test func sequenceWrapsAt65535() throws {
        // 65530…65535, 0…5: 65535 and 1 lost.
        let packets = SyntheticPackets.regular(count: 12, firstSequence: 65_530, lost: [5, 7])
        let stream = try #require(try AnalyzerRun.onlyStream(packets))
        #expect(stream.expected == 12)
        #expect(stream.lost == 2)
        #expect(stream.lossBursts["1"] == 2)
        #expect(stream.sequenceErrors == 2)
        #expect(stream.duplicates == 0)
        #expect(stream.outOfOrder == 0)
    }

    @Test func burstHistogramCountsRunsByLength() throws {
        // Runs of 1 (10), 2 (20–21), 3 (30–32) and 12 (50–61) in 100 packets.
        let lost = Set([10, 20, 21, 30, 31, 32] + Array(50...61))
        let stream = try #require(try AnalyzerRun.onlyStream(SyntheticPackets.regular(count: 100, lost: lost)))
        #expect(stream.lost == 18)
        #expect(stream.lossBursts["1"] == 1)
        #expect(stream.lossBursts["2"] == 1)
        #expect(stream.lossBursts["3"] == 1)
        #expect(stream.lossBursts["4"] == 0)
        #expect(stream.lossBursts["10+"] == 1)
        #expect(abs(stream.lossPercent - 18) < 1e-9)
        // Gilbert–Elliott over 100 fates: 82 received, 18 lost in 4 runs.
        // p = received→lost / transitions from received = 4 / 81 (the last one has none).
        #expect(abs(stream.gilbertElliott.p - 4.0 / 81) < 1e-9)
        // r = lost→received / transitions from lost = 4 / 18.
        #expect(abs(stream.gilbertElliott.r - 4.0 / 18) < 1e-9)
    }

    @Test func aStrayFarOffPacketDoesNotBreakTheStream() throws {
        // 30 packets; after the 15th, one with a number 20000 ahead and a wild timestamp.
        var packets = SyntheticPackets.regular(count: 30, lost: [20])
        packets.insert(
            SyntheticPackets.rtp(sequence: 21_015, timestamp: 0x8000_0000, arrivalMilliseconds: 301), at: 15)
        let stream = try #require(try AnalyzerRun.onlyStream(packets))
        #expect(stream.packets == 30)  // 29 + the stray
        #expect(stream.expected == 30)
        #expect(stream.lost == 1)
        #expect(stream.lossBursts["1"] == 1)
        #expect(stream.lossBursts.values.reduce(0, +) == 1)
        #expect(abs((stream.jitterMilliseconds.value ?? 1) - 0) < 1e-9)
    }

    @Test func lossNeverGoesNegativeWithManyDuplicates() throws {
        var packets = SyntheticPackets.regular(count: 10)
        packets += packets.suffix(5)
        let stream = try #require(try AnalyzerRun.onlyStream(packets))
        #expect(stream.lost == 0)
        #expect(stream.duplicates == 5)
        #expect(stream.rfc3550CumulativeLost == -5)
    }

    @Test func streamsAreKeyedByFiveTupleAndSSRC() throws {
        let other = CaptureEndpoint(address: [127, 0, 0, 2], port: 40_000)
        var packets = SyntheticPackets.regular(count: 10, ssrc: 1) + SyntheticPackets.regular(count: 10, ssrc: 2)
        packets += SyntheticPackets.regular(count: 10, ssrc: 1).map { packet in
            var moved = packet
            moved.source = other
            return moved
        }
        let report = try AnalyzerRun.report(packets)
        #expect(report.streams.count == 3)
        #expect(report.streams.allSatisfy { $0.lost == 0 && $0.packets == 10 })
    }

    @Test func streamFilterAndStreamLimit() throws {
        let packets = (1...3).flatMap { SyntheticPackets.regular(count: 10, ssrc: UInt32($0)) }
        let filtered = try AnalyzerRun.report(packets, configuration: AnalysisConfiguration(policies: [], ssrcFilter: 2))
        #expect(filtered.streams.map(\.ssrc) == ["0x00000002"])
        #expect(filtered.analyzer.filteredPackets == 20)
        let limited = try AnalyzerRun.report(packets, configuration: AnalysisConfiguration(policies: [], maximumStreams: 2))
        #expect(limited.streams.count == 2)
        #expect(limited.analyzer.overLimitPackets == 10)
    }

    @Test func strayPacketsDoNotMakeStreams() throws {
        // Two RTP-looking packets, then noise: no stream, everything counted.
        var packets = Array(SyntheticPackets.regular(count: 2))
        packets.append(SyntheticPackets.datagram([0x01, 0x02, 0x03], arrivalMilliseconds: 50))
        let report = try AnalyzerRun.report(packets)
        #expect(report.streams.isEmpty)
        #expect(report.analyzer.unconfirmedPackets == 2)
        #expect(report.analyzer.otherPackets == 1)
    }
}

/// Loss runs are drawn where they happened: at the arrival of the first packet after each run,
/// even when the run settles (256 numbers later, or at the end) long after.
@Suite struct StreamAnalyzerLossTimelineTests {
    @Test func lossMarksAreAtTheGapNotWhenTheRunSettles() throws {
        // 600 packets 20 ms apart: 100–102 lost (the next packet, 103, at 2,060 ms); 598–599
        // never arrive, and nothing after them says they were sent (RFC 3550 expects up to the
        // highest number received), so they are no loss.
        let packets = SyntheticPackets.regular(count: 600, lost: [100, 101, 102, 598, 599])
        var analyzer = StreamAnalyzer(configuration: AnalysisConfiguration(policies: []))
        for packet in packets { analyzer.consume(packet) }
        let result = try analyzer.finish(files: ["synthetic"], capture: CaptureCounters())
        let chart = try #require(result.charts.first)
        let first = try #require(packets.first?.timestampNanoseconds)
        let marks = chart.timeline.losses.map { ($0.packets, ($0.startNanoseconds - first) / 1_000_000) }
        #expect(marks.count == 1)
        #expect(marks.first?.0 == 3)
        #expect(marks.first?.1 == 2_060)
    }
}
