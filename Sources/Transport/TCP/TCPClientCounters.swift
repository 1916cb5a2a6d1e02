/// Totals kept by a ``TCPMediaClient`` since it connected. A snapshot; read it at any time.
package struct TCPClientCounters: Sendable, Hashable {
    /// Frames handed to the socket.
    package var framesSent = 0
    /// Bytes handed to the socket, 2-byte length prefixes included.
    package var bytesSent = 0
    /// Frames dropped because their deadline passed before they could be written.
    package var deadlineDrops = 0
    /// Frames dropped because the send queue was full (the oldest goes first).
    package var queueOverflowDrops = 0
    /// Frames offered while the connection was closed, or still queued when it closed.
    package var notConnectedDrops = 0
    /// Most frames ever waiting in the send queue; never above
    /// ``TCPClientOptions/sendQueueCapacity``.
    package var queueHighWater = 0
    /// Frames waiting in the send queue now.
    package var queuedFrames = 0
    /// Frames received from the peer (RTCP).
    package var framesReceived = 0
    /// Zero-length frames received and skipped.
    package var zeroLengthFramesReceived = 0
    /// Received frames dropped because the consumer of ``TCPMediaClient/inbound`` fell behind.
    package var inboundQueueDrops = 0

    package init() {}
}
