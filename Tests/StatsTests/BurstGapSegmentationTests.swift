import Testing
@testable import Stats

private func flags(_ spec: [(received: Int, lost: Int)]) -> [Bool] {
    spec.flatMap { Array(repeating: true, count: $0.received) + Array(repeating: false, count: $0.lost) }
}

@Suite("Exact RFC 3611 §4.7.2 burst/gap segmentation")
struct BurstGapSegmentationTests {
    @Test("Isolated losses are all gap: burst density 0, gap density 3/83")
    func isolatedLossesAllGap() {
        var analyzer = LossPatternAnalyzer()
        analyzer.record(receivedFlags: flags([(20, 1), (20, 1), (20, 1), (20, 0)]))
        let closed = analyzer.segmentation.closedNow
        #expect(closed.burstCount == 0)
        #expect(closed.gapCount == 1)
        #expect(closed.gapPackets == 83)
        #expect(closed.gapLosses == 3)
        let metrics = analyzer.exactBurstGapMetrics(packetDurationMilliseconds: 20)
        #expect(metrics.burstDensity == 0)
        #expect(abs(metrics.gapDensity - 3.0 / 83) < 1e-12)
        #expect(metrics.gapDurationMilliseconds == 1660) // one gap of 83 packets × 20 ms
        #expect(metrics.burstDurationMilliseconds == 0)
    }

    /// 20R | L R L L R R L L | 20R L: one burst of 8 packets with 5 losses; the final lone loss
    /// (followed by nothing yet) closes as an isolated gap loss.
    @Test("A burst of 5 losses in 8 packets: burst density 5/8, duration 160 ms")
    func burst() {
        var segmentation = BurstGapSegmentation()
        for flag in flags([(20, 1), (1, 2), (2, 2), (20, 1)]) { segmentation.record(isLoss: !flag) }
        let closed = segmentation.closedNow
        #expect(closed.burstCount == 1)
        #expect(closed.burstPackets == 8)
        #expect(closed.burstLosses == 5)
        #expect(closed.gapCount == 2)
        #expect(closed.gapPackets == 41) // 20 + 20 + the isolated loss
        #expect(closed.gapLosses == 1)
        let metrics = segmentation.metrics(packetDurationMilliseconds: 20)
        #expect(metrics.burstDensity == 0.625)
        #expect(metrics.burstDensityField == 160)
        #expect(abs(metrics.gapDensity - 1.0 / 41) < 1e-12)
        #expect(metrics.burstDurationMilliseconds == 160)
        #expect(metrics.gapDurationMilliseconds == 410) // 41 packets over 2 gaps × 20 ms
        #expect(abs(metrics.lossRate - 6.0 / 49) < 1e-12)
    }

    @Test("Losses Gmin or more apart split into separate episodes; fewer than Gmin apart join")
    func gminBoundary() {
        var apart = BurstGapSegmentation(minimumGapPackets: 16)
        for flag in flags([(0, 2), (16, 2)]) { apart.record(isLoss: !flag) }
        #expect(apart.closedNow.burstCount == 2)

        var joined = BurstGapSegmentation(minimumGapPackets: 16)
        for flag in flags([(0, 2), (15, 2)]) { joined.record(isLoss: !flag) }
        let closed = joined.closedNow
        #expect(closed.burstCount == 1)
        #expect(closed.burstPackets == 19)
        #expect(closed.burstLosses == 4)
    }

    @Test("Reading does not disturb the open episode")
    func readingIsPure() {
        var segmentation = BurstGapSegmentation()
        for flag in flags([(20, 2)]) { segmentation.record(isLoss: !flag) }
        _ = segmentation.metrics(packetDurationMilliseconds: 20)
        for flag in flags([(3, 2)]) { segmentation.record(isLoss: !flag) }
        let closed = segmentation.closedNow
        #expect(closed.burstCount == 1)
        #expect(closed.burstPackets == 7) // L L R R R L L
        #expect(closed.burstLosses == 4)
    }
}
