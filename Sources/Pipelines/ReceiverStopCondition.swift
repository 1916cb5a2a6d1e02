/// When a receiver stops (besides cancellation, e.g. Ctrl-C).
public struct ReceiverStopCondition: Sendable, Equatable {
    /// Stop this long after the receiver started.
    public var duration: Duration?
    /// Stop when no datagram has arrived for this long, counted from the first one.
    public var idle: Duration?

    public init(duration: Duration? = nil, idle: Duration? = nil) {
        self.duration = duration
        self.idle = idle
    }

    /// Whether to stop at `now`, given when the last datagram arrived (same timebase).
    public func shouldStop(now: Duration, lastArrival: Duration?) -> Bool {
        if let duration, now >= duration { return true }
        if let idle, let lastArrival, now - lastArrival >= idle { return true }
        return false
    }
}
