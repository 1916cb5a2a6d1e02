/// One stream's figures for one interval: a point of the page's charts. Counts are the
/// interval's increase of the stream's cumulative totals; delays and jitter are the values at
/// the interval's end. JSON keys are snake_case (docs/web-events.md).
package struct StreamPoint: Sendable, Equatable, Codable {
    /// Interval end, seconds since the receiver started (the `--jsonl` record's `t_end_s`).
    package var endSeconds: Double
    /// Distinct packets received in the interval.
    package var packets: Int64
    /// Packets expected in the interval (sequence numbers).
    package var expected: Int64
    /// Sequence numbers of the interval never received.
    package var lost: Int64
    /// lost / expected × 100, 0 when nothing was expected.
    package var lostPercent: Double
    /// Packets that came after their playout time (late loss), in the interval.
    package var late: Int64
    /// late / expected × 100, 0 when nothing was expected.
    package var latePercent: Double
    /// RFC 3550 interarrival jitter at the interval's end, ms.
    package var jitterMilliseconds: Double
    /// One-way delay median and 99th percentile, ms; `nil` without send-time stamps. For the
    /// receiver's primary stream these are the interval's own (as in `--jsonl`); for other
    /// streams, since the stream began (the receiver keeps no per-interval delay histogram for them).
    package var delayP50Milliseconds: Double?
    package var delayP99Milliseconds: Double?
    /// The jitter buffer's target delay and the delay it delivered (played out with), ms.
    package var targetDelayMilliseconds: Double?
    package var playoutDelayMilliseconds: Double?
    /// Frames concealed (PLC or silence) in the interval.
    package var concealed: Int64
    /// The transport the interval's packets came by: `udp`, `tcp`, `udp+tcp` or `none`.
    package var path: String

    enum CodingKeys: String, CodingKey {
        case endSeconds = "t_end_s"
        case packets, expected, lost
        case lostPercent = "lost_percent"
        case late
        case latePercent = "late_percent"
        case jitterMilliseconds = "jitter_ms"
        case delayP50Milliseconds = "delay_p50_ms"
        case delayP99Milliseconds = "delay_p99_ms"
        case targetDelayMilliseconds = "target_delay_ms"
        case playoutDelayMilliseconds = "playout_delay_ms"
        case concealed, path
    }
}
