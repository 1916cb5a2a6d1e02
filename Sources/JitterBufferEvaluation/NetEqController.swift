/// NetEq's playout decisions (WebRTC `modules/audio_coding/neteq/decision_logic.cc`, stable
/// delay mode) on top of ``NetEqDelayManager``:
///
/// - Playout delay: delay of the playout point relative to the fastest packet of the last 2 s
///   (``NetEqPacketArrivalHistory``).
/// - Below the target: preemptive expand. At or above `target + largest recent delay + 20 ms`:
///   accelerate; four times that: fast accelerate. At most one time-stretch per 50 ms
///   (`kMinTimescaleInterval`, 5 ticks of 10 ms), none right after an expand.
/// - Underrun: expand (concealment) until a packet arrives; the late packet then plays
///   (``TimeScaledPlayout/run(_:controller:)`` with ``waitsOnUnderrun``).
/// - Start: the first packet plays on arrival; the target (80 ms at first) is then reached by
///   preemptive expand.
/// - Times are NetEq's tick timer: the count of 10 ms `GetAudio` calls, so an arrival is seen
///   at the last tick before it (`tick_timer_->ticks() × ms_per_tick`).
package struct NetEqController: PlayoutController {
    package let name = "NetEq"
    package let initialDelayMilliseconds = 0.0
    package let waitsOnUnderrun = true
    /// One pitch period moved per accelerate / preemptive expand, ms (NetEq: 2.5–15 ms).
    package var stretchMilliseconds = 10.0

    private var history = NetEqPacketArrivalHistory()
    package private(set) var delayManager = NetEqDelayManager()
    private var lastStretchMilliseconds = -Double.infinity

    /// NetEq with its defaults.
    package init() {}

    /// NetEq's tick timer period, ms.
    static let tickMilliseconds = 10.0

    /// `time` on the tick timer: the last 10 ms tick at or before it.
    static func tick(_ time: Double) -> Double { (time / tickMilliseconds).rounded(.down) * tickMilliseconds }

    package mutating func observe(frame: Int, mediaMilliseconds: Double, arrivalMilliseconds: Double) {
        let arrivalMilliseconds = Self.tick(arrivalMilliseconds)
        history.insert(rtpMilliseconds: mediaMilliseconds, arrivalMilliseconds: arrivalMilliseconds)
        // `DecisionLogic::PacketArrived`: no estimate until two packets have arrived.
        guard history.count >= 2 else { return }
        let delay = history.delayMilliseconds(rtpMilliseconds: mediaMilliseconds, timeMilliseconds: arrivalMilliseconds)
        delayManager.update(
            arrivalDelayMilliseconds: delay, reordered: !history.isNewest(mediaMilliseconds),
            nowMilliseconds: arrivalMilliseconds)
    }

    package mutating func adjustment(nowMilliseconds: Double, mediaMilliseconds: Double, played: Bool, afterConcealment: Bool) -> Double {
        // `ExpectedPacketAvailable` only, and not right after an expand.
        guard played, !afterConcealment else { return 0 }
        let nowMilliseconds = Self.tick(nowMilliseconds)
        let playoutDelay = history.delayMilliseconds(rtpMilliseconds: mediaMilliseconds, timeMilliseconds: nowMilliseconds)
        let low = delayManager.targetMilliseconds
        let high = low + history.maximumDelayMilliseconds + 20
        if playoutDelay >= high * 4 { return -Trace.frameMilliseconds }
        guard nowMilliseconds - lastStretchMilliseconds >= 50 else { return 0 }
        if playoutDelay >= high {
            lastStretchMilliseconds = nowMilliseconds
            return -stretchMilliseconds
        }
        if playoutDelay < low {
            lastStretchMilliseconds = nowMilliseconds
            return stretchMilliseconds
        }
        return 0
    }
}
