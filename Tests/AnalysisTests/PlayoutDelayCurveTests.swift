import Testing

@testable import Analysis

/// The delay curve and the fixed buffers against a brute-force computation over a seeded trace.
@Suite struct PlayoutDelayCurveTests {
    /// Each distinct packet's transit relative to the first arrival's, ns, computed directly
    /// from the trace's frame indices (media time = index × 20 ms, exact at 48 kHz).
    static func relativeTransits(_ trace: PlayoutTrace) -> [Int64] {
        var seen = Set<Int>()
        var transits: [Int64] = []
        guard let first = trace.packets.first else { return [] }
        let firstTransit = first.arrivalNanoseconds - Int64(first.index) * PlayoutTrace.frameNanoseconds
        for packet in trace.packets where seen.insert(packet.index).inserted {
            transits.append(packet.arrivalNanoseconds - Int64(packet.index) * PlayoutTrace.frameNanoseconds - firstTransit)
        }
        return transits
    }

    /// Floor division onto the 1 ms grid.
    static func bucket(_ nanoseconds: Int64) -> Int64 {
        nanoseconds >= 0 ? nanoseconds / 1_000_000 : -((-nanoseconds + 999_999) / 1_000_000)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func curveMatchesBruteForce(seed: UInt64) throws {
        let trace = PlayoutTrace(seed: seed, frames: 3_000)
        var simulation = try PlayoutSimulation(
            policies: [.fixed(delayMilliseconds: 50), .fixed(delayMilliseconds: 200)], clockRateHertz: 48_000,
            decodeOpus: false, wavPath: nil)
        trace.replay(into: &simulation)
        let transits = Self.relativeTransits(trace)
        let buckets = transits.map(Self.bucket)
        let lowest = try #require(buckets.min())
        let highest = try #require(buckets.max())
        let lateAt = { (delay: Int64) in buckets.filter { $0 - lowest > delay }.count }

        let curve = simulation.delayCurve
        #expect(curve.count <= 200)
        #expect(curve.count >= 2)
        #expect(curve.first?.delayMilliseconds == 0)
        #expect(curve.last?.delayMilliseconds == Double(highest - lowest))
        #expect(curve.last?.lateLossPercent == 0)
        for point in curve {
            let expected = 100 * Double(lateAt(Int64(point.delayMilliseconds))) / Double(transits.count)
            #expect(point.lateLossPercent == expected, "at \(point.delayMilliseconds) ms")
        }
        for target in [0.0, 0.1, 1, 5, 50] {
            let brute = (0...(highest - lowest)).first { 100 * Double(lateAt($0)) / Double(transits.count) <= target }
            #expect(simulation.delayNeeded(forLateLossPercent: target) == brute.map(Double.init), "for \(target) %")
        }

        // The fixed buffers: late when the transit exceeds the first packet's by more than D.
        let results = try simulation.finish()
        let minimum = try #require(transits.min())
        for (result, delay) in zip(results, [Int64(50), 200]) {
            let late = transits.filter { $0 > delay * 1_000_000 }.count
            #expect(abs(result.lateLossPercent - 100 * Double(late) / Double(transits.count)) < 1e-9)
            let expectedDelay = Double(delay) - Double(minimum) / 1e6
            #expect(abs(result.meanPlayoutDelayMilliseconds - expectedDelay) < 1e-6)
            let frames = Double(trace.packets.map(\.index).max() ?? 0) + 1
            let concealed = frames - Double(transits.count) + Double(late)
            #expect(abs(result.concealedPercent - 100 * concealed / frames) < 1e-9)
        }
        #expect(results[0].lateLossPercent > results[1].lateLossPercent)
    }
}
