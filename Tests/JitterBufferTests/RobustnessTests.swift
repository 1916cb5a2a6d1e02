import JitterbugSupport
import Testing

@testable import JitterBuffer

@Suite("Robustness")
struct RobustnessTests {
    @Test func newSSRCResetsCleanly() throws {
        var buffer = try makeBuffer { $0.initialDelay = .zero }
        let first = Sender(ssrc: 1, startSequence: 100, startTimestamp: 5_000)
        let second = Sender(ssrc: 2, startSequence: 40_000, startTimestamp: 3_000_000_000, startTime: .seconds(4))
        let packets =
            (0..<200).map { first.packet($0, delay: .milliseconds(10)) }
            + (0..<200).map { second.packet($0, delay: .milliseconds(10)) }
        var outcomes: [InsertOutcome] = []
        let ticks = drive(&buffer, packets, until: .milliseconds(8_100)) { packet, outcome in
            if packet.ssrc == 2 { outcomes.append(outcome) }
        }
        #expect(Array(outcomes.prefix(3)) == [.rejected(.suspectNewSSRC), .rejected(.suspectNewSSRC), .reset])
        #expect(buffer.ledger.resets == 1)
        let secondPlayed = ticks.compactMap { if case .play(let p) = $0.frame, p.ssrc == 2 { p.sequenceNumber } else { nil } }
        // Probation holds the first two packets 40 ms, so the new stream starts one frame too
        // deep: one shrink discard, then every packet plays in order.
        #expect(secondPlayed == (1..<200).map { UInt16(40_000 + $0) })
        #expect(buffer.ledger.played == 399, "\(buffer.ledger)")
        #expect(buffer.ledger.discardedToShrink == 1)
        #expect(buffer.ledger.rejectedForeignSSRC == 0, "confirmed packets are not rejections")
        #expect(buffer.ledger.isBalanced)
    }

    @Test func giantSequenceJumpResets() throws {
        var buffer = try makeBuffer { $0.initialDelay = .zero }
        let first = Sender(startSequence: 0)
        let restarted = Sender(startSequence: 30_000, startTimestamp: 90_000_000, startTime: .seconds(2))
        let packets =
            (0..<100).map { first.packet($0, delay: .milliseconds(10)) }
            + (0..<100).map { restarted.packet($0, delay: .milliseconds(10)) }
        let ticks = drive(&buffer, packets, until: .milliseconds(4_100))
        #expect(buffer.ledger.resets == 1)
        #expect(ticks.compactMap(\.frame.playedSequence).suffix(99) == (1..<100).map { UInt16(30_000 + $0) }[...])
        #expect(buffer.ledger.played + buffer.ledger.discardedToShrink == 200, "\(buffer.ledger)")
        #expect(buffer.ledger.isBalanced)
    }

    @Test func singleGarbagePacketsAreCountedNotReset() throws {
        var buffer = try makeBuffer { $0.initialDelay = .zero }
        let sender = Sender()
        var packets = (0..<300).map { sender.packet($0, delay: .milliseconds(10)) }
        // Garbage: a giant sequence jump, a far-future and a far-past timestamp, a foreign SSRC.
        var jump = sender.packet(50, delay: .milliseconds(11))
        jump.sequenceNumber = 20_000
        var future = sender.packet(100, delay: .milliseconds(11))
        future.timestamp &+= 48_000 * 3_600
        future.sequenceNumber = 60_000
        var past = sender.packet(150, delay: .milliseconds(11))
        past.timestamp &-= 48_000 * 600
        var foreign = sender.packet(200, delay: .milliseconds(11))
        foreign.ssrc = 99
        packets += [jump, future, past, foreign]
        // The genuine 150 is replaced by the far-past one: it must end concealed, not played.
        packets.removeAll { $0.sequenceNumber == 150 && $0.timestamp == 150 * 960 }
        let ticks = drive(&buffer, packets, until: .milliseconds(6_000))
        #expect(buffer.ledger.resets == 0)
        #expect(buffer.ledger.rejectedSequenceJump == 2, "the giant jump and the future one out of window")
        #expect(buffer.ledger.rejectedTimestamp == 1)
        #expect(buffer.ledger.rejectedForeignSSRC == 1)
        #expect(buffer.ledger.concealedLost == 1)
        #expect(ticks.compactMap(\.frame.playedSequence).count == 299)
        #expect(buffer.ledger.isBalanced)
    }

    @Test func absurdTimestampInWindowIsRejected() throws {
        var buffer = try makeBuffer { $0.initialDelay = .zero }
        let sender = Sender()
        var packets = (0..<100).map { sender.packet($0, delay: .milliseconds(10)) }
        packets[40].timestamp &+= 48_000 * 3_600  // one hour ahead, sequence number plausible
        var outcome: InsertOutcome?
        drive(&buffer, packets, until: .milliseconds(2_000)) { packet, result in
            if packet.sequenceNumber == 40 { outcome = result }
        }
        #expect(outcome == .rejected(.suspectTimestampFuture))
        #expect(buffer.ledger.rejectedTimestamp == 1)
        #expect(buffer.ledger.concealedLost == 1)
        #expect(buffer.ledger.played == 99)
        #expect(buffer.ledger.isBalanced)
    }

    @Test func emptyPayloadIsCountedAndConcealed() throws {
        var buffer = try makeBuffer { $0.initialDelay = .zero }
        let sender = Sender()
        var packets = (0..<100).map { sender.packet($0, delay: .milliseconds(10)) }
        packets[30].payload = []
        drive(&buffer, packets, until: .milliseconds(2_000))
        #expect(buffer.ledger.rejectedEmptyPayload == 1)
        #expect(buffer.ledger.concealedLost == 1)
        #expect(buffer.ledger.played == 99)
        #expect(buffer.ledger.isBalanced)
    }

    @Test func interleavedSSRCsDoNotThrashOrGrow() throws {
        var buffer = try makeBuffer { $0.initialDelay = .zero }
        let a = Sender(ssrc: 1)
        let b = Sender(ssrc: 2, startSequence: 9_000, startTimestamp: 77)
        let packets = (0..<300).flatMap { [a.packet($0, delay: .milliseconds(10)), b.packet($0, delay: .milliseconds(11))] }
        var maxBuffered = 0
        drive(&buffer, packets, until: .milliseconds(6_000), observe: { buffer, _ in
            maxBuffered = max(maxBuffered, buffer.packetsBuffered)
        })
        #expect(buffer.ledger.resets == 0)
        #expect(buffer.ledger.rejectedForeignSSRC == 299, "the last one is still held")
        #expect(buffer.ledger.played == 300)
        #expect(maxBuffered <= 3)
        #expect(buffer.ledger.isBalanced)
    }

    @Test func packetCapDropsOldestAndCounts() throws {
        var buffer = try makeBuffer { $0.capacityPackets = 8 }
        let sender = Sender()
        var outcomes: [InsertOutcome] = []
        for k in 0..<20 { outcomes.append(buffer.insert(sender.packet(k, delay: .zero))) }
        #expect(buffer.packetsBuffered == 8)
        #expect(buffer.ledger.droppedOverflow == 12)
        #expect(outcomes.filter { $0 == .acceptedDroppedOldest }.count == 12)
        #expect(buffer.ledger.isBalanced)
        // The survivors are the newest: playout starts at sequence 12.
        // Due at media time 240 ms + baseline 0 + initial target 40 ms.
        #expect(buffer.nextPlayoutTime == .milliseconds(280))
        let frame = buffer.pop(now: .milliseconds(280))
        #expect(frame?.playedSequence == 12)
    }

    @Test func durationCapDropsOldestAndCounts() throws {
        var buffer = try makeBuffer { $0.capacityDuration = .milliseconds(100) }
        let sender = Sender()
        for k in 0..<10 { _ = buffer.insert(sender.packet(k, delay: .zero)) }
        // Nothing is played, so at 180 ms the packets that arrived before 80 ms have waited too
        // long: sequence numbers 4...9 remain.
        #expect(buffer.packetsBuffered == 6)
        #expect(buffer.ledger.droppedOverflow == 4)
        #expect(buffer.ledger.isBalanced)
    }

    @Test func oldPacketBeyondHistoryIsTooOld() throws {
        var buffer = try makeBuffer { $0.initialDelay = .zero; $0.capacityPackets = 32 }
        let sender = Sender()
        let packets = (0..<200).map { sender.packet($0, delay: .milliseconds(10)) }
        drive(&buffer, packets, until: .milliseconds(4_000))
        // Ring of 64: sequence 100 was overwritten by 164 in history.
        let outcome = buffer.insert(sender.packet(100, delay: .milliseconds(2_000)))
        #expect(outcome == .rejected(.tooOld))
        #expect(buffer.insert(sender.packet(190, delay: .milliseconds(210))) == .duplicate)
        #expect(buffer.ledger.isBalanced)
    }

    @Test func randomImpairmentsKeepTheLedgerBalanced() throws {
        var buffer = try makeBuffer { $0.capacityPackets = 64 }
        var random = SplitMix64(seed: 42)
        let sender = Sender(startSequence: 65_000, startTimestamp: 4_000_000_000)
        var packets: [JitterBufferPacket] = [sender.packet(0, delay: .milliseconds(5))]
        for k in 1..<5_000 {
            let roll = random.nextUnitInterval()
            if roll < 0.05 { continue }  // lost in the network
            let delay = Duration.microseconds(Int64(5_000 + random.nextUnitInterval() * random.nextUnitInterval() * 300_000))
            packets.append(sender.packet(k, delay: delay, fec: random.nextUnitInterval() < 0.5))
            if roll > 0.97 { packets.append(sender.packet(k, delay: delay + .milliseconds(7))) }
            if roll > 0.99 {
                var garbage = sender.packet(k, delay: delay)
                switch random.next() % 4 {
                case 0: garbage.ssrc = UInt32(truncatingIfNeeded: random.next())
                case 1: garbage.sequenceNumber = UInt16(truncatingIfNeeded: random.next())
                case 2: garbage.timestamp = UInt32(truncatingIfNeeded: random.next())
                default: garbage.payload = []
                }
                packets.append(garbage)
            }
        }
        var alwaysBalanced = true
        var maxBuffered = 0
        drive(&buffer, packets, until: .seconds(101), observe: { buffer, _ in
            alwaysBalanced = alwaysBalanced && buffer.ledger.isBalanced
            maxBuffered = max(maxBuffered, buffer.packetsBuffered)
        })
        buffer.finish()
        let ledger = buffer.ledger
        #expect(alwaysBalanced)
        #expect(maxBuffered <= 64)
        #expect(ledger.resets == 0)
        #expect(ledger.received == Int64(packets.count))
        #expect(ledger.expected == 5_000, "every sequence number of the stream has one outcome")
        #expect(ledger.isBalanced)
        #expect(ledger.duplicates > 0 && ledger.lateArrivals > 0 && ledger.recoveredByFEC > 0)
    }
}
