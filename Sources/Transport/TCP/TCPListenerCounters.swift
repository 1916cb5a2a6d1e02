/// Totals kept by a ``TCPMediaListener`` since it was bound. A snapshot; read it at any time.
package struct TCPListenerCounters: Sendable, Hashable {
    /// Connections admitted (under ``TCPListenerLimits/maxConnections``).
    package var accepted = 0
    /// Connections accepted by the kernel and closed at once because the limit was reached.
    package var rejectedTooMany = 0
    /// Connections closed for sending no valid frame within the first-frame timeout.
    package var closedSilent = 0
    /// Connections closed for sending no valid frame within the idle timeout.
    package var closedIdle = 0
    /// Connections closed because their buffered bytes would exceed the per-connection cap
    /// (flood, or a length prefix that can never fit).
    package var closedOversize = 0
    /// Connections closed because a frame was not RTP/RTCP version 2.
    package var closedGarbage = 0
    /// Valid frames received, over all connections.
    package var framesIn = 0
    /// Payload bytes of the valid frames received (prefixes excluded).
    package var bytesIn = 0
    /// Zero-length frames received and skipped.
    package var zeroLengthFrames = 0
    /// Frames dropped because the consumer of the inbound sequence fell behind.
    package var inboundQueueDrops = 0
    /// Connections open now.
    package var openConnections = 0

    package init() {}
}
