/// An adaptive playout policy driven by ``TimeScaledPlayout``: it sees every arrival (in arrival
/// order) and, at each frame boundary, says how to move the playout point. All times are ms on
/// the receiver's clock; media times are RTP timestamps in ms.
package protocol PlayoutController {
    /// Name in tables and plots.
    var name: String { get }
    /// Extra delay (ms) after the first arrival before the first frame plays.
    var initialDelayMilliseconds: Double { get }
    /// Whether an underrun (the due frame missing and nothing later buffered) stalls playout by
    /// concealment until a packet arrives (NetEq's expand), instead of skipping the slot.
    var waitsOnUnderrun: Bool { get }
    /// One arrival: frame `frame` with media time `mediaMilliseconds` arrived at `arrivalMilliseconds`.
    mutating func observe(frame: Int, mediaMilliseconds: Double, arrivalMilliseconds: Double)
    /// Called at each slot: the frame with media time `mediaMilliseconds` starts to play at
    /// `nowMilliseconds` (`played`), or its slot is concealed (not `played`); `afterConcealment`
    /// when the previous slot was concealed or an underrun was expanded. Returns how much to
    /// lengthen (+) or shorten (−) the playout before the next slot, ms; ``TimeScaledPlayout``
    /// bounds it to what time-scaling can do.
    mutating func adjustment(nowMilliseconds: Double, mediaMilliseconds: Double, played: Bool, afterConcealment: Bool) -> Double
}
