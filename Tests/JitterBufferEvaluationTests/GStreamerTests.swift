import JitterbugSupport
import Testing

@testable import JitterBufferEvaluation

@Suite struct GStreamerTests {
    @Test func noLateLossWhileJitterStaysUnder200Milliseconds() {
        // 20 ms path + 0–179 ms uniform jitter (heavy reordering): every frame plays.
        var random = SplitMix64(seed: 21)
        let delays = (0..<3_000).map { _ in 20 + 179 * random.nextUnitInterval() }
        let trace = Trace(name: "uniform", delayMilliseconds: delays)
        let record = GStreamerJitterBuffer().run(trace)
        #expect(record.late.allSatisfy { !$0 })
        #expect(record.playoutMilliseconds.allSatisfy { $0 != nil })
    }

    @Test func exactlyTheFramesOverTheLatencyAreLate() {
        // Constant 20 ms path; some frames held back 150 ms (on time), others 201–300 ms (late):
        // the skew settles on the 20 ms path, so frame k's deadline is send + 20 + 200 ms.
        var delays = Array(repeating: 20.0, count: 2_000)
        let onTime = [300, 700, 1_100]
        let late = [500, 900, 1_300, 1_700]
        for k in onTime { delays[k] = 20 + 150 }
        for (index, k) in late.enumerated() { delays[k] = 20 + 201 + 30 * Double(index) }
        let trace = Trace(name: "held back", delayMilliseconds: delays)
        let record = GStreamerJitterBuffer().run(trace)
        #expect((0..<trace.count).filter { record.late[$0] } == late)
        for k in onTime {
            #expect(abs((record.playoutMilliseconds[k] ?? 0) - (trace.sendMilliseconds(k) + 220)) < 1e-6)
        }
        // Everything else plays 220 ms after sending.
        #expect(abs((record.playoutMilliseconds[1_000] ?? 0) - (trace.sendMilliseconds(1_000) + 220)) < 1e-6)
    }

    @Test func aStallResynchronisesOnTheFirstPacketAfterIt() {
        // 20 ms path; a 600 ms stall holds frames 400–430 (sent 8000–8600 ms), released together
        // at 8620 ms.
        var delays = Array(repeating: 20.0, count: 1_000)
        for k in 400...430 { delays[k] = 8_620 - Double(k) * 20 }
        let trace = Trace(name: "stall", delayMilliseconds: delays)
        let record = GStreamerJitterBuffer().run(trace)
        // In order, so not dropped: frame 400 is past PTS + latency on arrival and becomes the new
        // base: it plays 200 ms after its arrival.
        #expect(record.late.allSatisfy { !$0 })
        #expect(abs((record.playoutMilliseconds[400] ?? 0) - (trace.sendMilliseconds(400) + 620 + 200)) < 1e-6)
    }
}
