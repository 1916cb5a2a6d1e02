/// How long ``TCPReconnectingClient`` waits before its next connection attempt.
///
/// The wait starts at ``initial`` and doubles after each attempt that fails (or whose connection
/// lasted less than ``stableAfter``) up to ``maximum``; a connection that stayed up for
/// ``stableAfter`` resets it. So a restarted peer is found again within about `initial`, while a
/// peer that is gone, or accepts and closes at once, costs one attempt per `maximum`.
package struct TCPReconnectBackoff: Sendable, Equatable {
    /// The first wait after a connection closes (default 250 ms).
    package var initial: Duration
    /// The longest wait between attempts (default 4 s).
    package var maximum: Duration
    /// How long a connection must stay up to reset the wait to ``initial`` (default 1 s).
    package var stableAfter: Duration

    package init(
        initial: Duration = .milliseconds(250), maximum: Duration = .seconds(4), stableAfter: Duration = .seconds(1)
    ) {
        self.initial = initial
        self.maximum = max(maximum, initial)
        self.stableAfter = stableAfter
    }

    /// The wait after `failures` unsuccessful attempts in a row (0: after a stable connection).
    package func delay(afterFailures failures: Int) -> Duration {
        var delay = initial
        for _ in 0..<max(failures, 0) {
            delay *= 2
            if delay >= maximum { return maximum }
        }
        return min(delay, maximum)
    }
}
