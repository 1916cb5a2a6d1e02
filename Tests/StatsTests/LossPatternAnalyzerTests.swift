import Testing
@testable import Stats

private func pattern(_ spec: [(received: Int, lost: Int)]) -> [Bool] {
    spec.flatMap { Array(repeating: true, count: $0.received) + Array(repeating: false, count: $0.lost) }
}

@Suite("Loss pattern analysis (RFC 3611 A.2, loss runs, Gilbert–Elliott)")
struct LossPatternAnalyzerTests {
    @Test("No loss: all figures zero")
    func noLoss() {
        var analyzer = LossPatternAnalyzer()
        analyzer.record(receivedFlags: Array(repeating: true, count: 100))
        #expect(analyzer.burstGapMetrics(packetDurationMilliseconds: 20) == .none)
        #expect(analyzer.lossRuns.runCount == 0)
        #expect(analyzer.burstRatio == 1)
    }

    /// 20R L 20R L 20R L 20R with Gmin 16. A.2 by hand:
    /// L1: pkt 20 ≥ 16, lost 0 ≠ 1 → c13 = 1, lost = 1, c11 = 20.
    /// L2: pkt 20, lost 1 → c14 = 1, c11 = 40. L3: c14 = 2, c11 = 60. Trailing 20R not yet counted.
    /// c31 = 1, c32 = 0, ctotal = 60 + 2 + 1 + 0 + 0 + 1 + 0 + 0 = 64.
    @Test("Isolated losses fall in the gap: gap density 2/62, one-off initial c13 as A.2 defines")
    func isolatedLosses() {
        var analyzer = LossPatternAnalyzer()
        analyzer.record(receivedFlags: pattern([(20, 1), (20, 1), (20, 1), (20, 0)]))
        let metrics = analyzer.burstGapMetrics(packetDurationMilliseconds: 20)
        #expect(abs(metrics.gapDensity - 2.0 / 62) < 1e-12)
        #expect(metrics.gapDensityField == 8) // floor(256·2/62 = 8.26)
        // Gap duration = (c11 + c14 + c13)·m / c13 = 63·20 / 1.
        #expect(metrics.gapDurationMilliseconds == 1260)
        // Burst duration = ctotal·m/c13 − gap = 1280 − 1260: the A.2 initial-state artefact
        // (lost starts at 0, so the first loss counts as a burst entry) yields one 1-packet burst.
        #expect(metrics.burstDurationMilliseconds == 20)
        // Loss rate is of all packets expected (RFC 3611 §4.7.1), trailing received ones included.
        #expect(metrics.lossRateField == 9) // floor(256·3/83)
        let runs = analyzer.lossRuns
        #expect(runs.runCount == 3)
        #expect(runs.maximumRunLength == 1)
        #expect(runs.meanRunLength == 1)
    }

    /// 20R, L R L L R R L L, 20R, L. A.2 by hand:
    /// L: c13 = 1, lost = 1, c11 = 20. R. L: pkt 1 → lost 2, c23 = 1, c22 += 0.
    /// L: pkt 0 → lost 3, c33 = 1. R R. L: lost 4, c23 = 2, c22 = 1. L: lost 5, c33 = 2.
    /// 20R. L: pkt 20 ≥ 16, lost 5 ≠ 1 → c13 = 2, lost = 1, c11 = 40.
    /// c31 = 2, c32 = 2; ctotal = 40 + 0 + 2 + 1 + 2 + 2 + 2 + 2 = 51.
    /// p32 = 2/6, p23 = 1 − 1/3 = 2/3 → burst density = (2/3)/(2/3 + 1/3) = 2/3.
    @Test("A burst of 5 losses within 16: burst density per A.2")
    func burstWithinGmin() {
        var analyzer = LossPatternAnalyzer()
        let events: [Bool] = pattern([(20, 1), (1, 2), (2, 2), (20, 1)])
        #expect(events.count == 49)
        analyzer.record(receivedFlags: events)
        let metrics = analyzer.burstGapMetrics(packetDurationMilliseconds: 20)
        #expect(abs(metrics.burstDensity - 2.0 / 3) < 1e-12)
        #expect(metrics.burstDensityField == 170)
        #expect(metrics.gapDensity == 0)
        #expect(metrics.gapDurationMilliseconds == 420) // (40 + 0 + 2)·20/2
        #expect(metrics.burstDurationMilliseconds == 90) // 51·20/2 − 420
        #expect(metrics.lossRateField == 31) // floor(256·6/49 = 31.3)
        let runs = analyzer.lossRuns
        #expect(runs.runLengthCounts == [1: 2, 2: 2])
        #expect(runs.meanRunLength == 1.5)
        #expect(runs.lostPackets == 6)
    }

    @Test("Discards count as losses for burst metrics and separately")
    func discards() {
        var analyzer = LossPatternAnalyzer()
        for _ in 0..<20 { analyzer.record(.received) }
        analyzer.record(.discarded)
        for _ in 0..<20 { analyzer.record(.received) }
        analyzer.record(.lost)
        #expect(analyzer.discardCount == 1)
        #expect(analyzer.lossCount == 1)
        let metrics = analyzer.burstGapMetrics(packetDurationMilliseconds: 20)
        // c13 = 1, c14 = 1, c11 = 40 → ctotal = 40 + 1 + 1 + 1 = 43.
        #expect(abs(metrics.discardRate - 1.0 / 42) < 1e-12)  // 1 of 42 packets expected
        #expect(abs(metrics.gapDensity - 1.0 / 41) < 1e-12)
    }

    /// R R R R L L L R R R R: transitions RR = 6, RL = 1, LL = 2, LR = 1.
    @Test("Gilbert–Elliott p and r from transition counts, BurstR = 1/(p + r)")
    func gilbertElliott() {
        var analyzer = LossPatternAnalyzer()
        analyzer.record(receivedFlags: pattern([(4, 3), (4, 0)]))
        #expect(abs(analyzer.goodToBadProbability - 1.0 / 7) < 1e-12)
        #expect(abs(analyzer.badToGoodProbability - 1.0 / 3) < 1e-12)
        #expect(abs(analyzer.burstRatio - 2.1) < 1e-12)
        #expect(analyzer.lossRuns.runLengthCounts == [3: 1])
    }

    @Test("Alternating loss is 'random': p = 1, r = 1 → BurstR 0.5 (smoother than random)")
    func alternating() {
        var analyzer = LossPatternAnalyzer()
        analyzer.record(receivedFlags: [true, false, true, false, true, false])
        #expect(analyzer.goodToBadProbability == 1)
        #expect(analyzer.badToGoodProbability == 1)
        #expect(analyzer.burstRatio == 0.5)
    }
}
