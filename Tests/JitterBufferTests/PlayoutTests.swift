import Testing

@testable import JitterBuffer

@Suite("Playout")
struct PlayoutTests {
    @Test func steadyInOrderPlaysEveryPacket() throws {
        var buffer = try makeBuffer { $0.initialDelay = .zero }
        let sender = Sender()
        let packets = (0..<500).map { sender.packet($0, delay: .milliseconds(10)) }
        let ticks = drive(&buffer, packets, until: .milliseconds(10_000))
        let played = ticks.compactMap(\.frame.playedSequence)
        #expect(played == (0..<500).map { UInt16($0) })
        #expect(ticks.filter(\.frame.isConcealment).isEmpty)
        #expect(buffer.ledger.played == 500)
        #expect(buffer.ledger.isBalanced)
    }

    @Test func reorderWithinTargetPlaysInOrder() throws {
        var buffer = try makeBuffer()
        let sender = Sender()
        // Every 10th packet (k % 10 == 5) arrives 1 ms after its successor.
        let packets = (0..<1000).map { k in
            k % 10 == 5 ? sender.packet(k, delay: .milliseconds(31)) : sender.packet(k, delay: .milliseconds(10))
        }
        let ticks = drive(&buffer, packets, until: .seconds(21))
        let played = ticks.compactMap(\.frame.playedSequence).filter { $0 >= 100 }
        #expect(played == (100..<1000).map { UInt16($0) })
        #expect(buffer.ledger.isBalanced)
        #expect(buffer.ledger.concealedLate + buffer.ledger.concealedLost <= 2, "only during warm-up")
    }

    @Test func reorderBeforePlayoutStartsWidensTheRange() throws {
        var buffer = try makeBuffer()
        let sender = Sender(startSequence: 10)
        // Sequence 11 arrives first, 10 after it; both before the 40 ms initial delay has passed.
        var packets = [sender.packet(1, delay: .milliseconds(5)), sender.packet(0, delay: .milliseconds(26))]
        packets += (2..<100).map { sender.packet($0, delay: .milliseconds(5)) }
        let ticks = drive(&buffer, packets, until: .milliseconds(2_000))
        #expect(Array(ticks.compactMap(\.frame.playedSequence).prefix(3)) == [10, 11, 12])
        #expect(buffer.ledger.concealedLost + buffer.ledger.concealedLate == 0)
        #expect(buffer.ledger.isBalanced)
    }

    @Test func duplicatesAreDiscardedAndCounted() throws {
        var buffer = try makeBuffer { $0.initialDelay = .zero }
        let sender = Sender()
        var packets: [JitterBufferPacket] = []
        for k in 0..<300 {
            packets.append(sender.packet(k, delay: .milliseconds(10)))
            packets.append(sender.packet(k, delay: .milliseconds(13)))
        }
        var duplicateOutcomes = 0
        let ticks = drive(&buffer, packets, until: .seconds(7)) { _, outcome in
            if outcome == .duplicate { duplicateOutcomes += 1 }
        }
        #expect(buffer.ledger.duplicates == 300)
        #expect(duplicateOutcomes == 300)
        #expect(ticks.compactMap(\.frame.playedSequence) == (0..<300).map { UInt16($0) })
        #expect(buffer.ledger.isBalanced)
    }

    @Test func latePacketIsConcealedAndCountedLate() throws {
        var buffer = try makeBuffer { $0.initialDelay = .zero }
        let sender = Sender()
        let packets = (0..<400).map { k in
            sender.packet(k, delay: k == 200 ? .milliseconds(300) : .milliseconds(10))
        }
        var lateOutcome: InsertOutcome?
        let ticks = drive(&buffer, packets, until: .seconds(9)) { packet, outcome in
            if packet.sequenceNumber == 200 { lateOutcome = outcome }
        }
        #expect(lateOutcome == .late)
        #expect(ticks.contains { $0.frame == .conceal(sequenceNumber: 200, gain: 1, reason: .lost) })
        #expect(!ticks.compactMap(\.frame.playedSequence).contains(200))
        #expect(buffer.ledger.concealedLate == 1)
        #expect(buffer.ledger.concealedLost == 0)
        #expect(buffer.ledger.lateArrivals == 1)
        #expect(buffer.ledger.played == 399)
        #expect(buffer.ledger.isBalanced)
    }

    @Test func lossWithFECRecoversFromNextPacket() throws {
        var buffer = try makeBuffer { $0.minimumDelay = .milliseconds(40) }
        let sender = Sender()
        let packets = (0..<300).filter { $0 != 100 }.map { sender.packet($0, delay: .milliseconds(10), fec: true) }
        let ticks = drive(&buffer, packets, until: .seconds(7))
        let index = try #require(ticks.firstIndex { if case .recoverFromFEC = $0.frame { true } else { false } })
        guard case .recoverFromFEC(let sequence, let next) = ticks[index].frame else { return }
        #expect(sequence == 100)
        #expect(next.sequenceNumber == 101)
        #expect(ticks[index + 1].frame.playedSequence == 101)
        #expect(buffer.ledger.recoveredByFEC == 1)
        #expect(buffer.ledger.concealedLost == 0)
        #expect(buffer.ledger.isBalanced)
    }

    @Test func lossWithoutFECConceals() throws {
        var buffer = try makeBuffer { $0.minimumDelay = .milliseconds(40) }
        let sender = Sender()
        let packets = (0..<300).filter { $0 != 100 }.map { sender.packet($0, delay: .milliseconds(10)) }
        let ticks = drive(&buffer, packets, until: .seconds(7))
        #expect(ticks.contains { $0.frame == .conceal(sequenceNumber: 100, gain: 1, reason: .lost) })
        #expect(buffer.ledger.concealedLost == 1)
        #expect(buffer.ledger.played == 299)
        #expect(buffer.ledger.isBalanced)
    }

    @Test func longLossFadesToSilenceBy100Milliseconds() throws {
        var buffer = try makeBuffer { $0.minimumDelay = .milliseconds(40) }
        let sender = Sender()
        let packets = (0..<300).filter { !(100..<110).contains($0) }.map { sender.packet($0, delay: .milliseconds(10)) }
        let ticks = drive(&buffer, packets, until: .milliseconds(6_000))
        let gains: [Float] = ticks.compactMap {
            if case .conceal(_, let gain, _) = $0.frame { gain } else { nil }
        }
        #expect(gains.count == 10)
        // 20 ms frames, 100 ms fade: 1, 0.8, 0.6, 0.4, 0.2, then 0 from 100 ms on.
        let expected: [Float] = [1, 0.8, 0.6, 0.4, 0.2, 0, 0, 0, 0, 0]
        #expect(zip(gains, expected).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(buffer.ledger.concealedLost == 10)
        #expect(buffer.snapshot.concealmentEventCount == 1)
        #expect(buffer.snapshot.concealmentTotalDuration == .milliseconds(200))
        #expect(buffer.ledger.isBalanced)
    }

    @Test func sequenceAndTimestampWrap() throws {
        var buffer = try makeBuffer { $0.initialDelay = .zero }
        let sender = Sender(startSequence: 65_400, startTimestamp: UInt32.max - 960 * 50)
        let packets = (0..<300).map { sender.packet($0, delay: .milliseconds(10)) }
        let ticks = drive(&buffer, packets, until: .seconds(7))
        let played = ticks.compactMap(\.frame.playedSequence)
        #expect(played == (0..<300).map { UInt16(truncatingIfNeeded: 65_400 + $0) })
        #expect(buffer.ledger.played == 300)
        #expect(buffer.ledger.resets == 0)
        #expect(buffer.ledger.isBalanced)
    }

    @Test func dtxGapPlaysComfortSilenceWithoutLoss() throws {
        var buffer = try makeBuffer { $0.initialDelay = .zero }
        // Frames 0..<100, then 1 s of DTX: the sequence continues but the timestamp jumps 50 frames.
        let sender = Sender()
        var packets = (0..<100).map { sender.packet($0, delay: .milliseconds(10), dtx: $0 == 99) }
        let resumed = Sender(startSequence: 100, startTimestamp: 150 * 960, startTime: .seconds(3))
        packets += (0..<100).map { resumed.packet($0, delay: .milliseconds(10)) }
        let ticks = drive(&buffer, packets, until: .milliseconds(5_000))
        let silence = ticks.filter { $0.frame == .comfortSilence }.count
        #expect((45...55).contains(silence))
        #expect(ticks.filter(\.frame.isConcealment).isEmpty)
        #expect(buffer.ledger.played == 200)
        #expect(buffer.ledger.isBalanced)
    }

    @Test func invalidConfigurationThrows() {
        #expect(throws: JitterBufferConfigurationError.self) {
            try makeBuffer { $0.quantile = 1.5 }
        }
        #expect(throws: JitterBufferConfigurationError.self) {
            try makeBuffer { $0.minimumDelay = .seconds(1); $0.maximumDelay = .milliseconds(500) }
        }
        #expect(throws: JitterBufferConfigurationError.self) { try makeBuffer { $0.capacityPackets = 1 } }
        #expect(throws: JitterBufferConfigurationError.self) { try makeBuffer { $0.clockRate = 0 } }
        #expect(JitterBufferConfiguration().samplesPerFrame == 960)
    }
}
