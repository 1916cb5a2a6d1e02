import Testing
@testable import Stats

@Suite("RFC 3550 A.8 interarrival jitter")
struct InterarrivalJitterTests {
    /// 8 kHz clock, 20 ms packets (160 units). Arrivals (ms): 0, 20, 45, 60, 80, 110 →
    /// arrival units 0, 160, 360, 480, 640, 880; timestamps 0, 160, 320, 480, 640, 800;
    /// transit 0, 0, 40, 0, 0, 80; |D| = 0, 40, 40, 0, 80.
    private let arrivalsMilliseconds: [Int64] = [0, 20, 45, 60, 80, 110]

    @Test("Running value follows J += (|D| − J)/16 step by step, in both forms")
    func handComputedSequence() {
        var jitter = InterarrivalJitter(clockRateHertz: 8000)
        var expected = 0.0
        var expectedScaled: Int64 = 0 // RFC integer form: jitter·16
        let absoluteD: [Double] = [0, 40, 40, 0, 80]
        for (index, arrival) in arrivalsMilliseconds.enumerated() {
            jitter.update(rtpTimestamp: UInt32(index * 160), arrival: .milliseconds(arrival))
            guard index > 0 else {
                #expect(jitter.jitterTimestampUnits == 0)
                continue
            }
            let d = absoluteD[index - 1]
            expected += (d - expected) / 16
            expectedScaled += Int64(d) - ((expectedScaled + 8) >> 4)
            #expect(abs(jitter.jitterTimestampUnits - expected) < 1e-9)
            #expect(jitter.rfcJitterTimestampUnits == UInt32(expectedScaled >> 4))
        }
        // Written out: 0 → 2.5 → 4.84375 → 4.541015625 → 9.2572021484375.
        #expect(abs(jitter.jitterTimestampUnits - 9.2572021484375) < 1e-9)
        // Integer state: 0 → 40 → 77 → 72 → 147; 147 >> 4 = 9.
        #expect(jitter.rfcJitterTimestampUnits == 9)
        #expect(abs(jitter.jitterMilliseconds - 9.2572021484375 / 8) < 1e-9)
    }

    @Test("Same values through RTPReceptionStatistics")
    func throughReceptionStatistics() {
        var stats = RTPReceptionStatistics(clockRateHertz: 8000)
        // Sequence 0 starts probation and counts once the source is valid, so it is paced exactly
        // one packet before the first hand-made arrival (D = 0); 1...6 carry those arrivals.
        stats.record(sequenceNumber: 0, rtpTimestamp: 0 &- 160, arrival: .milliseconds(-20), payloadBytes: 0)
        for (index, arrival) in arrivalsMilliseconds.enumerated() {
            stats.record(
                sequenceNumber: UInt16(index + 1), rtpTimestamp: UInt32(index * 160),
                arrival: .milliseconds(arrival), payloadBytes: 10
            )
        }
        #expect(abs(stats.jitterTimestampUnits - 9.2572021484375) < 1e-9)
        let figures = stats.makeReportBlockFigures()
        #expect(figures?.jitter == 9)
    }

    @Test("Perfectly paced packets give jitter 0, across an RTP timestamp wrap and sub-unit offset")
    func pacedIsZero() {
        var jitter = InterarrivalJitter(clockRateHertz: 48_000)
        let start: UInt32 = 4_294_960_000 // wraps after a few packets
        for index in 0..<200 {
            // 20 ms = 960 units; a constant 0.3 ms (14.4 units) offset must not matter.
            let arrival = Duration.milliseconds(Int64(index) * 20) + .microseconds(300)
            jitter.update(rtpTimestamp: start &+ UInt32(index * 960), arrival: arrival)
        }
        #expect(jitter.jitterTimestampUnits < 1e-6)
        #expect(jitter.rfcJitterTimestampUnits == 0)
    }

    @Test("A constant delay step adds one |D| then decays")
    func stepDecays() {
        var jitter = InterarrivalJitter(clockRateHertz: 1000) // 1 unit = 1 ms
        jitter.update(rtpTimestamp: 0, arrival: .milliseconds(0))
        jitter.update(rtpTimestamp: 10, arrival: .milliseconds(26)) // D = 16
        #expect(jitter.jitterTimestampUnits == 1)
        jitter.update(rtpTimestamp: 20, arrival: .milliseconds(36)) // D = 0
        #expect(jitter.jitterTimestampUnits == 1 - 1.0 / 16)
    }

    @Test("Arrival offsets may be negative and cross zero (sub-second part normalised)")
    func negativeArrivals() {
        var jitter = InterarrivalJitter(clockRateHertz: 8000)
        for (index, arrival) in [-30, -10, 10, 30].enumerated() {
            // Paced 20 ms / 160 units, plus an extra 5 ms (40 units) on the third packet.
            let extra: Int64 = index == 2 ? 5 : 0
            jitter.update(rtpTimestamp: UInt32(index * 160), arrival: .milliseconds(Int64(arrival) + extra))
        }
        // |D| = 0, 40, 40 → 0, 2.5, 4.84375
        #expect(abs(jitter.jitterTimestampUnits - 4.84375) < 1e-9)
    }
}
