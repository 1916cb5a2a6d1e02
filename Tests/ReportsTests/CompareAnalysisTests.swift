import Reports
import Stats
import Testing

#if canImport(CompareSession)
import CompareSession
#else
#endif

@Suite("compare: path analysis")
struct CompareAnalysisTests {
    @Test("late, lost and on time at a given playout delay (deadline inclusive)")
    func lateAndLostCounts() throws {
        // Minimum delay 10 ms; D = 20 ms → deadline 30 ms. 30 is on time, 70 is late, two lost.
        let measurement = try CompareFixture.measurement(delaysMilliseconds: [10, 12, 30, nil, 15, 70, nil, 10, 11, 10])
        let analysis = try PathAnalysis(measurement: measurement, playoutDelayMilliseconds: 20)
        #expect(analysis.packetsSent == 10)
        #expect(analysis.onTimePackets == 7)
        #expect(analysis.latePackets == 1)
        #expect(analysis.lostPackets == 2)
        #expect(analysis.latePercent == 10)
        #expect(analysis.lostPercent == 20)
        #expect(analysis.concealedPercent == 30)
        #expect(analysis.minimumOneWayDelayMilliseconds == 10)
        // D = 60 → deadline 70 ms: nothing late, the lost stay lost.
        let generous = try PathAnalysis(measurement: measurement, playoutDelayMilliseconds: 60)
        #expect(generous.latePackets == 0 && generous.lostPackets == 2 && generous.onTimePackets == 8)
    }

    @Test("latency percentiles are nearest-rank over arrived packets")
    func percentiles() throws {
        let delays: [Double?] = (1...100).map { Double($0) } + [nil]
        let analysis = try PathAnalysis(measurement: CompareFixture.measurement(delaysMilliseconds: delays), playoutDelayMilliseconds: 20)
        #expect(analysis.latencyP50Milliseconds == 50)
        #expect(analysis.latencyP95Milliseconds == 95)
        #expect(analysis.latencyP99Milliseconds == 99)
        #expect(analysis.latencyMaxMilliseconds == 100)
    }

    @Test("RFC 3550 A.8 jitter, hand computed")
    func jitter() throws {
        // |D| = 10 ms three times: J = 10/16, then J += (10 − J)/16 twice.
        let analysis = try PathAnalysis(measurement: CompareFixture.measurement(delaysMilliseconds: [10, 20, 10, 20]), playoutDelayMilliseconds: 20)
        var expected = 0.0
        for _ in 0..<3 { expected += (10 - expected) / 16 }
        #expect(abs(analysis.jitterMilliseconds - expected) < 1e-9)
        #expect(abs(expected - 1.76025390625) < 1e-12)
    }

    @Test("head-of-line stalls: gaps > 3 frames while the sender kept sending")
    func stalls() throws {
        // 50 packets every 20 ms, 10 ms delay, TCP-like in-order release:
        // packet 10 (sent 200) is retransmitted and arrives at 500, holding 11…24 until then
        // (gap 190 → 500 = 310 ms); packet 35 (sent 700) arrives at 800, holding 36…39 (gap 690 → 800).
        let sends = (0..<50).map { Double($0) * 20 }
        var arrivals: [Double?] = sends.map { $0 + 10 }
        for index in 10...24 { arrivals[index] = 500 }
        for index in 35...39 { arrivals[index] = 800 }
        let analysis = try PathAnalysis(measurement: CompareFixture.measurement(sendsMilliseconds: sends, arrivalsMilliseconds: arrivals), playoutDelayMilliseconds: 20)
        #expect(analysis.stalls == ArrivalStalls(count: 2, totalMilliseconds: 420, longestMilliseconds: 310))
    }

    @Test("no stall when the sender paused, or the gap is exactly 3 frames")
    func notStalls() throws {
        // Sender pauses between 180 and 700 ms: the arrival gap is not a stall.
        let paused = (0..<10).map { Double($0) * 20 } + (0..<10).map { 700 + Double($0) * 20 }
        let pausedMeasurement = try CompareFixture.measurement(sendsMilliseconds: paused, arrivalsMilliseconds: paused.map { $0 + 10 })
        #expect(ArrivalStalls(measurement: pausedMeasurement).count == 0)
        // Two packets lost in a row on a steady stream: arrivals 50 → 110, gap 60 ms = 3 frames, not > 3.
        let steady = (0..<10).map { Double($0) * 20 }
        var arrivals: [Double?] = steady.map { $0 + 10 }
        arrivals[3] = nil
        arrivals[4] = nil
        #expect(ArrivalStalls(measurement: try CompareFixture.measurement(sendsMilliseconds: steady, arrivalsMilliseconds: arrivals)).count == 0)
        // A third lost packet makes it 80 ms: one stall.
        arrivals[5] = nil
        let three = ArrivalStalls(measurement: try CompareFixture.measurement(sendsMilliseconds: steady, arrivalsMilliseconds: arrivals))
        #expect(three == ArrivalStalls(count: 1, totalMilliseconds: 80, longestMilliseconds: 80))
    }

    @Test("deadline sweep: 20…1000 ms in 10 ms steps, late loss never increases")
    func sweepMonotonic() throws {
        let delays = CompareFixture.pseudoRandomDelays(count: 3000, baseMilliseconds: 5, spreadMilliseconds: 900, seed: 42)
        let sweep = try DeadlineSweep(measurement: CompareFixture.measurement(delaysMilliseconds: delays))
        #expect(sweep.points.count == 99)
        #expect(sweep.points.first?.delayMilliseconds == 20)
        #expect(sweep.points.last?.delayMilliseconds == 1000)
        for (earlier, later) in zip(sweep.points, sweep.points.dropFirst()) {
            #expect(later.lateLossPercent <= earlier.lateLossPercent)
        }
        // Spread 900 ms < 1000 ms: nothing is late at the end, though packets were lost.
        #expect(sweep.points.last?.lateLossPercent == 0)
        #expect((sweep.points.first?.lateLossPercent ?? 0) > 50)
    }

    @Test("smallest delay for ≤ 1% late loss, exact on a crafted case")
    func smallestDelay() throws {
        // 100 packets, fastest 10 ms: one 50 ms above (on time at D = 50, inclusive), one 75 ms above.
        var delays: [Double?] = Array(repeating: 10, count: 100)
        delays[30] = 60
        delays[70] = 85
        let measurement = try CompareFixture.measurement(delaysMilliseconds: delays)
        let sweep = try DeadlineSweep(measurement: measurement)
        #expect(sweep.points.first { $0.delayMilliseconds == 40 }?.lateLossPercent == 2)
        #expect(sweep.points.first { $0.delayMilliseconds == 50 }?.lateLossPercent == 1)
        #expect(sweep.points.first { $0.delayMilliseconds == 80 }?.lateLossPercent == 0)
        #expect(sweep.smallestDelayMilliseconds(forLateLossPercent: 1) == 50)
        #expect(sweep.smallestDelayMilliseconds(forLateLossPercent: 0) == 80)
        let analysis = try PathAnalysis(measurement: measurement, playoutDelayMilliseconds: 20)
        #expect(analysis.smallestDelayForOnePercentLateLossMilliseconds == 50)
        // Unreachable: 2 of 10 packets 2 s late → 20 % at every swept delay.
        let hopeless = try CompareFixture.measurement(delaysMilliseconds: [10, 2010, 10, 10, 2010, 10, 10, 10, 10, 10])
        #expect(try DeadlineSweep(measurement: hopeless).smallestDelayMilliseconds(forLateLossPercent: 1) == nil)
    }

    @Test("goodput counts on-time payload only; overhead is header share of wire bytes")
    func goodputAndOverhead() throws {
        // 50 packets × 20 ms = 1 s of media; 5 lost, 5 late at D = 20 → 40 × 100 B × 8 = 32 kbit/s.
        let delays: [Double?] = (0..<50).map { $0 < 5 ? nil : ($0 < 10 ? 200 : 10) }
        let analysis = try PathAnalysis(measurement: CompareFixture.measurement(delaysMilliseconds: delays), playoutDelayMilliseconds: 20)
        #expect(abs(analysis.goodputKilobitsPerSecond - 32) < 1e-9)
        #expect(abs(analysis.headerOverheadPercent - 37.5) < 1e-9)
    }

    @Test("MOS is the Stats E-model estimate at Ta = min delay + D + one frame")
    func mosEstimate() throws {
        let clean = try PathAnalysis(measurement: CompareFixture.measurement(delaysMilliseconds: Array(repeating: 30, count: 50)), playoutDelayMilliseconds: 100)
        #expect(clean.mouthToEarDelayEstimateMilliseconds == 150)
        let expectedR = EModel.rFactor(oneWayDelayMilliseconds: 150, packetLossPercent: 0, codec: .opusProvisional)
        #expect(abs(clean.rFactorEstimate - expectedR) < 1e-9)
        #expect(abs(clean.mosEstimate - EModel.mos(rFactor: expectedR)) < 1e-9)
        let lossy = try PathAnalysis(
            measurement: CompareFixture.measurement(delaysMilliseconds: (0..<50).map { $0 % 10 == 0 ? nil : 30 }), playoutDelayMilliseconds: 100
        )
        #expect(lossy.mosEstimate < clean.mosEstimate)
        #expect(lossy.burstRatio < 1) // isolated losses: smoother than random
    }

    @Test("bad input throws instead of trapping")
    func validation() throws {
        #expect(throws: CompareError.self) {
            try PathMeasurement(path: "udp", measurement: "x", frameDurationMicroseconds: 20_000, sendOffsetMicroseconds: [0, 1],
                                arrivalOffsetMicroseconds: [1], wireBytes: [1, 1], payloadBytes: [1, 1])
        }
        #expect(throws: CompareError.invalidFrameDuration(microseconds: 0)) {
            try PathMeasurement(path: "udp", measurement: "x", frameDurationMicroseconds: 0, sendOffsetMicroseconds: [],
                                arrivalOffsetMicroseconds: [], wireBytes: [], payloadBytes: [])
        }
        #expect(throws: CompareError.invalidByteCount(path: "udp", packetIndex: 0)) {
            try CompareFixture.measurement(delaysMilliseconds: [10], payloadBytes: 200, wireBytes: 100)
        }
        // Offsets that would overflow Int64 arithmetic (arrival − send) are rejected up front.
        #expect(throws: CompareError.valueOutOfRange(path: "udp", field: "arrival offset")) {
            try PathMeasurement(path: "udp", measurement: "x", frameDurationMicroseconds: 20_000, sendOffsetMicroseconds: [-1],
                                arrivalOffsetMicroseconds: [Int64.max], wireBytes: [1], payloadBytes: [1])
        }
        let measurement = try CompareFixture.measurement(delaysMilliseconds: [10])
        #expect(throws: CompareError.self) { try PathAnalysis(measurement: measurement, playoutDelayMilliseconds: -1) }
        #expect(throws: CompareError.self) { try PathAnalysis(measurement: measurement, playoutDelayMilliseconds: .nan) }
        #expect(throws: CompareError.self) { try DeadlineSweep(measurement: measurement, stepMilliseconds: 0) }
        #expect(throws: CompareError.self) { try DeadlineSweep(measurement: measurement, fromMilliseconds: 100, toMilliseconds: 50) }
        // Nothing arrived: no percentiles, everything lost, no crash.
        let silent = try PathAnalysis(measurement: CompareFixture.measurement(delaysMilliseconds: [nil, nil]), playoutDelayMilliseconds: 20)
        #expect(silent.latencyP99Milliseconds == nil && silent.lostPackets == 2 && silent.concealedPercent == 100)
    }
}
