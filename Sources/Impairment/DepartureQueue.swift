/// Departure times of the copies in the rate limiter, oldest first. Departures are
/// non-decreasing (one link serialises in order), so a FIFO with a moving head suffices.
struct DepartureQueue: Sendable, Hashable {
    private var departures: [Duration] = []
    private var head = 0

    /// Copies still queued or being serialised.
    var count: Int { departures.count - head }

    mutating func append(_ departure: Duration) {
        departures.append(departure)
    }

    /// Forgets copies that have left the link by `time` (departure <= time).
    mutating func removeDeparted(by time: Duration) {
        while head < departures.count, departures[head] <= time { head += 1 }
        // Compact once the dead prefix dominates, keeping appends amortised O(1).
        if head > 1024, head * 2 > departures.count {
            departures.removeFirst(head)
            head = 0
        }
    }
}
