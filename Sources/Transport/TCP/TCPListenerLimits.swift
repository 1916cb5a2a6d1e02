/// Bounds a ``TCPMediaListener`` enforces so that a hostile or broken peer cannot hold resources.
/// One media stream per connection is the caller's policy, not enforced here.
package struct TCPListenerLimits: Sendable, Hashable {
    /// Connections open at once. Further connections are accepted and closed at once, and
    /// counted in ``TCPListenerCounters/rejectedTooMany``. Default 64.
    package var maxConnections: Int
    /// A connection that delivers no valid frame within this time of being accepted is closed
    /// and counted in ``TCPListenerCounters/closedSilent`` (slowloris defence). Default 2 s.
    package var firstFrameTimeout: Duration
    /// A connection that delivers no valid frame for this long after its last one is closed and
    /// counted in ``TCPListenerCounters/closedIdle``. Partial frames and zero-length frames do
    /// not count as activity. Default 10 s.
    package var idleTimeout: Duration
    /// Bytes one connection may buffer while a frame is incomplete, prefix included. Default
    /// 2 × 65 537 (two maximal frames). Exceeding it closes the connection
    /// (``TCPListenerCounters/closedOversize``).
    package var maxBufferedBytesPerConnection: Int
    /// Whether every frame must start with RTP/RTCP version 2; a frame that does not closes the
    /// connection (``TCPListenerCounters/closedGarbage``). Default true.
    package var requiresRTPVersion2: Bool
    /// Frames waiting for the consumer of ``TCPMediaListener/inbound``; past this the oldest
    /// are dropped and counted in ``TCPListenerCounters/inboundQueueDrops``. Default 1 024
    /// (at most 64 MiB of maximal frames; about 20 s of one 50 packet/s stream).
    package var maxQueuedInboundFrames: Int

    package init(
        maxConnections: Int = 64,
        firstFrameTimeout: Duration = .seconds(2),
        idleTimeout: Duration = .seconds(10),
        maxBufferedBytesPerConnection: Int = RFC4571FrameDecoder.defaultMaxBufferedBytes,
        requiresRTPVersion2: Bool = true,
        maxQueuedInboundFrames: Int = 1_024
    ) {
        self.maxConnections = maxConnections
        self.firstFrameTimeout = firstFrameTimeout
        self.idleTimeout = idleTimeout
        self.maxBufferedBytesPerConnection = maxBufferedBytesPerConnection
        self.requiresRTPVersion2 = requiresRTPVersion2
        self.maxQueuedInboundFrames = maxQueuedInboundFrames
    }
}
