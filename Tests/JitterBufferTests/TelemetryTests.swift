import Testing

@testable import JitterBuffer

/// Telemetry receiver: after every arrival and every 10 ms, drain everything due.
func driveTelemetry(_ buffer: inout JitterBuffer, _ packets: [JitterBufferPacket], until end: Duration) -> [PlayoutFrame] {
    let sorted = packets.sorted { $0.arrival < $1.arrival }
    var frames: [PlayoutFrame] = []
    var index = 0
    var poll: Duration = .zero
    while poll <= end {
        while index < sorted.count, sorted[index].arrival <= poll {
            _ = buffer.insert(sorted[index])
            index += 1
            while let frame = buffer.pop(now: sorted[index - 1].arrival) { frames.append(frame) }
        }
        while let frame = buffer.pop(now: poll) { frames.append(frame) }
        poll += .milliseconds(10)
    }
    return frames
}

@Suite("Telemetry")
struct TelemetryTests {
    private func delivered(_ frames: [PlayoutFrame]) -> [(UInt16, Bool)] {
        frames.compactMap { if case .deliver(let p, let late) = $0 { (p.sequenceNumber, late) } else { nil } }
    }

    @Test func deliversInOrderDespiteReordering() throws {
        var buffer = try makeBuffer { $0.mode = .telemetry(deliverLate: false) }
        let sender = Sender()
        let packets = (0..<300).map { k in
            sender.packet(k, delay: k % 7 == 3 ? .milliseconds(35) : .milliseconds(10))
        }
        let frames = driveTelemetry(&buffer, packets, until: .seconds(7))
        let sequence = delivered(frames).map(\.0)
        #expect(sequence == sequence.sorted())
        #expect(Set(sequence).count == sequence.count)
        #expect(buffer.ledger.played + buffer.ledger.concealedLate + buffer.ledger.concealedLost == 300)
        #expect(buffer.ledger.played >= 290)
        #expect(buffer.ledger.isBalanced)
    }

    @Test func marksMissingRanges() throws {
        var buffer = try makeBuffer { $0.mode = .telemetry(deliverLate: false) }
        let sender = Sender()
        let packets = (0..<200).filter { !(50..<53).contains($0) }.map { sender.packet($0, delay: .milliseconds(10)) }
        let frames = driveTelemetry(&buffer, packets, until: .seconds(5))
        let missing = frames.compactMap { if case .missing(let range) = $0 { range } else { nil } }
        #expect(missing.flatMap { Array($0) } == [50, 51, 52])
        #expect(delivered(frames).map(\.0) == (0..<200).filter { !(50..<53).contains($0) }.map { UInt16($0) })
        #expect(buffer.ledger.concealedLost == 3)
        #expect(buffer.ledger.isBalanced)
    }

    @Test func deliversLatePacketsFlaggedWhenAsked() throws {
        for deliverLate in [true, false] {
            var buffer = try makeBuffer { $0.mode = .telemetry(deliverLate: deliverLate) }
            let sender = Sender()
            let packets = (0..<200).map { k in sender.packet(k, delay: k == 100 ? .milliseconds(400) : .milliseconds(10)) }
            let frames = driveTelemetry(&buffer, packets, until: .seconds(5))
            let late = delivered(frames).filter(\.1).map(\.0)
            #expect(late == (deliverLate ? [100] : []))
            #expect(frames.contains(.missing(sequenceNumbers: 100...100)))
            #expect(buffer.ledger.concealedLate == 1)
            #expect(buffer.ledger.lateArrivals == 1)
            #expect(buffer.ledger.isBalanced)
        }
    }
}
