/// How a ``TCPMediaClient`` connects and how much it may queue.
package struct TCPClientOptions: Sendable, Hashable {
    /// Give up connecting after this long (NIO's `ChannelError.connectTimeout`). Default 2 s.
    package var connectTimeout: Duration
    /// Frames the client's own send queue holds while the socket is not writable; when full the
    /// oldest is dropped. Default 64 (1.28 s of 20 ms packets).
    package var sendQueueCapacity: Int
    /// `TCP_NOTSENT_LOWAT` in bytes (Linux only, ignored elsewhere; nil leaves the kernel's
    /// default): the kernel keeps at most about this much unsent data, so backlog waits in our
    /// queue where deadlines apply instead of in the socket. Default 16 KiB.
    package var notSentLowWaterBytes: Int?
    /// NIO's write-buffer watermarks in bytes: above `high` the channel reports not writable and
    /// frames wait in our queue; below `low` it is writable again. Default 8 KiB / 32 KiB.
    package var writeBufferLowWaterBytes: Int
    package var writeBufferHighWaterBytes: Int
    /// `SO_SNDBUF` in bytes, or nil for the kernel's (auto-tuned) default.
    package var sendBufferBytes: Int?
    /// Cap on inbound bytes buffered while a frame is incomplete. Default 2 × 65 537.
    package var maxBufferedInboundBytes: Int
    /// Whether inbound frames must be RTP/RTCP version 2 (else the connection is closed).
    package var requiresRTPVersion2: Bool
    /// Received frames waiting for the consumer of ``TCPMediaClient/inbound``; past this the
    /// oldest are dropped. Default 256.
    package var maxQueuedInboundFrames: Int

    package init(
        connectTimeout: Duration = .seconds(2),
        sendQueueCapacity: Int = 64,
        notSentLowWaterBytes: Int? = 16_384,
        writeBufferLowWaterBytes: Int = 8_192,
        writeBufferHighWaterBytes: Int = 32_768,
        sendBufferBytes: Int? = nil,
        maxBufferedInboundBytes: Int = RFC4571FrameDecoder.defaultMaxBufferedBytes,
        requiresRTPVersion2: Bool = true,
        maxQueuedInboundFrames: Int = 256
    ) {
        self.connectTimeout = connectTimeout
        self.sendQueueCapacity = sendQueueCapacity
        self.notSentLowWaterBytes = notSentLowWaterBytes
        self.writeBufferLowWaterBytes = writeBufferLowWaterBytes
        self.writeBufferHighWaterBytes = writeBufferHighWaterBytes
        self.sendBufferBytes = sendBufferBytes
        self.maxBufferedInboundBytes = maxBufferedInboundBytes
        self.requiresRTPVersion2 = requiresRTPVersion2
        self.maxQueuedInboundFrames = maxQueuedInboundFrames
    }
}
