/// Lost packets detected around one time of a ``StreamTimeline``: one loss run, or several
/// neighbouring runs merged.
public struct TimelineLossMark: Sendable, Equatable {
    /// Capture time of the first and last run merged here, ns.
    public var startNanoseconds: Int64
    public var endNanoseconds: Int64
    /// Lost packets in the merged runs.
    public var packets: Int
    /// Runs merged.
    public var runs: Int
}
