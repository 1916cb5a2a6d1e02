/// What happened to the connection of a ``TCPReconnectingClient``.
package enum TCPConnectionEvent: Sendable, Equatable {
    /// Connection `number` is up (1 for the first, 2 after the first reconnection, …).
    case connected(number: Int)
    /// The connection closed (either side) or failed after `upFor`; a new attempt follows after `retryIn`.
    case closed(upFor: Duration, retryIn: Duration)
    /// A reconnection attempt failed with `reason`; the next follows after `retryIn`.
    case attemptFailed(reason: String, retryIn: Duration)
    /// A standby client's first attempt failed with `reason`: nothing answers on TCP yet.
    /// Attempts go on with backoff, without an event each, until one connects.
    case unavailable(reason: String, retryIn: Duration)
}
