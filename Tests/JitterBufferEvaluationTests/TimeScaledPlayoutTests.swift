import Testing

@testable import JitterBufferEvaluation

/// Asks for a constant adjustment at every slot.
struct ConstantRequest: PlayoutController {
    var name = "constant request"
    var initialDelayMilliseconds = 0.0
    var waitsOnUnderrun = false
    var requestMilliseconds: Double
    mutating func observe(frame: Int, mediaMilliseconds: Double, arrivalMilliseconds: Double) {}
    mutating func adjustment(nowMilliseconds: Double, mediaMilliseconds: Double, played: Bool, afterConcealment: Bool) -> Double {
        requestMilliseconds
    }
}

@Suite struct TimeScaledPlayoutTests {
    let constant = Trace(name: "constant 30 ms", delayMilliseconds: Array(repeating: 30, count: 100))

    @Test func adjustmentsAreBoundedByTimeScaling() {
        let growing = TimeScaledPlayout().run(constant, controller: ConstantRequest(requestMilliseconds: 100))
        // +20 ms per frame at most: frame k plays at 30 + 40 k.
        #expect(abs((growing.playoutMilliseconds[10] ?? 0) - 430) < 1e-9)
        let shrinking = TimeScaledPlayout().run(constant, controller: ConstantRequest(requestMilliseconds: -100))
        // −15 ms per frame at most: frame 1 is due at 35 ms but arrives at 50 ms: every later frame is late.
        #expect(abs((shrinking.playoutMilliseconds[0] ?? 0) - 30) < 1e-9)
        #expect(shrinking.late[1...].allSatisfy { $0 })
    }

    @Test func netEqWaitsOnAnUnderrunInsteadOfLosingTheFrame() {
        // 20 ms path; a 200 ms stall holds frames 200–210, released together at 4220 ms.
        var delays = Array(repeating: 20.0, count: 400)
        for k in 200...210 { delays[k] = 4_220 - Double(k) * 20 }
        let trace = Trace(name: "stall", delayMilliseconds: delays)
        let netEq = TimeScaledPlayout().run(trace, controller: NetEqController())
        #expect(netEq.late.allSatisfy { !$0 })
        #expect(netEq.underrunExpandMilliseconds >= 150)
        // Frame 200 plays once it arrived, on the 10 ms expand grid.
        let played = netEq.playoutMilliseconds[200] ?? 0
        #expect(played >= 4_220 && played < 4_230)
        // Ramjee and a fixed delay conceal the slots instead: the held frames are late.
        let ramjee = TimeScaledPlayout().run(trace, controller: RamjeeController())
        #expect(ramjee.late[200])
        #expect(ramjee.underrunExpandMilliseconds == 0)
        let fixed = TimeScaledPlayout().run(trace, controller: FixedDelayController(delayMilliseconds: 40))
        // Slots at 60 + 20 k ms: frames 200–207 arrive after theirs, 208 (slot 4220 ms) just in time.
        #expect((0..<400).filter { fixed.late[$0] } == Array(200...207))
    }
}
