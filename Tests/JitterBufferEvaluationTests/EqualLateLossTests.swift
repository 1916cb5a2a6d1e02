import JitterBuffer
import Testing

@testable import JitterBufferEvaluation

@Suite struct EqualLateLossTests {
    /// 10 s at a constant 30 ms: the optimum plays every frame 30 ms after sending, loses none.
    let constant = Trace(name: "constant 30 ms", delayMilliseconds: Array(repeating: 30, count: 500))

    @Test func fixedBufferAtTheOptimumHasRatioOne() throws {
        let evaluation = try TraceEvaluation(trace: constant, algorithms: [.fixed(milliseconds: 0), .fixed(milliseconds: 20)])
        let atOptimum = evaluation.scores[0]
        #expect(atOptimum.lateFrames == 0)
        #expect(atOptimum.optimumDelayMilliseconds == 30)
        #expect(abs(atOptimum.meanDelayMilliseconds - 30) < 1e-9)
        #expect(abs((atOptimum.ratioToOptimum ?? 0) - 1.0) < 1e-9)
        // 20 ms more than needed: 50 ms for the optimum's 30 ms.
        #expect(abs((evaluation.scores[1].ratioToOptimum ?? 0) - 50.0 / 30.0) < 1e-9)
    }

    @Test func jitterbugFixedZeroDelayIsAtTheOptimumToo() throws {
        var configuration = JitterBufferConfiguration()
        configuration.fixedDelay = .zero
        let record = try JitterbugReplay(configuration: configuration, name: "fixed 0").run(constant)
        let score = AlgorithmScore(record: record, trace: constant, curve: OptimalDelayCurve(delaysMilliseconds: Array(repeating: 30, count: 450)))
        #expect(score.lateFrames == 0)
        #expect(abs((score.ratioToOptimum ?? 0) - 1.0) < 1e-6)
    }

    @Test func lateFramesCountAfterTheFirstSecondAndApart() {
        // Frames 0–9 and 100–104 late; frames 0–49 are the first second; the rest play 40 ms after sending.
        var record = PlayoutRecord(name: "test", frames: 500)
        for k in 0..<500 { record.playoutMilliseconds[k] = constant.sendMilliseconds(k) + 40 }
        for k in Array(0..<10) + Array(100..<105) {
            record.playoutMilliseconds[k] = nil
            record.late[k] = true
        }
        // Frame 200 arrived on time but was never played: discarded, neither late nor in the mean.
        record.playoutMilliseconds[200] = nil
        var delays: [Double] = []
        for k in 50..<500 { delays.append(constant.delayMilliseconds[k]) }
        let score = AlgorithmScore(record: record, trace: constant, curve: OptimalDelayCurve(delaysMilliseconds: delays))
        #expect(score.firstSecondLateFrames == 10)
        #expect(score.lateFrames == 5)
        #expect(score.deliveredFrames == 450)
        #expect(score.discardedFrames == 1)
        #expect(abs(score.lateLossPercent - 100 * 5 / 450) < 1e-9)
        #expect(abs(score.meanDelayMilliseconds - 40) < 1e-9)
    }

    @Test func evaluationIsDeterministic() throws {
        let first = try TraceEvaluation(trace: Trace.spikes(frames: 2_000))
        let second = try TraceEvaluation(trace: Trace.spikes(frames: 2_000))
        #expect(first.scores.map(\.meanDelayMilliseconds) == second.scores.map(\.meanDelayMilliseconds))
        #expect(first.scores.map(\.lateFrames) == second.scores.map(\.lateFrames))
        #expect(first.records.map(\.late) == second.records.map(\.late))
    }
}
