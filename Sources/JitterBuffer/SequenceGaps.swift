/// The last four gaps in sequence numbers that a packet opened past the highest one, with when
/// it arrived: when a reordered packet later fills one, how long it was overtaken for. Four
/// inline slots, no heap (it is updated on the receive path). Gaps never overlap: each starts
/// above the highest sequence number seen when it opened.
struct SequenceGaps: Sendable {
    private struct Gap: Sendable {
        var first: Int64 = 1
        var last: Int64 = 0  // empty while first > last
        var arrivalNanoseconds: Int64 = 0

        func arrival(filling sequence: Int64) -> Int64? {
            first <= sequence && sequence <= last ? arrivalNanoseconds : nil
        }
    }

    private var slot0 = Gap(), slot1 = Gap(), slot2 = Gap(), slot3 = Gap()
    private var next = 0

    /// Records that sequence numbers `first...last` were skipped by a packet arriving at `arrival` (ns).
    mutating func record(first: Int64, last: Int64, arrival: Int64) {
        let gap = Gap(first: first, last: last, arrivalNanoseconds: arrival)
        switch next {
        case 0: slot0 = gap
        case 1: slot1 = gap
        case 2: slot2 = gap
        default: slot3 = gap
        }
        next = (next + 1) % 4
    }

    /// When the packet that skipped `sequence` arrived (ns), nil if no remembered gap holds it.
    func arrival(filling sequence: Int64) -> Int64? {
        slot0.arrival(filling: sequence) ?? slot1.arrival(filling: sequence)
            ?? slot2.arrival(filling: sequence) ?? slot3.arrival(filling: sequence)
    }

    /// Forgets every gap (a new stream numbers its packets afresh).
    mutating func removeAll() {
        self = SequenceGaps()
    }
}
