import Testing

@testable import JitterBuffer

/// The buffer with time-scaling: it tracks its target by pitch periods instead of whole frames.
@Suite("Time-scaling playout")
struct TimeScalingPlayoutTests {
    /// 20 ± 8 ms Gaussian jitter, `count` frames from `sender`.
    static func gaussian(_ sender: Sender, count: Int, seed: UInt64 = 42) -> [JitterBufferPacket] {
        var delays = GaussianDelays(state: seed)
        return (0..<count).map { sender.packet($0, delay: delays.next(meanMilliseconds: 20, sigmaMilliseconds: 8)) }
    }

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

    @Test func steadyJitterTracksTheTargetWithinPeriodsAndBelowWholeFramePlayout() throws {
        let packets = Self.gaussian(Sender(), count: 1500)  // 30 s
        var buffer = try makeBuffer { $0.initialDelay = .milliseconds(20) }
        var player = ScaledPlayer()
        player.run(&buffer, packets, until: .seconds(31))
        let settled = player.played(in: .seconds(2)..<(.seconds(30)))
        let errors = settled.map(\.errorMilliseconds)
        // Above target by at most a shortest period (2.5 ms) on average, never a whole frame below.
        let meanError = Self.mean(errors)
        #expect(meanError > -2.5 && meanError < 2.5, "mean error \(meanError) ms")
        #expect(errors.allSatisfy { $0 > -20 && $0 < 25 }, "errors \(errors.min() ?? 0)...\(errors.max() ?? 0)")
        #expect(buffer.ledger.discardedToShrink == 0)
        #expect(player.lateFraction(arrivingIn: .seconds(1)..<(.seconds(31))) <= 0.01)
        #expect(buffer.timeScalingCounts.accelerateCount > 0 && buffer.timeScalingCounts.expandCount > 0)
        #expect(buffer.ledger.isBalanced)

        // The same trace with whole-frame adjustment (no time-scaling) plays deeper on average.
        var whole = try makeBuffer { $0.initialDelay = .milliseconds(20) }
        var wholeDelays: [Double] = []
        drive(&whole, packets, until: .seconds(31), observe: { buffer, tick in
            guard let tick, tick.time >= .seconds(2), case .play = tick.frame else { return }
            wholeDelays.append(buffer.snapshot.currentDelayMilliseconds)
        })
        let scaledMean = Self.mean(settled.map { $0.errorMilliseconds + $0.targetMilliseconds })
        #expect(scaledMean < Self.mean(wholeDelays), "scaled \(scaledMean) ms, whole-frame \(Self.mean(wholeDelays)) ms")
    }

    @Test(arguments: [1000.0, -1000.0])
    func driftOfAThousandPPMIsAbsorbedByTimeScaling(ppm: Double) throws {
        let packets = Self.gaussian(Sender(driftPPM: ppm), count: 3000, seed: 7)  // 60 s
        var buffer = try makeBuffer { $0.initialDelay = .milliseconds(20) }
        var player = ScaledPlayer()
        player.run(&buffer, packets, until: .seconds(61))
        let late = player.played(in: .seconds(50)..<(.seconds(60))).map(\.errorMilliseconds)
        #expect(abs(Self.mean(late)) < 3, "mean error \(Self.mean(late)) ms over the last 10 s")
        #expect(player.lateFraction(arrivingIn: .seconds(1)..<(.seconds(61))) <= 0.01)
        let counts = buffer.timeScalingCounts
        // A fast sender (+ppm) fills the buffer: more removed than inserted; a slow one the reverse
        // (60 ms over the minute).
        // From 2 s on: the start-up target (the first packets' spread with a margin) settles first.
        let net =
            (counts.acceleratedNanoseconds - player.countsAtMark.acceleratedNanoseconds)
            - (counts.expandedNanoseconds - player.countsAtMark.expandedNanoseconds)
        #expect(ppm > 0 ? net > 0 : net < 0, "\(counts)")
        #expect(buffer.ledger.discardedToShrink == 0)
        #expect(buffer.ledger.isBalanced)
    }

    /// AdaptationTests' isolated spike (20 s calm, 3 s at +200 ms, then calm) with time-scaling:
    /// the spike is covered while it lasts, and the tail guard's longer memory here (~100 s)
    /// does not hold the delay up afterwards, because only the few packets the spike's end
    /// reorders count in it: back within 10 ms of the calm delay a minute after the spike.
    @Test func anIsolatedSpikeDoesNotKeepTheDelayUp() throws {
        let packets = isolatedSpikePackets()
        var buffer = try makeBuffer()
        var player = ScaledPlayer()
        player.run(&buffer, packets, until: .seconds(143))
        func meanDelay(_ range: Range<Duration>) -> Double {
            Self.mean(player.played(in: range).map { $0.errorMilliseconds + $0.targetMilliseconds })
        }
        let calm = meanDelay(.seconds(10)..<(.seconds(20)))
        let during = meanDelay(.seconds(21)..<(.seconds(23)))
        let minuteAfter = meanDelay(.seconds(83)..<(.seconds(143)))
        #expect(during > 150, "during the spike \(during) ms")
        #expect(minuteAfter < calm + 10, "calm \(calm) ms, a minute after the spike \(minuteAfter) ms")
        #expect(buffer.ledger.isBalanced)
    }

    /// After a stream's last packet the playout holds its slot (an underrun, as far as it can
    /// tell), so the playout point's delay keeps growing; the played delay, what reports and the
    /// E-model use, stays the last played frame's.
    @Test func thePlayedDelayStaysAfterTheLastPacket() throws {
        let packets = (0..<250).map { Sender().packet($0, delay: .milliseconds(20)) }  // 5 s
        var buffer = try makeBuffer()
        buffer.enableTimeScaling()
        var playedAtEnd: Double?
        drive(&buffer, packets, until: .seconds(6), observe: { buffer, tick in
            guard let tick, case .play(let packet) = tick.frame, packet.sequenceNumber == 249 else { return }
            playedAtEnd = buffer.snapshot.currentDelayMilliseconds
        })
        let snapshot = buffer.snapshot
        let last = try #require(playedAtEnd)
        // About 0.8 s of ticks after the last frame: the playout point is that much later...
        #expect(snapshot.currentDelayMilliseconds > last + 500, "current \(snapshot.currentDelayMilliseconds) ms, last played \(last) ms")
        // ...and the delay frames were played at is the last one's.
        #expect(snapshot.playedDelayMilliseconds == last)
        #expect(abs(snapshot.playedDelayMilliseconds - buffer.timeScalingCounts.meanPlayedDelayMilliseconds) < 20)
    }

    @Test func thirtySecondStallThenBurstRecoversWithinTwoSeconds() throws {
        let sender = Sender()
        // 5 s normal, then everything sent in the next 30 s arrives at once at 35 s, then normal.
        let packets = (0..<2250).map { k -> JitterBufferPacket in
            let sent = sender.sendTime(k)
            if sent >= .seconds(5), sent < .seconds(35) {
                return sender.packet(k, delay: .seconds(35) - sent + .microseconds(Int64(k % 50) * 10))
            }
            return sender.packet(k, delay: .milliseconds(20))
        }
        var buffer = try makeBuffer { $0.initialDelay = .milliseconds(20) }
        var player = ScaledPlayer()
        player.run(&buffer, packets, until: .seconds(45))
        #expect(player.maximumBuffered <= buffer.configuration.capacityPackets)
        let recovered = player.played(in: .seconds(37)..<(.seconds(45)))
        #expect(!recovered.isEmpty)
        let worst = recovered.map { abs($0.errorMilliseconds) }.max() ?? .infinity
        #expect(worst < 12.5, "worst |error| \(worst) ms from 2 s after the burst")
        #expect(buffer.ledger.isBalanced)
    }

    @Test func badInputIsCountedAndTheBufferRecoversWithinTwoSeconds() throws {
        let sender = Sender()
        var packets = (0..<1000).map { sender.packet($0, delay: .milliseconds(20)) }
        packets[100].payload = []  // 0-length payload
        packets[200].timestamp &+= 480_000  // timestamp inconsistent with its sequence number
        packets[201].timestamp &-= 480_000
        // From frame 500 the sender restarts its timestamp (and keeps its sequence numbers).
        for k in 500..<1000 { packets[k].timestamp = 7_000_000 &+ UInt32(k - 500) &* 960 }
        var buffer = try makeBuffer { $0.initialDelay = .milliseconds(20) }
        var player = ScaledPlayer()
        player.run(&buffer, packets, until: .seconds(21))
        #expect(buffer.ledger.rejectedEmptyPayload == 1)
        #expect(buffer.ledger.rejectedTimestamp + buffer.ledger.resets >= 1, "\(buffer.ledger)")
        let recovered = player.played(in: .seconds(12)..<(.seconds(20)))
        #expect(recovered.count > 350)
        let worst = recovered.map { abs($0.errorMilliseconds) }.max() ?? .infinity
        #expect(worst < 12.5, "worst |error| \(worst) ms from 2 s after the restart")
        #expect(buffer.ledger.isBalanced)
    }

    @Test func telemetryModeIgnoresTimeScaling() throws {
        var buffer = try makeBuffer { $0.mode = .telemetry(deliverLate: false) }
        buffer.enableTimeScaling()
        #expect(!buffer.isTimeScaling)
        buffer.recordTimeScaling(samplesPerChannel: -480, sampleRate: 48_000)
        #expect(buffer.timeScalingCounts == TimeScalingCounts())
    }
}

extension TimeScalingPlayoutTests {
    /// Start-up: until one second of samples the target is at least two frames and the first n
    /// packets' spread × (1 + 4/√n), so the buffer expands before frames come late. Measured
    /// over 40 seeds of 10 s of 20 ± 8 ms Gaussian jitter: no late frame in the first second
    /// (63 in all without the start-up rule, 5 with the spread rule alone, 16 with 1 + 2/√n),
    /// 16 late of 18 020 after it (0.09 %).
    @Test func startUpGrowsBeforeFramesComeLate() throws {
        var lateFirst = 0, lateAfter = 0, after = 0
        for seed in UInt64(1)...40 {
            let packets = Self.gaussian(Sender(), count: 500, seed: seed)
            var buffer = try makeBuffer { $0.initialDelay = .milliseconds(20) }
            var player = ScaledPlayer()
            player.run(&buffer, packets, until: .seconds(11))
            lateFirst += player.outcomes.filter { $0.arrival < .seconds(1) && $0.outcome == .late }.count
            lateAfter += player.outcomes.filter { $0.arrival >= .seconds(1) && $0.outcome == .late }.count
            after += player.outcomes.filter { $0.arrival >= .seconds(1) }.count
        }
        #expect(lateFirst <= 2, "\(lateFirst) late frames in the first second over 40 runs")
        #expect(Double(lateAfter) <= 0.01 * Double(after))
    }

    @Test func aCleanStreamStartsAtTwoFramesAndSettlesAfterTheFirstSecond() throws {
        let packets = (0..<100).map { Sender().packet($0, delay: .milliseconds(5)) }
        var buffer = try makeBuffer { $0.initialDelay = .milliseconds(20) }
        var player = ScaledPlayer()
        player.run(&buffer, packets, until: .seconds(3))
        let first = try #require(player.ticks.first)
        // Frame 0 arrives at 5 ms and plays at 5 + 40 ms: no spread, the two-frame start-up
        // floor; after the first second the excess is accelerated away (by 1.5 s here).
        #expect(first.time == .milliseconds(45))
        #expect(buffer.ledger.played == 100)
        #expect(buffer.ledger.discardedToShrink == 0)
        let settled = player.played(in: .milliseconds(1_500)..<(.seconds(2)))
        #expect(!settled.isEmpty && settled.allSatisfy { abs($0.errorMilliseconds) < 2.5 }, "\(settled.map(\.errorMilliseconds))")
    }
}
