import Testing
import Impairment

@Suite struct DelayStatisticsTests {
    @Test func normalJitterHasSpecifiedMeanAndSigma() throws {
        // σ = 10 ms against a 40 ms mean: clamping at 0 needs a 4σ draw, negligible.
        let delays = delaysMilliseconds(try runEngine("delay=40ms,jitter=10ms,dist=normal", seed: 21, count: 100_000))
        #expect(delays.count == 100_000)
        #expect(relativeError(mean(delays), 40) < 0.05)
        #expect(relativeError(standardDeviation(delays), 10) < 0.05)
    }

    @Test func uniformJitterStaysInItsBand() throws {
        let delays = delaysMilliseconds(try runEngine("delay=40ms,jitter=10ms", seed: 22, count: 100_000))
        #expect(relativeError(mean(delays), 40) < 0.05)
        #expect(relativeError(standardDeviation(delays), 10 / 3.0.squareRoot()) < 0.05)
        #expect(delays.allSatisfy { $0 >= 30 && $0 <= 50 })
    }

    @Test func paretoJitterIsRightSkewedWithMeanDelay() throws {
        let delays = delaysMilliseconds(try runEngine("delay=40ms,jitter=10ms,dist=pareto", seed: 23, count: 100_000))
        #expect(relativeError(mean(delays), 40) < 0.05)
        // Lower bound: mean - 1.5·x_m + x_m = 40 - 10/√3 ms.
        #expect(delays.allSatisfy { $0 >= 40 - 10 / 3.0.squareRoot() - 1e-6 })
        let median = delays.sorted()[delays.count / 2]
        #expect(median < 40, "a right-skewed offset with mean 0 has a negative median")
        #expect(delays.contains { $0 > 80 }, "heavy tail reaches beyond 4σ")
    }

    @Test func delayIsClampedAtZero() throws {
        let delays = delaysMilliseconds(try runEngine("delay=1ms,jitter=10ms,dist=normal", seed: 24, count: 10_000))
        #expect(delays.allSatisfy { $0 >= 0 })
        #expect(delays.filter { $0 == 0 }.count > 3_000, "about P(N < -0.1σ) ≈ 46 % clamp to zero")
    }

    @Test func fixedDelayWithoutJitterIsExact() throws {
        let decisions = try runEngine("delay=40ms", count: 100, interval: .microseconds(333))
        for decision in decisions {
            #expect(decision.deliveries.map(\.deliverAt) == [decision.sendTime + .milliseconds(40)])
        }
    }

    @Test func jitterReordersUnlessInOrder() throws {
        func inversions(_ spec: String) throws -> Int {
            let times = try runEngine(spec, seed: 25, count: 20_000).flatMap { $0.deliveries.map(\.deliverAt) }
            return zip(times, times.dropFirst()).filter { $0.1 < $0.0 }.count
        }
        #expect(try inversions("delay=40ms,jitter=10ms,dist=normal") > 1_000)
        #expect(try inversions("delay=40ms,jitter=10ms,dist=normal,inorder") == 0)
        #expect(try inversions("delay=40ms,jitter=10ms,dist=pareto,inorder") == 0)
    }

    @Test func inOrderOnlyRaisesDelays() throws {
        let free = try runEngine("delay=40ms,jitter=10ms", seed: 26, count: 5_000)
        let ordered = try runEngine("delay=40ms,jitter=10ms,inorder", seed: 26, count: 5_000)
        for (a, b) in zip(free, ordered) {
            #expect(b.deliveries[0].deliverAt >= a.deliveries[0].deliverAt)
        }
    }

    @Test func reorderSendsThatFractionImmediately() throws {
        let decisions = try runEngine("delay=40ms,reorder=10%", seed: 27, count: 100_000)
        let delays = delaysMilliseconds(decisions)
        let immediate = delays.filter { $0 == 0 }.count
        #expect(relativeError(Double(immediate) / 100_000, 0.10) < 0.05)
        #expect(delays.allSatisfy { $0 == 0 || $0 == 40 })
    }
}
