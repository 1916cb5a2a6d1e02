/// One point of a ``StreamTimeline``: one arrival, or several neighbouring ones merged.
public struct TimelinePoint: Sendable, Equatable {
    /// Capture time of the first and last arrival merged here, ns.
    public var startNanoseconds: Int64
    public var endNanoseconds: Int64
    /// Lowest and highest transit of the merged arrivals, ms above the fastest packet so far.
    public var transitMinimumMilliseconds: Double
    public var transitMaximumMilliseconds: Double
    /// Highest RFC 3550 jitter after any of the merged arrivals, ms.
    public var jitterMaximumMilliseconds: Double
    /// Arrivals merged.
    public var packets: Int

    /// `other` (later) merged into this point.
    func merged(with other: TimelinePoint) -> TimelinePoint {
        TimelinePoint(
            startNanoseconds: min(startNanoseconds, other.startNanoseconds),
            endNanoseconds: max(endNanoseconds, other.endNanoseconds),
            transitMinimumMilliseconds: min(transitMinimumMilliseconds, other.transitMinimumMilliseconds),
            transitMaximumMilliseconds: max(transitMaximumMilliseconds, other.transitMaximumMilliseconds),
            jitterMaximumMilliseconds: max(jitterMaximumMilliseconds, other.jitterMaximumMilliseconds),
            packets: packets + other.packets)
    }
}
