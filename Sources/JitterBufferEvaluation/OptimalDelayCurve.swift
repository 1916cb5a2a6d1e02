/// The hindsight-optimal fixed playout delay of a trace: playing every frame exactly D ms after
/// it was sent, a frame is late when its one-way delay exceeds D, and every played frame's
/// delay is D. Late loss against D is a step function of the sorted delays; the least delay for
/// a given number of late frames m is the (m + 1)-th largest delay.
package struct OptimalDelayCurve: Sendable {
    /// Delays of the frames considered, largest first, ms.
    package let descendingDelaysMilliseconds: [Double]

    /// The curve over `delaysMilliseconds` (the delivered frames' one-way delays, ms).
    package init(delaysMilliseconds: [Double]) {
        descendingDelaysMilliseconds = delaysMilliseconds.sorted(by: >)
    }

    /// Frames on the curve (the denominator of the late-loss percentages).
    package var count: Int { descendingDelaysMilliseconds.count }

    /// Frames later than a fixed delay of `delayMilliseconds` (one-way delay > D).
    package func lateFrames(delayMilliseconds: Double) -> Int {
        // Binary search in the descending array for the first delay ≤ D.
        var low = 0
        var high = descendingDelaysMilliseconds.count
        while low < high {
            let middle = (low + high) / 2
            if descendingDelaysMilliseconds[middle] > delayMilliseconds { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Late loss (% of the frames) of a fixed delay of `delayMilliseconds`.
    package func lateLossPercent(delayMilliseconds: Double) -> Double {
        count == 0 ? 0 : 100 * Double(lateFrames(delayMilliseconds: delayMilliseconds)) / Double(count)
    }

    /// The least fixed delay (ms) with at most `lateFrames` late frames; 0 when every frame may be late.
    package func delayMilliseconds(lateFrames: Int) -> Double {
        guard lateFrames >= 0 else { return descendingDelaysMilliseconds.first ?? 0 }
        return lateFrames < count ? descendingDelaysMilliseconds[lateFrames] : 0
    }

    /// The least fixed delay (ms) whose late loss is at most `lateLossPercent`.
    package func delayMilliseconds(lateLossPercent: Double) -> Double {
        delayMilliseconds(lateFrames: Int((lateLossPercent / 100 * Double(count)).nextUp.rounded(.down)))
    }

    /// Points (delay ms, late loss %) of the curve at every distinct delay, thinned to at most
    /// `maximumPoints` evenly spaced in rank.
    package func points(maximumPoints: Int = 200) -> [(delayMilliseconds: Double, lateLossPercent: Double)] {
        guard count > 0 else { return [] }
        let step = max(1, count / max(1, maximumPoints))
        return stride(from: 0, to: count, by: step).map { rank in
            let delay = descendingDelaysMilliseconds[rank]
            return (delay, lateLossPercent(delayMilliseconds: delay))
        }
    }
}
