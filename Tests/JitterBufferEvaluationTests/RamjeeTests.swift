import Testing

@testable import JitterBufferEvaluation

@Suite struct RamjeeTests {
    /// Feeds the controller one frame per 20 ms with the given delays (ms), in arrival order.
    func feed(_ controller: inout RamjeeController, delays: [Double], from start: Int = 0) {
        let arrivals = delays.enumerated().map { (frame: start + $0.offset, arrival: Double(start + $0.offset) * 20 + $0.element) }
            .sorted { ($0.arrival, $0.frame) < ($1.arrival, $1.frame) }
        for (frame, arrival) in arrivals {
            controller.observe(frame: frame, mediaMilliseconds: Double(frame) * 20, arrivalMilliseconds: arrival)
        }
    }

    @Test func spikeModeEnteredAndLeftOnASpike() {
        var controller = RamjeeController()
        feed(&controller, delays: Array(repeating: 20, count: 200))
        #expect(!controller.inSpike)
        #expect(abs((controller.playoutOffsetMilliseconds ?? 0) - 20) < 1e-9)
        // A 300 ms stall released at once: delays 320, 300, …, 40, then 20 again.
        feed(&controller, delays: [320], from: 200)
        #expect(controller.inSpike)
        #expect(controller.spikesEntered == 1)
        // In spike mode the estimate follows the delay: d = 20 + (320 − 20).
        #expect(abs((controller.estimateMilliseconds ?? 0) - 320) < 1e-9)
        let descent = stride(from: 300.0, through: 40, by: -20).map { $0 }
        feed(&controller, delays: descent, from: 201)
        #expect(controller.inSpike)
        feed(&controller, delays: Array(repeating: 20, count: 20), from: 201 + descent.count)
        #expect(!controller.inSpike)
        #expect(controller.spikesLeft == 1)
        #expect(controller.spikesEntered == 1)
    }

    @Test func normalModeIsTheExponentialAverage() {
        var controller = RamjeeController()
        feed(&controller, delays: [20, 30])
        // d = 0.125 × 30 + 0.875 × 20 = 21.25; v = 0.125 × |30 − 21.25| = 1.09375.
        #expect(abs((controller.estimateMilliseconds ?? 0) - 21.25) < 1e-12)
        #expect(abs(controller.variationMilliseconds - 1.09375) < 1e-12)
        #expect(abs((controller.playoutOffsetMilliseconds ?? 0) - (21.25 + 4 * 1.09375)) < 1e-12)
        // A step under 100 ms + 2v is not a spike.
        feed(&controller, delays: [100], from: 2)
        #expect(!controller.inSpike)
    }
}
