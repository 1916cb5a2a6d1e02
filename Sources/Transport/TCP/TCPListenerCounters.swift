/// Totals kept by a ``TCPMediaListener`` since it was bound. A snapshot; read it at any time.
public struct TCPListenerCounters: Sendable, Hashable {
    /// Connections admitted (under ``TCPListenerLimits/maxConnections``).
    public var accepted = 0
    /// Connections accepted by the kernel and closed at once because the limit was reached.
    public var rejectedTooMany = 0
    /// Connections closed for sending no valid frame within the first-frame timeout.
    public var closedSilent = 0
    /// Connections closed for sending no valid frame within the idle timeout.
    public var closedIdle = 0
    /// Connections closed because their buffered bytes would exceed the per-connection cap
    /// (flood, or a length prefix that can never fit).
    public var closedOversize = 0
    /// Connections closed because a frame was not RTP/RTCP version 2.
    public var closedGarbage = 0
    /// Valid frames received, over all connections.
    public var framesIn = 0
    /// Payload bytes of the valid frames received (prefixes excluded).
    public var bytesIn = 0
    /// Zero-length frames received and skipped.
    public var zeroLengthFrames = 0
    /// Frames dropped because the consumer of the inbound sequence fell behind.
    public var inboundQueueDrops = 0
    /// Connections open now.
    public var openConnections = 0

    public init() {}
}
