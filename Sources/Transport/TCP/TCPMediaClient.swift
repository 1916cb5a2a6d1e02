import NIOCore
import NIOPosix

/// Sends RTP/RTCP over one TCP connection (RFC 4571 framing), for when UDP is blocked.
///
/// Use it inside ``withConnection(to:options:group:_:)``. ``send(_:deadline:)`` never blocks:
/// when the network stalls, frames wait in a bounded queue and are dropped once past their
/// deadline, so latency stays bounded instead of growing with the backlog. Frames the peer
/// sends back (RTCP receiver reports) arrive on ``inbound``.
package struct TCPMediaClient: Sendable {
    /// Our end of the connection.
    package let localAddress: SocketAddress?
    /// The peer we connected to.
    package let remoteAddress: SocketAddress
    /// Frames from the peer, without prefix. Finishes when the connection closes. Bounded by
    /// ``TCPClientOptions/maxQueuedInboundFrames`` (oldest dropped, counted).
    package let inbound: AsyncStream<[UInt8]>
    let channel: any Channel
    let queue: TCPSendQueue

    /// Whether the connection is still up; false once either side closed it or it failed. A
    /// fallback policy polls this (and ``counters``) to decide to reconnect or switch transport.
    package var isConnected: Bool { queue.isConnected }

    /// Totals so far (a consistent snapshot).
    package var counters: TCPClientCounters { queue.counters }

    /// Queues one frame (1...65 535 bytes, without prefix) to be written before `deadline`;
    /// returns at once. A frame still unwritten at its deadline is dropped and counted in
    /// ``TCPClientCounters/deadlineDrops``.
    package func send(_ frame: [UInt8], deadline: ContinuousClock.Instant) -> TCPSendOutcome {
        queue.enqueue(frame, deadline: deadline, now: .now)
    }

    /// Closes the connection (idempotent); queued frames are dropped and counted.
    package func close() async {
        try? await channel.close()
    }
}

extension TCPMediaClient {
    /// Connects to `remote` within ``TCPClientOptions/connectTimeout``, runs `body` with the
    /// client, and closes the connection when `body` returns or throws.
    ///
    /// Sets `TCP_NODELAY` (each frame leaves at once) and, on Linux, `TCP_NOTSENT_LOWAT`.
    /// - Throws: NIO's `ChannelError.connectTimeout` or the connect error.
    package static func withConnection<Result: Sendable>(
        to remote: SocketAddress,
        options: TCPClientOptions = TCPClientOptions(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        _ body: (TCPMediaClient) async throws -> Result
    ) async throws -> Result {
        let queue = TCPSendQueue(capacity: options.sendQueueCapacity, kernelUnsentBudget: options.notSentLowWaterBytes)
        let (frames, continuation) = AsyncStream.makeStream(
            of: [UInt8].self, bufferingPolicy: .bufferingNewest(max(options.maxQueuedInboundFrames, 1)))
        var bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(options.connectTimeout))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelOption(
                .writeBufferWaterMark,
                value: .init(
                    low: max(options.writeBufferLowWaterBytes, 1),
                    high: max(options.writeBufferHighWaterBytes, options.writeBufferLowWaterBytes, 1)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(
                        ByteToMessageHandler(
                            RFC4571FrameDecoder(
                                maxBufferedBytes: options.maxBufferedInboundBytes,
                                requiresRTPVersion2: options.requiresRTPVersion2)))
                    try pipeline.addHandler(MessageToByteHandler(RFC4571FrameEncoder()))
                    try pipeline.addHandler(TCPMediaClientHandler(queue: queue, continuation: continuation))
                }
            }
        if let bytes = options.sendBufferBytes {
            bootstrap = bootstrap.channelOption(.socketOption(.so_sndbuf), value: SocketOptionValue(bytes))
        }
        #if os(Linux)
        if let bytes = options.notSentLowWaterBytes {
            bootstrap = bootstrap.channelOption(Self.notSentLowWater, value: SocketOptionValue(bytes))
        }
        #endif
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(to: remote).get()
        } catch {
            continuation.finish()
            throw error
        }
        // NIO may complete the connect before `channelActive` reaches our handler; mark the
        // queue connected on the loop so the first `send` is not refused. Checking `isActive`
        // there orders this correctly against a close.
        try await channel.eventLoop.submit {
            if channel.isActive { queue.connected(channel, writable: channel.isWritable) }
        }.get()
        let client = TCPMediaClient(
            localAddress: channel.localAddress, remoteAddress: remote, inbound: frames, channel: channel, queue: queue)
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }

    #if os(Linux)
    /// `TCP_NOTSENT_LOWAT` (25 in `<linux/tcp.h>`), which NIO does not name.
    static let notSentLowWater = ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: 25))
    #endif
}
