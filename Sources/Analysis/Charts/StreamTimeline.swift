/// A bounded time series of one stream for the analysis charts: transit delay and jitter per
/// arrival, and loss bursts; when full, neighbouring points are merged, so memory stays bounded
/// whatever the capture's length.
public struct StreamTimeline: Sendable {
    /// Most points kept per series.
    public let capacity: Int

    public init(capacity: Int = 2_000) {
        self.capacity = capacity
    }

    /// One received packet: its arrival, transit (arrival − RTP timestamp as time, relative to
    /// the fastest packet so far), and the RFC 3550 jitter after it, in ms.
    public mutating func record(arrivalNanoseconds: Int64, transitMilliseconds: Double, jitterMilliseconds: Double) {}

    /// A run of `packets` lost packets detected at `arrivalNanoseconds`.
    public mutating func recordLoss(arrivalNanoseconds: Int64, packets: Int) {}
}
