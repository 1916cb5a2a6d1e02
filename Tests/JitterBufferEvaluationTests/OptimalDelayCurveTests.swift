import Testing

@testable import JitterBufferEvaluation

@Suite struct OptimalDelayCurveTests {
    /// Seven delays written out: sorted largest first 50, 40, 35, 30, 25, 20, 10.
    let delays: [Double] = [10, 30, 20, 50, 40, 25, 35]

    /// Brute force: the least D on a 0.5 ms grid (the delays are whole ms) with at most `late`
    /// delays above it.
    func bruteForceDelay(late: Int) -> Double {
        var delay = 0.0
        while delays.filter({ $0 > delay }).count > late { delay += 0.5 }
        return delay
    }

    @Test func leastDelayForEachLateCountMatchesBruteForce() {
        let curve = OptimalDelayCurve(delaysMilliseconds: delays)
        for late in 0..<delays.count {
            #expect(curve.delayMilliseconds(lateFrames: late) == bruteForceDelay(late: late), "late \(late)")
        }
        // By hand: no late frame needs the largest delay; one late frame the second largest.
        #expect(curve.delayMilliseconds(lateFrames: 0) == 50)
        #expect(curve.delayMilliseconds(lateFrames: 1) == 40)
        #expect(curve.delayMilliseconds(lateFrames: 6) == 10)
        #expect(curve.delayMilliseconds(lateFrames: 7) == 0)
    }

    @Test func lateLossAtEveryDelayMatchesCounting() {
        let curve = OptimalDelayCurve(delaysMilliseconds: delays)
        var delay = -1.0
        while delay <= 60 {
            let counted = delays.filter { $0 > delay }.count
            #expect(curve.lateFrames(delayMilliseconds: delay) == counted, "D \(delay)")
            #expect(abs(curve.lateLossPercent(delayMilliseconds: delay) - 100 * Double(counted) / 7) < 1e-9)
            delay += 0.25
        }
        // A delay equal to a frame's delay plays that frame (late means strictly later).
        #expect(curve.lateFrames(delayMilliseconds: 35) == 2)
    }

    @Test func leastDelayForALateLossPercentage() {
        let curve = OptimalDelayCurve(delaysMilliseconds: delays)
        // 1 of 7 frames is 14.29 %: at 14.3 % one frame may be late, at 14.2 % none.
        #expect(curve.delayMilliseconds(lateLossPercent: 14.3) == 40)
        #expect(curve.delayMilliseconds(lateLossPercent: 14.2) == 50)
        #expect(curve.delayMilliseconds(lateLossPercent: 100 / 7) == 40)
        #expect(curve.delayMilliseconds(lateLossPercent: 0) == 50)
    }

    @Test func pointsAreMonotone() {
        let curve = OptimalDelayCurve(delaysMilliseconds: Trace.gaussian(frames: 3_000).delayMilliseconds)
        let points = curve.points(maximumPoints: 50)
        #expect(points.count >= 50 && points.count <= 51)
        for (earlier, later) in zip(points, points.dropFirst()) {
            #expect(later.delayMilliseconds <= earlier.delayMilliseconds)
            #expect(later.lateLossPercent >= earlier.lateLossPercent)
        }
    }
}
