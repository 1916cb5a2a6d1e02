/// What the receiver's RTP-over-TCP listener (RFC 4571, on the UDP port number) did with the
/// connections it got: `tcp_listener` in `recv --json`, the summary's "tcp listener" row and the
/// `jitterbug_tcp_*` Prometheus metrics. Every connection accepted ends in at most one of the
/// `closed_*` counts (or is still open, or closed by its peer).
public struct TCPListenerSummary: Sendable, Equatable, Codable {
    /// Connections admitted (under the limit of 64 open at once).
    public var accepted = 0
    /// Connections over the limit: accepted by the kernel and closed at once.
    public var refusedOverLimit = 0
    /// Closed for sending no valid frame within 2 s of being accepted (slowloris).
    public var closedSilent = 0
    /// Closed for sending no valid frame for 10 s after the last one.
    public var closedIdle = 0
    /// Closed for a frame that can never fit the per-connection buffer cap.
    public var closedOversize = 0
    /// Closed for a frame that is not RTP/RTCP version 2 (a bad frame ends the byte stream).
    public var closedNotRTP = 0
    /// Valid frames received over all connections.
    public var frames = 0
    /// Zero-length frames skipped.
    public var zeroLengthFrames = 0
    /// Frames dropped because the receiver fell behind reading them.
    public var inboundQueueDrops = 0
    /// Connections open at the time of the summary.
    public var open = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case accepted
        case refusedOverLimit = "refused_over_limit"
        case closedSilent = "closed_silent"
        case closedIdle = "closed_idle"
        case closedOversize = "closed_oversize"
        case closedNotRTP = "closed_not_rtp"
        case frames
        case zeroLengthFrames = "zero_length_frames"
        case inboundQueueDrops = "inbound_queue_drops"
        case open
    }

    /// The summary row: "66 accepted, 1 refused over the limit, closed: 64 silent, 1 idle, …".
    public var text: String {
        "\(accepted) accepted, \(refusedOverLimit) refused over the limit; closed \(closedSilent) silent, "
            + "\(closedIdle) idle, \(closedOversize) oversize, \(closedNotRTP) not RTP; \(frames) frames, "
            + "\(zeroLengthFrames) empty, \(inboundQueueDrops) dropped unread; \(open) open"
    }
}
