import Testing
@testable import Stats

/// Counts that must add up (issue #15): every packet sent is received, lost or dropped for a
/// counted reason, whatever probation, restarts, duplicates and bad timestamps do.
@Suite("Reception accounting: sent = received + lost + counted drops")
struct ReceptionAccountingTests {
    /// 20 ms packets at 48 kHz (960 ticks), arriving exactly on time unless told otherwise.
    static func record(
        _ stats: inout RTPReceptionStatistics, sequence: Int, timestamp: UInt32? = nil, arrivalMilliseconds: Int64? = nil
    ) -> PacketVerdict {
        stats.record(
            sequenceNumber: UInt16(truncatingIfNeeded: sequence),
            rtpTimestamp: timestamp ?? UInt32(truncatingIfNeeded: sequence &* 960),
            arrival: .milliseconds(arrivalMilliseconds ?? Int64(sequence) * 20), payloadBytes: 80)
    }

    @Test("A 150-packet stream is 150 received, 150 expected, 0 lost (was 149/149)")
    func probationPacketsCount() {
        var stats = RTPReceptionStatistics(clockRateHertz: 48_000)
        for sequence in 1_000..<1_150 { _ = Self.record(&stats, sequence: sequence) }
        #expect(stats.uniquePackets == 150)
        #expect(stats.totalExpectedPackets == 150)
        #expect(stats.lostPackets == 0)
        #expect(stats.makeReportBlockFigures()?.cumulativeLost == 0)
    }

    @Test("Reordered at the start: the held packets are counted in arrival order, none lost")
    func reorderDuringProbation() {
        var stats = RTPReceptionStatistics(clockRateHertz: 48_000)
        let verdicts = [501, 500, 502, 503].map { Self.record(&stats, sequence: $0) }
        #expect(verdicts == [.probation, .probation, .probation, .accepted])
        #expect(stats.validationVerdicts == [.accepted, .accepted, .accepted])
        #expect(stats.baseSequenceNumber == 500)
        #expect(stats.uniquePackets == 4)
        #expect(stats.totalExpectedPackets == 4)
    }

    @Test("A packet older than the first one, arriving later, is expected too (also across the wrap)")
    func olderThanTheFirst() {
        var stats = RTPReceptionStatistics(clockRateHertz: 48_000)
        #expect([10, 11, 12, 9].map { Self.record(&stats, sequence: $0) }.last == .reordered(distance: 3))
        #expect(stats.baseSequenceNumber == 9)
        #expect(stats.totalExpectedPackets == 4)
        #expect(stats.lostPackets == 0)

        var wrapped = RTPReceptionStatistics(clockRateHertz: 48_000)
        _ = [0, 1, 2, 65_535].map { Self.record(&wrapped, sequence: $0) }
        #expect(wrapped.baseSequenceNumber == 65_535)
        #expect(wrapped.totalExpectedPackets == 4)
        // One wrap since the base: cycles 1, highest 2.
        #expect(wrapped.extendedHighestSequenceNumber == 65_538)
        #expect(wrapped.makeReportBlockFigures()?.cumulativeLost == 0)
    }

    @Test("A stray packet far from the validating pair is dropped on probation and counted")
    func strayDuringProbation() {
        var stats = RTPReceptionStatistics(clockRateHertz: 48_000)
        _ = [40_000, 100, 101].map { Self.record(&stats, sequence: $0) }
        #expect(stats.validationVerdicts == [.probation, .accepted])
        #expect(stats.probationDroppedPackets == 1)
        #expect(stats.baseSequenceNumber == 100)
        #expect(stats.uniquePackets == 2)
        #expect(stats.lostPackets == 0)
    }

    @Test("A lone +30,000 jump is a counted bad-sequence drop; the stream goes on")
    func loneJumpIsCounted() {
        var stats = RTPReceptionStatistics(clockRateHertz: 48_000)
        for sequence in 0..<100 { _ = Self.record(&stats, sequence: sequence) }
        #expect(Self.record(&stats, sequence: 30_100) == .badSequence)
        for sequence in 100..<200 { _ = Self.record(&stats, sequence: sequence) }
        #expect(stats.badSequencePackets == 1)
        #expect(stats.restarts == 0)
        #expect(stats.uniquePackets == 200)
        #expect(stats.lostPackets == 0)
    }

    @Test("Two forged packets with a big jump do not reset a 250-packet stream (was 'packets 152')")
    func forgedPairDoesNotResetTheStream() {
        var stats = RTPReceptionStatistics(clockRateHertz: 48_000)
        for sequence in 0..<100 { _ = Self.record(&stats, sequence: sequence) }
        #expect(Self.record(&stats, sequence: 40_000, arrivalMilliseconds: 1_990) == .badSequence)
        #expect(Self.record(&stats, sequence: 40_001, arrivalMilliseconds: 1_995) == .restarted)
        // The real stream continues: the restart is undone and both forged packets are drops.
        for sequence in 100..<250 { _ = Self.record(&stats, sequence: sequence) }
        #expect(stats.restarts == 0)
        #expect(stats.badSequencePackets == 2)
        #expect(stats.uniquePackets == 250)
        #expect(stats.totalExpectedPackets == 250)
        #expect(stats.lostPackets == 0)
        #expect(stats.baseSequenceNumber == 0)
        // Sent (250 real + 2 forged) = received + lost + counted drops.
        #expect(252 == Int64(stats.uniquePackets) + stats.lostPackets + Int64(stats.badSequencePackets))
    }

    @Test("A real restart keeps the counts from before it")
    func realRestartKeepsEarlierCounts() {
        var stats = RTPReceptionStatistics(clockRateHertz: 48_000)
        for sequence in 0..<100 { _ = Self.record(&stats, sequence: sequence) }
        for sequence in 20_000..<20_050 where sequence != 20_010 { _ = Self.record(&stats, sequence: sequence) }
        #expect(stats.restarts == 1)
        // The jump packet 20000 is a drop; the new epoch starts at 20001 and lost 20010.
        #expect(stats.badSequencePackets == 1)
        #expect(stats.uniquePackets == 100 + 48)
        #expect(stats.totalExpectedPackets == 100 + 49)
        #expect(stats.lostPackets == 1)
        // Receiver reports describe the new epoch, as A.1 does.
        #expect(stats.expectedPackets == 49)
        #expect(stats.cumulativeLost == 1)
    }

    @Test("Duplicates: lost counts distinct sequence numbers; the RFC 3550 figure nets them")
    func duplicatesAndTheRFCFigure() {
        var stats = RTPReceptionStatistics(clockRateHertz: 48_000)
        // 0..<50, 10 and 20 lost, 30 and 31 twice, 40 three times.
        for sequence in 0..<50 where sequence != 10 && sequence != 20 {
            let copies = sequence == 40 ? 3 : (sequence == 30 || sequence == 31 ? 2 : 1)
            for _ in 0..<copies { _ = Self.record(&stats, sequence: sequence) }
        }
        #expect(stats.uniquePackets == 48)
        #expect(stats.duplicatePackets == 4)
        #expect(stats.lostPackets == 2)
        #expect(stats.rfc3550CumulativeLost == 50 - 52)
        #expect(stats.makeReportBlockFigures()?.cumulativeLost == -2)
    }
}
