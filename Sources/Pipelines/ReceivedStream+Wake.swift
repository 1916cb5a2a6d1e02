/// When the receiver must next visit a stream (#17): its next frame, or the moment it would end
/// — idle for `streamIdleTimeout` (2 s while on probation), or drained after BYE — whichever
/// comes first. With the end in the due time, no periodic sweep over every stream is needed.
extension ReceivedStream {
    /// The next visit in ns on the arrivals' timebase (`Int64.max`: never), saturating.
    /// Mutating only to read the playout path in place (see ``nextTickTime(now:)``).
    mutating func wakeNanoseconds(now: Duration, limits: StreamLimits, isPrimary: Bool) -> Int64 {
        let idleLimit = isDecoding
            ? limits.streamIdleTimeout
            : min(limits.streamIdleTimeout, AudioReceiverCore.probationIdleTimeout)
        var wake = Self.sum(StreamTable.nanoseconds(lastArrival), StreamTable.nanoseconds(idleLimit))
        if isDecoding, !isPrimary, let goodbyeAt {
            wake = min(wake, Self.sum(StreamTable.nanoseconds(goodbyeAt), StreamTable.nanoseconds(limits.drainAfterGoodbye)))
        }
        if let tick = nextTickTime(now: now) { wake = min(wake, StreamTable.nanoseconds(tick)) }
        return wake
    }

    /// `a + b`, saturated to the `Int64` range.
    private static func sum(_ a: Int64, _ b: Int64) -> Int64 {
        let (total, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b < 0 ? .min : .max) : total
    }
}

/// The two settings a stream's due time and end depend on, taken from the receiver's
/// configuration once per packet or tick: passing the whole configuration (432 bytes) copied it
/// on every packet.
struct StreamLimits {
    var streamIdleTimeout: Duration
    var drainAfterGoodbye: Duration

    init(_ configuration: AudioReceiverConfiguration) {
        streamIdleTimeout = configuration.streamIdleTimeout
        drainAfterGoodbye = configuration.drainAfterGoodbye
    }
}
