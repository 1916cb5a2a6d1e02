import Testing

@testable import JitterBufferEvaluation

/// Jitterbug's time-scaled playout (#16) in the evaluation, on the synthetic traces with
/// stationary jitter: close to the hindsight optimum at its own late loss, late loss at most
/// 1 % after the first second, no late frame in the first second, and below the whole-frame
/// playout's mean delay. (The table in BENCHMARKS.md has every trace and baseline.)
@Suite struct TimeScaledJitterbugTests {
    @Test(arguments: [Trace.steady(frames: 3_000), Trace.gaussian(frames: 3_000), Trace.drift(ppm: 500, frames: 3_000)])
    func closeToTheOptimumWithoutStartUpLateness(trace: Trace) throws {
        let evaluation = try TraceEvaluation(trace: trace, algorithms: [.jitterbugTimeScaled, .jitterbug])
        let scaled = evaluation.scores[0], whole = evaluation.scores[1]
        let ratio = try #require(scaled.ratioToOptimum)
        #expect(ratio < 1.1, "\(trace.name): ratio \(ratio)")
        #expect(scaled.lateLossPercent <= 1, "\(trace.name): \(scaled.lateLossPercent) %")
        #expect(scaled.firstSecondLateFrames == 0)
        #expect(scaled.discardedFrames == 0)
        #expect(scaled.meanDelayMilliseconds < whole.meanDelayMilliseconds, "\(scaled.meanDelayMilliseconds) vs \(whole.meanDelayMilliseconds) ms")
    }
}
