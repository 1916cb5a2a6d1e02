/// A fixed playout delay: the first frame plays `delayMilliseconds` after the first arrival and
/// every later one 20 ms after the previous, on the receiver's clock (no adaptation, no drift
/// compensation); a frame arriving after its slot is lost.
package struct FixedDelayController: PlayoutController {
    /// Delay after the first arrival, ms.
    package let delayMilliseconds: Double

    /// A fixed buffer of `delayMilliseconds`.
    package init(delayMilliseconds: Double) { self.delayMilliseconds = delayMilliseconds }

    package var name: String { "fixed \(Int(delayMilliseconds)) ms" }
    package var initialDelayMilliseconds: Double { delayMilliseconds }
    package var waitsOnUnderrun: Bool { false }
    package mutating func observe(frame: Int, mediaMilliseconds: Double, arrivalMilliseconds: Double) {}
    package mutating func adjustment(nowMilliseconds: Double, mediaMilliseconds: Double, played: Bool, afterConcealment: Bool) -> Double { 0 }
}
