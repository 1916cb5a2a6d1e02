/// How a ``TCPMediaClient`` connects and how much it may queue.
package struct TCPClientOptions: Sendable, Hashable {
    /// Give up connecting after this long (NIO's `ChannelError.connectTimeout`). Default 2 s.
    package var connectTimeout: Duration
    /// Frames the client's own send queue holds while the socket is not writable; when full the
    /// oldest is dropped. Default 64 (1.28 s of 20 ms packets).
    package var sendQueueCapacity: Int
    /// Unsent bytes the kernel may hold (Linux only; nil for no limit): set as
    /// `TCP_NOTSENT_LOWAT`, and checked (`tcp_info`) before each frame is written, because the
    /// kernel applies the option only when a write needs a new segment and a stalled
    /// connection appends every small frame to its one unsent segment. So backlog waits in our
    /// queue where deadlines apply. Default 256 bytes (a few audio frames: at 50 frames/s of
    /// ~100 bytes, about 50 ms). A frame handed to the kernel cannot be recalled, so every
    /// byte allowed here is delay a deadline cannot remove.
    package var notSentLowWaterBytes: Int?
    /// NIO's write-buffer watermarks in bytes: above `high` the channel reports not writable and
    /// frames wait in our queue; below `low` it is writable again. Default 128 / 512 bytes (a
    /// few frames, for the same reason).
    package var writeBufferLowWaterBytes: Int
    package var writeBufferHighWaterBytes: Int
    /// `SO_SNDBUF` in bytes (the kernel doubles it for its bookkeeping), or nil for the
    /// kernel's auto-tuned default (megabytes). Default 4 KiB, near the kernel's minimum: it
    /// also bounds the frames in flight (sent, not yet acknowledged), which a stalled path
    /// delivers late by retransmission (about 13 small frames; 22 with 8 KiB).
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
        notSentLowWaterBytes: Int? = 256,
        writeBufferLowWaterBytes: Int = 128,
        writeBufferHighWaterBytes: Int = 512,
        sendBufferBytes: Int? = 4_096,
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
