import Testing

@testable import JitterBufferEvaluation

@Suite struct NetEqTests {
    @Test func histogramStartsHalvingAndForgetsAtTheBaseFactor() {
        var histogram = NetEqHistogram(bucketCount: 4, forgetFactor: 0.983, startForgetWeight: nil)
        #expect(histogram.buckets == [0.5, 0.25, 0.125, 0.0625])
        // The factor starts at 0: the first sample replaces the initial shape.
        histogram.add(0)
        #expect(histogram.buckets == [1, 0, 0, 0])
        for _ in 0..<1_000 { histogram.add(0) }
        histogram.add(3)
        // Converged: every bucket × 0.983, then 0.017 into bucket 3.
        #expect(abs(histogram.buckets[0] - 0.983) < 1e-9)
        #expect(abs(histogram.buckets[3] - 0.017) < 1e-9)
    }

    @Test func startForgetWeightLetsTheFirstSamplesCount() {
        // NetEq's start weight 2: factor 0 for the first two adds, then 1 − 2/3, 1 − 2/4, … up to
        // the base (`Histogram::Add` sets it after counting the add).
        var histogram = NetEqHistogram(bucketCount: 10, forgetFactor: 0.983, startForgetWeight: 2)
        histogram.add(4)
        #expect(histogram.buckets[4] == 1)
        histogram.add(2)
        #expect(histogram.buckets[2] == 1 && histogram.buckets[4] == 0)
        histogram.add(4)
        // × 1/3, then 2/3 into bucket 4.
        #expect(abs(histogram.buckets[2] - 1.0 / 3.0) < 1e-12)
        #expect(abs(histogram.buckets[4] - 2.0 / 3.0) < 1e-12)
        histogram.add(2)
        // × 1/2, then 1/2 into bucket 2.
        #expect(abs(histogram.buckets[2] - 2.0 / 3.0) < 1e-12)
        #expect(abs(histogram.buckets[4] - 1.0 / 3.0) < 1e-12)
        #expect(histogram.quantile(0.95) == 4)
        #expect(histogram.quantile(0.5) == 2)
    }

    /// 60 s of packets every 20 ms at the fastest delay, then a step of +100 ms: the relative
    /// delay is 100 ms until the 2 s window forgets the fast packets. The underrun histogram gets
    /// the largest relative delay per 500 ms; by hand, after j samples in bucket 5 (100 ms / 20),
    /// P(bucket 5) = 1 − 0.983^j (the rest in bucket 0): j = 2 gives 0.0337 < 5 % (target stays
    /// (1 + 0) × 20 = 20 ms), j = 3 gives 0.0501 ≥ 5 % (target (1 + 5) × 20 = 120 ms).
    @Test func targetAfterAStepFollowsTheQuantile() {
        var manager = NetEqDelayManager()
        var now = 0.0
        for _ in 0..<3_000 {
            manager.update(arrivalDelayMilliseconds: 0, reordered: false, nowMilliseconds: now)
            now += 20
        }
        #expect(manager.targetMilliseconds == 20)
        // Samples are taken when more than 500 ms passed since the interval started (at 60 000 − 20
        // + k·520 …): count the samples holding 100 ms as the step goes on.
        var targets: [Double] = []
        for _ in 0..<100 {
            manager.update(arrivalDelayMilliseconds: 100, reordered: false, nowMilliseconds: now)
            targets.append(manager.targetMilliseconds)
            now += 20
        }
        #expect(targets.first == 20)
        #expect(targets.last == 120)
        // Exactly two values: 20 ms until the third 100 ms sample, 120 ms from then on.
        let firstHigh = targets.firstIndex(of: 120) ?? -1
        #expect(targets[..<max(0, firstHigh)].allSatisfy { $0 == 20 })
        #expect(targets[max(0, firstHigh)...].allSatisfy { $0 == 120 })
        // Three 100 ms samples need 2.5–3 intervals of 520 ms (the first may start with 0 ms).
        #expect((50...80).contains(firstHigh), "first 120 ms target after \(firstHigh) packets")
    }

    @Test func reorderedPacketsRaiseTheTargetThroughTheReorderOptimizer() {
        var manager = NetEqDelayManager()
        var now = 0.0
        // In-order packets at 0 ms; every 10th reordered at 60 ms relative delay (10 %).
        for k in 0..<5_000 {
            let reordered = k % 10 == 9
            manager.update(arrivalDelayMilliseconds: reordered ? 60 : 0, reordered: reordered, nowMilliseconds: now)
            now += 20
        }
        // Bucket 3 (60 ms) holds ~10 %: covering it costs 20 × 3 − 20 = 40 ms of delay, leaving it
        // costs 2000 × 0.1 = 200: the optimum is bucket 3, target (1 + 3) × 20 = 80 ms.
        #expect(manager.targetMilliseconds == 80)
    }

    @Test func controllerReachesTheTargetOnAConstantTrace() {
        let trace = Trace(name: "constant", delayMilliseconds: Array(repeating: 25, count: 1_500))
        let record = TimeScaledPlayout().run(trace, controller: NetEqController())
        // Target 20 ms above the fastest packet: the playout delay settles in [20, 20 + 0 + 20) ms
        // above the 25 ms path delay (preemptive expand below, accelerate at or above the top).
        let late = (0..<trace.count).filter { record.late[$0] }
        #expect(late.isEmpty)
        for k in 1_000..<1_500 {
            let delay = (record.playoutMilliseconds[k] ?? 0) - trace.sendMilliseconds(k)
            #expect(delay >= 45 - 1e-9 && delay < 65, "frame \(k): \(delay)")
        }
    }
}
