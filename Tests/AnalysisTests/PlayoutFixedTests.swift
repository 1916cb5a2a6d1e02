import Stats
import Testing

@testable import Analysis

/// The fixed buffer on a hand-built arrival sequence, every figure worked out by hand below.
@Suite struct PlayoutFixedTests {
    /// 48 kHz, 20 ms frames (960 ticks). D = 50 ms. Arrival times in ms; media time = 20 × seq.
    /// Playout instant = first arrival (1000) + 50 + media. Capture order is arrival order (4 before 2).
    ///
    /// | seq | ts   | arrival | playout | outcome                 | transit − first's |
    /// |-----|------|---------|---------|-------------------------|-------------------|
    /// | 0   | 0    | 1000    | 1050    | in time                 | 0                 |
    /// | 1   | 960  | 1030    | 1070    | in time                 | 10                |
    /// | 2   | 1920 | 1095    | 1090    | late (5 ms)             | 55                |
    /// | 3   | —    | —       | 1110    | lost in the network     | —                 |
    /// | 4   | 3840 | 1075    | 1130    | in time (overtook 2)    | −5 (the fastest)  |
    /// | 5   | 4800 | 1150    | 1150    | in time (equal)         | 50                |
    /// | 5   | 4800 | 1160    | —       | duplicate, ignored      | —                 |
    /// | 6   | 5760 | 1171    | 1170    | late (1 ms)             | 51                |
    ///
    /// Received 6, late 2 → 33.33 %; expected 7 (seq 0…6), concealed 1 + 2 = 3 → 42.857 %.
    /// Playout delay = playout − (media + fastest transit) = (1000 + 50 + media) − (media + 995)
    /// = 55 ms for every played frame: mean = p99 = 55.
    static let arrivals: [(sequence: UInt16, timestamp: UInt32, arrivalMilliseconds: Int64)] = [
        (0, 0, 1000), (1, 960, 1030), (4, 3840, 1075), (2, 1920, 1095), (5, 4800, 1150), (5, 4800, 1160), (6, 5760, 1171),
    ]

    static func simulation(_ policies: [PlayoutPolicy]) throws -> PlayoutSimulation {
        var simulation = try PlayoutSimulation(policies: policies, clockRateHertz: 48_000, decodeOpus: false, wavPath: nil)
        for arrival in arrivals {
            simulation.arrival(
                sequenceNumber: arrival.sequence, timestamp: arrival.timestamp, marker: false,
                arrivalNanoseconds: arrival.arrivalMilliseconds * 1_000_000, payload: [0x55, 0x55][...])
        }
        return simulation
    }

    @Test func lateConcealedAndDelayByHand() throws {
        var simulation = try Self.simulation([.fixed(delayMilliseconds: 50)])
        let results = try simulation.finish()
        let result = try #require(results.first)
        #expect(results.count == 1)
        #expect(result.name == "fixed:50")
        #expect(abs(result.lateLossPercent - 100.0 * 2 / 6) < 1e-9)
        #expect(abs(result.concealedPercent - 100.0 * 3 / 7) < 1e-9)
        #expect(abs(result.meanPlayoutDelayMilliseconds - 55) < 1e-9)
        #expect(abs(result.p99PlayoutDelayMilliseconds - 55) < 1e-9)
        // G.107 by hand: Ta = 55 + 40 = 95 ms ≤ 100 → Idd = 0. G.711 + PLC: Ie = 0, Bpl = 25.1,
        // Ppl = 300/7 %: Ie,eff = 95 × Ppl / (Ppl + 25.1). R = 93.2 − Ie,eff.
        let loss = 300.0 / 7
        let expectedR = 93.2 - 95 * loss / (loss + 25.1)
        #expect(abs(result.rFactor - expectedR) < 1e-9)
        let expectedMOS = 1 + 0.035 * expectedR + expectedR * (expectedR - 60) * (100 - expectedR) * 7e-6
        #expect(abs(result.mos - expectedMOS) < 1e-9)
    }

    /// A longer delay: nothing late, and the delay grows by exactly the difference.
    @Test func longerDelayHasNoLateLoss() throws {
        var simulation = try Self.simulation([.fixed(delayMilliseconds: 50), .fixed(delayMilliseconds: 200)])
        let results = try simulation.finish()
        #expect(results.map(\.name) == ["fixed:50", "fixed:200"])
        #expect(results[1].lateLossPercent == 0)
        #expect(abs(results[1].concealedPercent - 100.0 / 7) < 1e-9)
        #expect(abs(results[1].meanPlayoutDelayMilliseconds - 205) < 1e-9)
    }

    /// The delay curve of the same trace: relative transits on the 1 ms grid are 0, 10, 55, −5,
    /// 50, 51 → above the fastest: 5, 15, 60, 0, 55, 56. Late at d = packets with more than d.
    @Test func delayCurveByHand() throws {
        let simulation = try Self.simulation([.fixed(delayMilliseconds: 50)])
        let curve = simulation.delayCurve
        try #require(curve.count == 61)  // 0 … 60 ms in 1 ms steps
        #expect(curve.first == PlayoutDelayPoint(delayMilliseconds: 0, lateLossPercent: 500.0 / 6))
        #expect(curve[5].lateLossPercent == 400.0 / 6)
        #expect(curve[15].lateLossPercent == 300.0 / 6)
        #expect(curve[55].lateLossPercent == 200.0 / 6)
        #expect(curve[56].lateLossPercent == 100.0 / 6)
        #expect(curve.last == PlayoutDelayPoint(delayMilliseconds: 60, lateLossPercent: 0))
        #expect(simulation.delayNeeded(forLateLossPercent: 0) == 60)
        #expect(simulation.delayNeeded(forLateLossPercent: 20) == 56)
        #expect(simulation.delayNeeded(forLateLossPercent: 50) == 15)
        #expect(simulation.delayNeeded(forLateLossPercent: 100) == 0)
    }

    @Test func emptyStreamGivesZeros() throws {
        var simulation = try PlayoutSimulation(policies: PlayoutPolicy.defaults, clockRateHertz: 8_000, decodeOpus: false, wavPath: nil)
        let results = try simulation.finish()
        #expect(results.count == 3)
        #expect(results.allSatisfy { $0.lateLossPercent == 0 && $0.mos == 1 })
        #expect(simulation.delayCurve.isEmpty)
        #expect(simulation.delayNeeded(forLateLossPercent: 1) == nil)
        #expect(throws: PlayoutSimulationError.alreadyFinished) { try simulation.finish() }
        #expect(throws: PlayoutSimulationError.invalidClockRate(10)) {
            try PlayoutSimulation(policies: [.adaptive], clockRateHertz: 10, decodeOpus: false, wavPath: nil)
        }
    }
}
