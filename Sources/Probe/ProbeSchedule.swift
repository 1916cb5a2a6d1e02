/// The staggered schedule of one probe: every period of `every`, each peer is tested once, test
/// k of n starting at k × every / n into the period, so tests never all start at once.
///
/// A pure state machine: time (since the run's start) is passed in, so the schedule is tested
/// without sleeping. The peer list is read at the start of each period; a list reloaded during
/// a period applies from the next one, except that a peer removed meanwhile is not tested.
package struct ProbeSchedule: Sendable {
    /// The period, > 0.
    package let every: Duration
    /// The current period (0 from the run's start).
    package private(set) var period = 0
    /// The peers of the current period (nil before it has started), and the next one to test.
    private var periodPeers: [ProbePeer]?
    private var next = 0

    package init(every: Duration) {
        self.every = every
    }

    /// How far into a period test `index` of `count` starts: index × every / count.
    package func offset(ofTest index: Int, of count: Int) -> Duration {
        guard count > 0 else { return .zero }
        return every * (Double(index) / Double(count))
    }

    /// The tests due at `now` (since the run's start) given the current peer list, in order,
    /// and when to ask again.
    /// A probe that fell behind by a whole period or more (a stalled host) skips the missed
    /// periods instead of starting all their tests at once.
    package mutating func advance(now: Duration, peers: [ProbePeer]) -> (due: [ProbePeer], wake: Duration) {
        var due: [ProbePeer] = []
        while true {
            if periodPeers == nil {
                let current = Int(now / every)
                if current > period { period = current }
                periodPeers = peers
                next = 0
            }
            let planned = periodPeers ?? []
            let periodStart = every * period
            if next < planned.count {
                let start = periodStart + offset(ofTest: next, of: planned.count)
                guard start <= now else { return (due, start) }
                // The latest entry under that name (its address may have changed); none if removed.
                if let current = peers.first(where: { $0.name == planned[next].name }) { due.append(current) }
                next += 1
                continue
            }
            let nextPeriod = periodStart + every
            guard nextPeriod <= now else { return (due, nextPeriod) }
            period += 1
            periodPeers = nil
        }
    }
}
