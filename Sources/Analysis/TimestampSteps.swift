/// DTX and marker gaps: the RTP timestamp moved more than one packet interval between two
/// consecutive sequence numbers (the sender paused, nothing was lost). The packet interval is
/// the smallest positive step seen at least twice; a gap is a step over 1.5 of it.
struct TimestampSteps: Sendable {
    /// Distinct steps remembered while looking for the interval (bounded memory).
    static let remembered = 64

    private var seenOnce: Set<UInt32> = []
    /// The stream's packet interval in timestamp units, once known.
    private(set) var packetStep: UInt32?
    private(set) var gaps = 0

    /// The timestamp step between consecutive sequence numbers (wrapping difference).
    mutating func record(step: UInt32) {
        guard step > 0, step < 0x8000_0000 else { return }
        if let packetStep, step > packetStep + packetStep / 2 {
            gaps += 1
            return
        }
        if seenOnce.contains(step) {
            if packetStep.map({ step < $0 }) ?? true { packetStep = step }
        } else if seenOnce.count < Self.remembered {
            seenOnce.insert(step)
        }
    }
}
