/// Totals kept by a ``TCPMediaClient`` since it connected. A snapshot; read it at any time.
public struct TCPClientCounters: Sendable, Hashable {
    /// Frames handed to the socket.
    public var framesSent = 0
    /// Bytes handed to the socket, 2-byte length prefixes included.
    public var bytesSent = 0
    /// Frames dropped because their deadline passed before they could be written.
    public var deadlineDrops = 0
    /// Frames dropped because the send queue was full (the oldest goes first).
    public var queueOverflowDrops = 0
    /// Frames offered while the connection was closed, or still queued when it closed.
    public var notConnectedDrops = 0
    /// Most frames ever waiting in the send queue; never above
    /// ``TCPClientOptions/sendQueueCapacity``.
    public var queueHighWater = 0
    /// Frames waiting in the send queue now.
    public var queuedFrames = 0
    /// Frames received from the peer (RTCP).
    public var framesReceived = 0
    /// Zero-length frames received and skipped.
    public var zeroLengthFramesReceived = 0
    /// Received frames dropped because the consumer of ``TCPMediaClient/inbound`` fell behind.
    public var inboundQueueDrops = 0

    public init() {}
}
