/// The replay shared by the adaptive baselines: a receiver that plays 20 ms frames back to back
/// and moves its playout point by time-scaling (NetEq's accelerate and preemptive expand: one
/// pitch period, 2.5–15 ms, removed from or inserted into decoded audio), so every policy is
/// measured by the same mechanics and differs only in its decisions.
///
/// - Frame k plays at slot time t when it has arrived by t; at every slot (played or concealed)
///   the controller asks for an adjustment, bounded to `−maximumShrinkMilliseconds ...
///   maximumGrowthMilliseconds`, which moves the next slot to t + 20 ms + adjustment.
/// - Frame k missing at t: if a later frame has arrived (or the controller does not wait), the
///   slot is concealed and k is late if it arrives afterwards. Otherwise, with
///   ``PlayoutController/waitsOnUnderrun``, playout conceals in 10 ms steps until a frame arrives
///   (NetEq's expand): k then plays late in time but is not lost.
package struct TimeScaledPlayout {
    /// Largest shortening per 20 ms frame, ms (one pitch period removed).
    package var maximumShrinkMilliseconds = 15.0
    /// Largest lengthening per 20 ms frame, ms (one pitch period inserted, or a PLC frame).
    package var maximumGrowthMilliseconds = 20.0
    /// Expand (concealment) step while waiting on an underrun, ms (NetEq's 10 ms output block).
    package var expandStepMilliseconds = 10.0

    /// Default limits.
    package init() {}

    /// Replays `trace` through `controller`.
    package func run<Controller: PlayoutController>(_ trace: Trace, controller: Controller) -> PlayoutRecord {
        var controller = controller
        var record = PlayoutRecord(name: controller.name, frames: trace.count)
        let arrivals = trace.arrivals
        guard let first = arrivals.first else { return record }
        var arrived = Array(repeating: false, count: trace.count)
        var highestArrived = -1
        var index = 0
        func deliver(until time: Double) {
            while index < arrivals.count, arrivals[index].arrivalMilliseconds <= time {
                let (frame, arrival) = arrivals[index]
                arrived[frame] = true
                highestArrived = max(highestArrived, frame)
                controller.observe(frame: frame, mediaMilliseconds: trace.mediaMilliseconds(frame), arrivalMilliseconds: arrival)
                index += 1
            }
        }
        deliver(until: first.arrivalMilliseconds)
        // Frames before the first arrival are not played (they would be late if they come).
        var now = first.arrivalMilliseconds + max(0, controller.initialDelayMilliseconds)
        var k = first.frame
        var afterConcealment = false
        while k < trace.count {
            deliver(until: now)
            if !arrived[k], highestArrived < k, controller.waitsOnUnderrun, index < arrivals.count {
                // Underrun: expand in steps until something arrives.
                let next = arrivals[index].arrivalMilliseconds
                let steps = ((next - now) / expandStepMilliseconds).rounded(.up)
                now += max(1, steps) * expandStepMilliseconds
                record.underrunExpandMilliseconds += max(1, steps) * expandStepMilliseconds
                afterConcealment = true
                continue
            }
            let played = arrived[k]
            if played { record.playoutMilliseconds[k] = now }
            let wanted = controller.adjustment(
                nowMilliseconds: now, mediaMilliseconds: trace.mediaMilliseconds(k), played: played,
                afterConcealment: afterConcealment)
            now += Trace.frameMilliseconds + min(max(wanted, -maximumShrinkMilliseconds), maximumGrowthMilliseconds)
            afterConcealment = !played
            k += 1
        }
        for frame in 0..<trace.count where !trace.lost[frame] && record.playoutMilliseconds[frame] == nil {
            record.late[frame] = true
        }
        return record
    }
}
