import Testing
@testable import Stats

/// Wireshark's "wrong timestamp": an RTP timestamp that cannot belong to its sequence number is
/// counted and left out of A.8 jitter, and does not take the real packet's sequence number.
@Suite("Wrong timestamps")
struct WrongTimestampTests {
    static func record(_ stats: inout RTPReceptionStatistics, sequence: Int, _ timestamp: UInt32?, _ arrivalMilliseconds: Int64?) -> PacketVerdict {
        ReceptionAccountingTests.record(&stats, sequence: sequence, timestamp: timestamp, arrivalMilliseconds: arrivalMilliseconds)
    }

    @Test("One timestamp 2^31 off: counted, jitter stays ~0 (was 385 ms), the real packet counts")
    func halfRangeOff() {
        var stats = RTPReceptionStatistics(clockRateHertz: 48_000)
        for sequence in 0..<100 { _ = Self.record(&stats, sequence: sequence, nil, nil) }
        // A forged (or corrupted) copy of 100 arrives first, with its timestamp 2^31 off.
        let forged = Self.record(&stats, sequence: 100, UInt32(100 * 960) &+ (1 << 31), 1_999)
        #expect(forged == .wrongTimestamp)
        #expect(Self.record(&stats, sequence: 100, nil, nil) == .accepted)
        for sequence in 101..<200 { _ = Self.record(&stats, sequence: sequence, nil, nil) }
        #expect(stats.wrongTimestampPackets == 1)
        #expect(stats.duplicatePackets == 0)
        #expect(stats.uniquePackets == 200)
        #expect(stats.jitterMilliseconds < 0.1)
    }

    @Test("DTX (timestamps jump with the arrival gap) and a burst after a stall are not wrong")
    func pausesAndBurstsAreFine() {
        var stats = RTPReceptionStatistics(clockRateHertz: 48_000)
        for sequence in 0..<50 { _ = Self.record(&stats, sequence: sequence, nil, nil) }
        // 5 s of DTX: the next packet is sequence 50 with the timestamp 5 s further on.
        for sequence in 50..<100 {
            let timestamp = UInt32(sequence * 960 + 5 * 48_000)
            _ = Self.record(&stats, sequence: sequence, timestamp, Int64(sequence) * 20 + 5_000)
        }
        // A 3 s stall, then 100 packets (2 s of media) arrive at once.
        for sequence in 100..<200 {
            let timestamp = UInt32(sequence * 960 + 5 * 48_000)
            _ = Self.record(&stats, sequence: sequence, timestamp, 10_000)
        }
        #expect(stats.wrongTimestampPackets == 0)
        #expect(stats.uniquePackets == 200)
    }

    @Test("Media sent faster than real time (10 s per packet, 10 ms apart) is not flagged")
    func fasterThanRealTime() {
        var stats = RTPReceptionStatistics(clockRateHertz: 90_000)
        for sequence in 0..<100 {
            _ = Self.record(&stats, sequence: sequence, UInt32(truncatingIfNeeded: sequence * 900_000), Int64(sequence) * 10)
        }
        // A 2^31 jump is still far outside 10 s per step.
        #expect(Self.record(&stats, sequence: 100, UInt32(truncatingIfNeeded: 100 * 900_000) &+ (1 << 31), 1_000) == .wrongTimestamp)
        #expect(stats.wrongTimestampPackets == 1)
        #expect(stats.uniquePackets == 100)
    }

    @Test("A sender whose timeline jumps for good loses one packet, then re-syncs")
    func timelineJumpResyncs() {
        var stats = RTPReceptionStatistics(clockRateHertz: 48_000)
        for sequence in 0..<100 { _ = Self.record(&stats, sequence: sequence, nil, nil) }
        for sequence in 100..<200 {
            _ = Self.record(&stats, sequence: sequence, UInt32(sequence * 960) &+ (1 << 30), nil)
        }
        #expect(stats.wrongTimestampPackets == 1)
        #expect(stats.uniquePackets == 199)
        #expect(stats.lostPackets == 1)
        #expect(stats.jitterMilliseconds < 0.1)
    }
}
