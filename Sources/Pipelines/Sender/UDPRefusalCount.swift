import Synchronization

/// UDP datagrams of a `udp` run that did not leave this host (see ``UDPSendFailure``): the run
/// goes on (the receiver counts them lost) and the summary says how many.
final class UDPRefusalCount: Sendable {
    private let count = Atomic<Int>(0)

    /// Counts one; returns the count so far.
    func note() -> Int { count.add(1, ordering: .relaxed).newValue }

    var value: Int { count.load(ordering: .relaxed) }
}
