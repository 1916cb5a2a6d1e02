import Testing
import Impairment

@Suite struct LossStatisticsTests {
    @Test func bernoulliLossRateAndBurstLength() throws {
        let decisions = try runEngine("loss=5%", seed: 11, count: 100_000)
        let lost = decisions.filter(\.isDropped)
        #expect(relativeError(Double(lost.count) / 100_000, 0.05) < 0.05)
        #expect(lost.allSatisfy { $0.dropReason == .random })
        // Independent losses: runs are geometric with mean 1/(1-p).
        let bursts = lossBurstLengths(decisions)
        let meanBurst = Double(bursts.reduce(0, +)) / Double(bursts.count)
        #expect(relativeError(meanBurst, 1 / 0.95) < 0.05)
    }

    @Test func gilbertElliottMeanBurstForm() throws {
        // Markov-correlated losses vary more than Bernoulli ones: 200 000 packets keep the
        // loss estimate's σ near 2 % relative.
        let decisions = try runEngine("loss=ge:5%/3", seed: 12, count: 200_000)
        let lost = decisions.filter(\.isDropped)
        #expect(relativeError(Double(lost.count) / 200_000, 0.05) < 0.05)
        #expect(lost.allSatisfy { $0.dropReason == .burst }, "good-state loss is 0 in this form")
        let bursts = lossBurstLengths(decisions)
        let meanBurst = Double(bursts.reduce(0, +)) / Double(bursts.count)
        #expect(relativeError(meanBurst, 3) < 0.05)
    }

    @Test func gilbertElliottRawForm() throws {
        // p = 1 %, r = 30 %: stationary Bad share 0.01/0.31; bursts last 1/r = 3.33 packets.
        let decisions = try runEngine("loss=ge:p=1%/r=30%", seed: 13, count: 200_000)
        let lossRate = Double(decisions.filter(\.isDropped).count) / 200_000
        #expect(relativeError(lossRate, 0.01 / 0.31) < 0.05)
        let bursts = lossBurstLengths(decisions)
        #expect(relativeError(Double(bursts.reduce(0, +)) / Double(bursts.count), 1 / 0.3) < 0.05)
    }

    @Test func gilbertElliottGoodStateLossIsReportedAsRandom() throws {
        // p = 0: the chain never leaves Good, so every loss is a Good-state (random) loss.
        let decisions = try runEngine("loss=ge:p=0%/r=50%/good=10%", seed: 14, count: 50_000)
        let lost = decisions.filter(\.isDropped)
        #expect(relativeError(Double(lost.count) / 50_000, 0.10) < 0.05)
        #expect(lost.allSatisfy { $0.dropReason == .random })
    }

    @Test func fullLossDropsEverything() throws {
        let decisions = try runEngine("loss=100%", count: 1_000)
        #expect(decisions.allSatisfy { $0.isDropped && $0.dropReason == .random })
    }
}
