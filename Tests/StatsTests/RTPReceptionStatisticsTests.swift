import Testing
@testable import Stats

/// Helpers: record a sequence with paced timestamps (20 ms at 8 kHz) so jitter stays 0.
private func feed(_ stats: inout RTPReceptionStatistics, _ sequences: [UInt16]) -> [PacketVerdict] {
    sequences.map { sequence in
        stats.record(
            sequenceNumber: sequence,
            rtpTimestamp: UInt32(sequence) &* 160,
            arrival: .milliseconds(Int64(sequence) * 20),
            payloadBytes: 100
        )
    }
}

@Suite("RFC 3550 A.1 sequence validation")
struct SequenceValidationTests {
    @Test("First packet is held on probation until MIN_SEQUENTIAL (2) in sequence, then counted")
    func probation() {
        var stats = RTPReceptionStatistics(clockRateHertz: 8000)
        #expect(feed(&stats, [100]) == [.probation])
        #expect(!stats.isValid)
        #expect(stats.receivedPackets == 0)
        #expect(stats.extendedHighestSequenceNumber == nil)
        let figures = stats.makeReportBlockFigures()
        #expect(figures == nil)

        #expect(feed(&stats, [101]) == [.accepted])
        #expect(stats.isValid)
        // Packet 100 was sent and received: base_seq = 100 and it counts (A.1 would drop it).
        #expect(stats.baseSequenceNumber == 100)
        #expect(stats.validationVerdicts == [.accepted])
        #expect(stats.receivedPackets == 2)
        #expect(stats.expectedPackets == 2)
        #expect(stats.cumulativeLost == 0)
    }

    @Test("A non-sequential packet during probation restarts probation; the held ones still count")
    func probationRestart() {
        var stats = RTPReceptionStatistics(clockRateHertz: 8000)
        #expect(feed(&stats, [100, 105, 106]) == [.probation, .probation, .accepted])
        // 100 is 6 behind 106 (< MAX_DROPOUT): the stream started there and lost 101...104.
        #expect(stats.baseSequenceNumber == 100)
        #expect(stats.probationDroppedPackets == 0)
        #expect(stats.receivedPackets == 3)
        #expect(stats.expectedPackets == 7)
        #expect(stats.lostPackets == 4)
    }

    @Test("Wrap 65535 → 0 extends the highest sequence number to 65536 and beyond")
    func wrap() {
        var stats = RTPReceptionStatistics(clockRateHertz: 8000)
        #expect(feed(&stats, [65534, 65535, 0, 1]) == [.probation, .accepted, .accepted, .accepted])
        #expect(stats.extendedHighestSequenceNumber == 65537)
        // expected = 65537 − 65534 + 1
        #expect(stats.expectedPackets == 4)
        #expect(stats.receivedPackets == 4)
        #expect(stats.cumulativeLost == 0)
        let figures = stats.makeReportBlockFigures()
        #expect(figures?.extendedHighestSequenceNumber == 65537)
    }

    @Test("Probation across the wrap: 65535 then 0 is sequential")
    func probationAcrossWrap() {
        var stats = RTPReceptionStatistics(clockRateHertz: 8000)
        #expect(feed(&stats, [65535, 0]) == [.probation, .accepted])
        #expect(stats.baseSequenceNumber == 65535)
        // One wrap since the base: cycles 1, highest 0.
        #expect(stats.extendedHighestSequenceNumber == 65536)
        #expect(stats.expectedPackets == 2)
    }

    @Test("Many wraps keep counting in 64 bits")
    func manyWraps() {
        var stats = RTPReceptionStatistics(clockRateHertz: 8000)
        _ = feed(&stats, [0, 1])
        // Step by 2000 (< MAX_DROPOUT) for 5 full cycles.
        var sequence: UInt16 = 1
        for _ in 0..<(5 * 65536 / 2000) {
            sequence = sequence &+ 2000
            #expect(feed(&stats, [sequence]) == [.accepted])
        }
        let steps = UInt64(5 * 65536 / 2000)
        #expect(stats.extendedHighestSequenceNumber == 1 + steps * 2000)
    }

    @Test("Reordered packets: counted, with max and mean distance")
    func reorder() {
        var stats = RTPReceptionStatistics(clockRateHertz: 8000)
        let verdicts = feed(&stats, [10, 11, 12, 14, 13, 15, 17, 18, 16])
        #expect(verdicts == [
            .probation, .accepted, .accepted, .accepted, .reordered(distance: 1),
            .accepted, .accepted, .accepted, .reordered(distance: 2),
        ])
        #expect(stats.reorderedPackets == 2)
        #expect(stats.maximumReorderDistance == 2)
        #expect(stats.meanReorderDistance == 1.5)
        // 10...18 all arrived.
        #expect(stats.expectedPackets == 9)
        #expect(stats.receivedPackets == 9)
        #expect(stats.cumulativeLost == 0)
    }

    @Test("Exact duplicates are detected, yet counted in received as A.3 requires")
    func duplicates() {
        var stats = RTPReceptionStatistics(clockRateHertz: 8000)
        let verdicts = feed(&stats, [10, 11, 12, 12, 13, 11])
        #expect(verdicts == [.probation, .accepted, .accepted, .duplicate, .accepted, .duplicate])
        #expect(stats.duplicatePackets == 2)
        #expect(stats.reorderedPackets == 0)
        #expect(stats.receivedPackets == 6)
        #expect(stats.expectedPackets == 4)
        // expected − received = 4 − 6
        #expect(stats.cumulativeLost == -2)
        #expect(stats.rfc3550CumulativeLost == -2)
        #expect(stats.lostPackets == 0)
        #expect(stats.uniquePackets == 4)
        let figures = stats.makeReportBlockFigures()
        #expect(figures?.cumulativeLost == -2)
    }

    @Test("A late packet filling a hole is reordered, its repeat is a duplicate")
    func holeThenRepeat() {
        var stats = RTPReceptionStatistics(clockRateHertz: 8000)
        let verdicts = feed(&stats, [1, 2, 4, 3, 3])
        #expect(verdicts == [.probation, .accepted, .accepted, .reordered(distance: 1), .duplicate])
    }

    @Test("Jump of 4000: dropped as bad_seq, restart on the next sequential packet")
    func bigJumpRestart() {
        var stats = RTPReceptionStatistics(clockRateHertz: 8000)
        #expect(feed(&stats, [1000, 1001, 1002]) == [.probation, .accepted, .accepted])
        #expect(feed(&stats, [5002]) == [.badSequence])
        #expect(stats.receivedPackets == 3)
        #expect(stats.extendedHighestSequenceNumber == 1002)
        #expect(feed(&stats, [5003]) == [.restarted])
        // init_seq(5003): everything counts from the restart packet.
        #expect(stats.baseSequenceNumber == 5003)
        #expect(stats.receivedPackets == 1)
        #expect(stats.extendedHighestSequenceNumber == 5003)
        #expect(feed(&stats, [5004]) == [.accepted])
        #expect(stats.expectedPackets == 2)
        #expect(stats.restarts == 1)
        #expect(stats.badSequencePackets == 1)
        // The epoch before the restart still counts: 1000...1002 and 5003...5004.
        #expect(stats.totalExpectedPackets == 5)
        #expect(stats.uniquePackets == 5)
        #expect(stats.lostPackets == 0)
    }

    @Test("After a restart, loss excluding duplicates counts only the new epoch")
    func restartResetsEpochCounters() {
        var stats = RTPReceptionStatistics(clockRateHertz: 8000)
        _ = feed(&stats, [10, 11, 12, 12, 12])
        #expect(stats.duplicatePackets == 2)
        _ = feed(&stats, [9000, 9001, 9003])
        // Epoch 9001...9003: expected 3, received 2, one lost; old duplicates do not hide it.
        #expect(stats.cumulativeLost == 1)
        #expect(stats.duplicatePackets == 2)
        // Over both epochs: 10...12 and 9001...9003 expected, 9002 lost; the old duplicates
        // neither hide it from lostPackets nor vanish from the RFC 3550 figure (6 − 7).
        #expect(stats.lostPackets == 1)
        #expect(stats.rfc3550CumulativeLost == -1)
    }

    @Test("A lone stray jump does not restart; the stream continues")
    func strayJump() {
        var stats = RTPReceptionStatistics(clockRateHertz: 8000)
        #expect(feed(&stats, [1000, 1001, 5001, 1002]) == [.probation, .accepted, .badSequence, .accepted])
        #expect(feed(&stats, [9000, 20000, 20001]) == [.badSequence, .badSequence, .restarted])
        #expect(stats.baseSequenceNumber == 20001)
    }

    @Test("Far-behind packet (beyond MAX_MISORDER) goes through the bad_seq path")
    func farBehind() {
        var stats = RTPReceptionStatistics(clockRateHertz: 8000)
        _ = feed(&stats, [1000, 1001, 1002])
        #expect(feed(&stats, [800]) == [.badSequence])
        #expect(feed(&stats, [1003]) == [.accepted])
    }

    @Test("Late packets are a caller-bumped counter")
    func latePackets() {
        var stats = RTPReceptionStatistics(clockRateHertz: 8000)
        stats.recordLatePacket()
        stats.recordLatePacket()
        #expect(stats.latePackets == 2)
    }
}

@Suite("RFC 3550 A.3 report block figures")
struct ReportBlockTests {
    @Test("Cumulative and fraction lost over two intervals: fraction = lost_interval·256/expected_interval")
    func twoIntervals() throws {
        var stats = RTPReceptionStatistics(clockRateHertz: 8000)
        // Interval 1: 0 (held on probation) counts; 0...10 expected, 4 and 7 lost → expected 11, lost 2.
        _ = feed(&stats, [0, 1, 2, 3, 5, 6, 8, 9, 10])
        let firstFigures = stats.makeReportBlockFigures()
        let first = try #require(firstFigures)
        #expect(first.extendedHighestSequenceNumber == 10)
        #expect(first.cumulativeLost == 2)
        #expect(first.fractionLost == 46) // 2·256/11 = 46.5
        #expect(first.jitter == 0)

        // Interval 2: 11...30 expected, 15, 16, 17 lost → expected 20, lost 3.
        _ = feed(&stats, (11...30).filter { ![15, 16, 17].contains($0) }.map { UInt16($0) })
        let secondFigures = stats.makeReportBlockFigures()
        let second = try #require(secondFigures)
        #expect(second.extendedHighestSequenceNumber == 30)
        #expect(second.cumulativeLost == 5)
        #expect(second.fractionLost == 38) // 3·256/20 = 38.4

        // Interval 3: a duplicate outnumbers losses → lost_interval = 2 − 3 < 0 → fraction 0.
        _ = feed(&stats, [31, 31, 32])
        let thirdFigures = stats.makeReportBlockFigures()
        let third = try #require(thirdFigures)
        #expect(third.fractionLost == 0)
        #expect(third.cumulativeLost == 4)
    }

    @Test("A gap of 9 out of 10 expected gives fraction 9·256/10 = 230")
    func largeGap() {
        var stats = RTPReceptionStatistics(clockRateHertz: 8000)
        _ = feed(&stats, [0, 1])
        _ = stats.makeReportBlockFigures()
        // Next interval: nothing until 11 arrives → expected 10, received 1 → 9·256/10 = 230.
        _ = feed(&stats, [11])
        let figures = stats.makeReportBlockFigures()
        #expect(figures?.fractionLost == 230)
    }
}
