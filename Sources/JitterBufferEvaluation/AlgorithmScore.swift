/// One algorithm's delivered playout on one trace, against the hindsight-optimal fixed delay.
/// "Steady state" is every frame sent at or after 1 s; the first second is reported apart.
package struct AlgorithmScore: Sendable {
    /// Algorithm name.
    package var name: String
    /// Mean delivered delay (playout start − send time, ms) of the frames played in steady state.
    package var meanDelayMilliseconds: Double
    /// Frames delivered by the network in steady state that arrived after their slot.
    package var lateFrames: Int
    /// Frames delivered by the network in steady state.
    package var deliveredFrames: Int
    /// Late frames among those sent in the first second.
    package var firstSecondLateFrames: Int
    /// The least fixed delay with the same number of late frames in steady state, ms.
    package var optimumDelayMilliseconds: Double
    /// Frames delivered in steady state, on time, but never played (Jitterbug's buffer discards a
    /// whole frame to shrink its delay; the time-scaling replays never discard).
    package var discardedFrames: Int
    /// Concealment while waiting on underruns over the whole trace, ms (``PlayoutRecord``).
    package var underrunExpandMilliseconds: Double

    /// Late loss in steady state, % of delivered frames.
    package var lateLossPercent: Double { deliveredFrames == 0 ? 0 : 100 * Double(lateFrames) / Double(deliveredFrames) }

    /// Mean delay ÷ the optimum's delay at the same late loss (1.0 = optimal; nil when the
    /// optimum is 0 ms or nothing was played).
    package var ratioToOptimum: Double? {
        optimumDelayMilliseconds > 0 && meanDelayMilliseconds > 0 ? meanDelayMilliseconds / optimumDelayMilliseconds : nil
    }

    /// Scores `record` on `trace` against `curve` (built from the same steady-state frames).
    package init(record: PlayoutRecord, trace: Trace, curve: OptimalDelayCurve, steadyFromMilliseconds: Double = 1_000) {
        name = record.name
        var delaySum = 0.0
        var played = 0
        var late = 0
        var delivered = 0
        var firstLate = 0
        var discarded = 0
        for k in 0..<trace.count where !trace.lost[k] {
            let send = trace.sendMilliseconds(k)
            guard send >= steadyFromMilliseconds else {
                if record.late[k] { firstLate += 1 }
                continue
            }
            delivered += 1
            if record.late[k] { late += 1 }
            if let playout = record.playoutMilliseconds[k] {
                delaySum += playout - send
                played += 1
            } else if !record.late[k] {
                discarded += 1
            }
        }
        meanDelayMilliseconds = played == 0 ? 0 : delaySum / Double(played)
        lateFrames = late
        deliveredFrames = delivered
        firstSecondLateFrames = firstLate
        discardedFrames = discarded
        optimumDelayMilliseconds = curve.delayMilliseconds(lateFrames: late)
        underrunExpandMilliseconds = record.underrunExpandMilliseconds
    }
}
