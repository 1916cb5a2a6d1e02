/// When the receiver must next visit a stream (#17): its next frame, or the moment it would end
/// — idle for `streamIdleTimeout` (2 s while on probation), or drained after BYE — whichever
/// comes first. With the end in the due time, no periodic sweep over every stream is needed.
extension ReceivedStream {
    /// The next visit in ns on the arrivals' timebase (`Int64.max`: never), saturating.
    func wakeNanoseconds(now: Duration, configuration: AudioReceiverConfiguration, isPrimary: Bool) -> Int64 {
        let idleLimit = isDecoding
            ? configuration.streamIdleTimeout
            : min(configuration.streamIdleTimeout, AudioReceiverCore.probationIdleTimeout)
        var wake = Self.sum(StreamTable.nanoseconds(lastArrival), StreamTable.nanoseconds(idleLimit))
        if isDecoding, !isPrimary, let goodbyeAt {
            wake = min(wake, Self.sum(StreamTable.nanoseconds(goodbyeAt), StreamTable.nanoseconds(configuration.drainAfterGoodbye)))
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
