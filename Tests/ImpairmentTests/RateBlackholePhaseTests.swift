import Testing
import Impairment

@Suite struct RateBlackholePhaseTests {
    @Test func serialisationTimeIsExact() {
        // 1250 bytes = 10 000 bits; at 1 Mbit/s that is 10 ms.
        #expect(RateLimit.bitsPerSecond(1_000_000).serialisationTime(sizeBytes: 1250) == .milliseconds(10))
        #expect(RateLimit.bitsPerSecond(64_000).serialisationTime(sizeBytes: 160) == .milliseconds(20))
        // 1 byte at 3 bit/s = 2.666… s, rounded up to whole ns.
        #expect(RateLimit.bitsPerSecond(3).serialisationTime(sizeBytes: 1) == .nanoseconds(2_666_666_667))
        #expect(RateLimit.unlimited.serialisationTime(sizeBytes: 1250) == .zero)
    }

    @Test func backToBackPacketsLeaveTenMillisecondsApart() throws {
        // 150 packets at t = 0 into a 100-packet queue: 100 leave at 10, 20, … 1000 ms, 50 dropped.
        let decisions = try runEngine("rate=1mbit,limit=100", count: 150, interval: .zero, sizeBytes: 1250)
        for (i, decision) in decisions.prefix(100).enumerated() {
            #expect(decision.deliveries.map(\.deliverAt) == [.milliseconds(10 * (i + 1))])
        }
        #expect(decisions.dropFirst(100).allSatisfy { $0.dropReason == .queue })
    }

    @Test func queueDrainsAndAcceptsAgain() throws {
        var engine = ImpairmentEngine(spec: try ImpairmentSpec(parsing: "rate=1mbit,limit=2"))
        let first = (0..<3).map { _ in engine.process(sendTime: .zero, sizeBytes: 1250) }
        #expect(first.map(\.dropReason) == [nil, nil, .queue])
        // At 10 ms the first has left, so one slot is free; it waits behind the second.
        let later = engine.process(sendTime: .milliseconds(10), sizeBytes: 1250)
        #expect(later.deliveries.map(\.deliverAt) == [.milliseconds(30)])
        #expect(engine.process(sendTime: .milliseconds(10), sizeBytes: 1250).dropReason == .queue)
    }

    @Test func slowSendersSeeOnlySerialisationPlusDelay() throws {
        let decisions = try runEngine("rate=1mbit,delay=5ms", count: 50, interval: .milliseconds(20), sizeBytes: 1250)
        for decision in decisions {
            #expect(decision.deliveries.map(\.deliverAt) == [decision.sendTime + .milliseconds(15)])
        }
    }

    @Test func fastSendersAreSpacedByTheLink() throws {
        let decisions = try runEngine("rate=1mbit", count: 200, interval: .milliseconds(5), sizeBytes: 1250)
        let times = decisions.compactMap { $0.deliveries.first?.deliverAt }
        #expect(times.count == 200)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0.1 - $0.0 == .milliseconds(10) })
    }

    @Test func blackholeWindowIsHalfOpenAndExact() throws {
        var engine = ImpairmentEngine(spec: try ImpairmentSpec(parsing: "blackhole=30s+10s"))
        let cases: [(Duration, DropReason?)] = [
            (.microseconds(29_999_999), nil), (.seconds(30), .blackhole),
            (.microseconds(39_999_999), .blackhole), (.seconds(40), nil), (.seconds(41), nil),
        ]
        for (time, reason) in cases {
            #expect(engine.process(sendTime: time, sizeBytes: 100).dropReason == reason, "at \(time)")
        }
        let decisions = try runEngine("blackhole=1s+500ms", count: 3_000)
        let dropped = decisions.filter(\.isDropped).map(\.packetIndex)
        #expect(dropped == Array(1_000..<1_500))
    }

    @Test func phasesSwitchAtTheirStartTime() throws {
        let spec = "delay=10ms,at=30s:delay=50ms,at=60s:loss=100%,at=90s:loss=0%"
        var engine = ImpairmentEngine(spec: try ImpairmentSpec(parsing: spec))
        func delay(at time: Duration) -> Duration? {
            engine.process(sendTime: time, sizeBytes: 100).deliveries.first.map { $0.deliverAt - time }
        }
        #expect(delay(at: .zero) == .milliseconds(10))
        #expect(delay(at: .microseconds(29_999_999)) == .milliseconds(10))
        #expect(delay(at: .seconds(30)) == .milliseconds(50))
        #expect(delay(at: .microseconds(59_999_999)) == .milliseconds(50))
        #expect(delay(at: .seconds(60)) == nil)
        #expect(delay(at: .seconds(89)) == nil)
        #expect(delay(at: .seconds(90)) == .milliseconds(50))
    }

    @Test func directionsGetTheirOwnTerms() throws {
        let spec = try ImpairmentSpec(parsing: "up:delay=5ms,down:delay=20ms")
        var up = ImpairmentEngine(spec: spec, direction: .up)
        var down = ImpairmentEngine(spec: spec, direction: .down)
        #expect(up.process(sendTime: .zero, sizeBytes: 10).deliveries.first?.deliverAt == .milliseconds(5))
        #expect(down.process(sendTime: .zero, sizeBytes: 10).deliveries.first?.deliverAt == .milliseconds(20))
    }
}
