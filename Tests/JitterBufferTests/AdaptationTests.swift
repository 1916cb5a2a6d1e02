import JitterbugSupport
import Testing

@testable import JitterBuffer

@Suite("Adaptation")
struct AdaptationTests {
    @Test func spikeGrowsQuicklyAndShrinksGradually() throws {
        var buffer = try makeBuffer()
        // 20 s calm (0–5 ms jitter), 3 s of +200 ms, then 120 s calm. The 30 s tail guard keeps
        // such an episode covered for about 90 s, then the delay comes down one frame at a time.
        let packets = isolatedSpikePackets()
        var targetAfterSpike: Int64 = 0
        var currentAfterSpike: Int64 = 0
        var discardTicks: [Int] = []
        var lastDiscards: Int64 = 0
        var tickIndex = 0
        drive(&buffer, packets, until: .milliseconds(143_000), observe: { buffer, tick in
            guard let tick else { return }
            tickIndex += 1
            if tick.time > .milliseconds(21_400), tick.time <= .milliseconds(21_420) {
                targetAfterSpike = buffer.targetDelayNanoseconds(now: tick.time.nanoseconds)
                currentAfterSpike = buffer.lastCurrentDelayNanoseconds
            }
            if buffer.ledger.discardedToShrink > lastDiscards {
                #expect(buffer.ledger.discardedToShrink == lastDiscards + 1)
                lastDiscards = buffer.ledger.discardedToShrink
                discardTicks.append(tickIndex)
            }
        })
        // Within 1.4 s of the spike the target and the actual delay cover it.
        #expect(targetAfterSpike >= 150_000_000)
        #expect(currentAfterSpike >= 150_000_000)
        // Shrinking: never two discards within 10 ticks, and back near the calm delay at the end.
        let gaps = zip(discardTicks.dropFirst(), discardTicks).map { $0 - $1 }
        #expect(gaps.allSatisfy { $0 >= 10 })
        #expect(discardTicks.count >= 5)
        #expect(buffer.lastCurrentDelayNanoseconds < 40_000_000)
        #expect(buffer.ledger.concealedLate <= 45, "only the spike's onset is late")
        #expect(buffer.ledger.isBalanced)
    }

    @Test(arguments: [1_000.0, -1_000.0])
    func driftIsAbsorbedAndEstimated(ppm: Double) throws {
        var buffer = try makeBuffer()
        var random = SplitMix64(seed: 11)
        let sender = Sender(driftPPM: ppm)
        // Ten minutes of 20 ms frames with 0–10 ms jitter.
        let packets = (0..<30_000).map { k in
            sender.packet(k, delay: .milliseconds(10) + .microseconds(Int64(random.nextUnitInterval() * 10_000)))
        }
        var maximumCurrent: Int64 = 0
        var maximumBuffered = 0
        drive(&buffer, packets, until: .seconds(600), observe: { buffer, tick in
            guard let tick, tick.time > .seconds(5) else { return }
            maximumCurrent = max(maximumCurrent, buffer.lastCurrentDelayNanoseconds)
            maximumBuffered = max(maximumBuffered, buffer.packetsBuffered)
        })
        let snapshot = buffer.snapshot
        #expect(abs(snapshot.estimatedDriftPPM - ppm) <= 100, "estimated \(snapshot.estimatedDriftPPM) ppm")
        #expect(maximumCurrent <= 60_000_000)
        #expect(maximumBuffered <= 5)
        // 600 ms of drift is absorbed in ~30 one-frame steps.
        let steps = ppm > 0 ? buffer.ledger.discardedToShrink : Int64(snapshot.concealmentTotalDuration / .milliseconds(20))
        #expect((20...60).contains(steps), "\(steps) adaptation steps")
        #expect(buffer.ledger.concealedLate + buffer.ledger.concealedLost <= 300, "≤ 1 % late")
        #expect(buffer.ledger.isBalanced)
    }

    @Test func fixedDelayHoldsTheConfiguredValue() throws {
        var buffer = try makeBuffer { $0.fixedDelay = .milliseconds(60) }
        var random = SplitMix64(seed: 3)
        let sender = Sender()
        let packets = (0..<1000).map { k in
            sender.packet(k, delay: .milliseconds(10) + .microseconds(Int64(random.nextUnitInterval() * 10_000)))
        }
        var currents: [Int64] = []
        drive(&buffer, packets, until: .milliseconds(20_000), observe: { buffer, tick in
            if let tick, tick.time > .seconds(2) { currents.append(buffer.lastCurrentDelayNanoseconds) }
        })
        #expect(buffer.snapshot.targetDelayMilliseconds == 60)
        #expect(currents.allSatisfy { (60_000_000..<85_000_000).contains($0) })
        #expect(buffer.ledger.concealedLate == 0)
        #expect(buffer.ledger.isBalanced)
    }

    @Test func boundsClampTheTarget() throws {
        var buffer = try makeBuffer { $0.minimumDelay = .milliseconds(80); $0.maximumDelay = .milliseconds(100) }
        var random = SplitMix64(seed: 5)
        let sender = Sender()
        let packets = (0..<500).map { k in
            sender.packet(k, delay: .milliseconds(10) + .microseconds(Int64(random.nextUnitInterval() * 300_000)))
        }
        drive(&buffer, packets, until: .milliseconds(10_000))
        #expect(buffer.snapshot.targetDelayMilliseconds == 100)
        var calm = try makeBuffer { $0.minimumDelay = .milliseconds(80) }
        drive(&calm, (0..<500).map { sender.packet($0, delay: .milliseconds(10)) }, until: .milliseconds(10_000))
        #expect(calm.snapshot.targetDelayMilliseconds == 80)
        #expect(buffer.ledger.isBalanced && calm.ledger.isBalanced)
    }

    @Test func snapshotReportsHistoryAndDelays() throws {
        var buffer = try makeBuffer()
        let sender = Sender()
        drive(&buffer, (0..<500).map { sender.packet($0, delay: .milliseconds(10)) }, until: .milliseconds(10_000))
        let snapshot = buffer.snapshot
        #expect((9...10).contains(snapshot.targetDelayHistory.count))
        #expect(snapshot.minimumDelayMilliseconds <= snapshot.currentDelayMilliseconds)
        #expect(snapshot.ledger == buffer.ledger)
    }
}
