import NIOCore
import NIOPosix

/// Receives RTP/RTCP over TCP (RFC 4571 framing) from many peers, within ``TCPListenerLimits``.
///
/// Use it inside ``withListener(boundTo:limits:group:_:)``. Iterate ``inbound`` from one task;
/// ``send(_:toConnection:)`` (RTCP back on the connection a frame came from) and ``counters``
/// may be used from any task.
package struct TCPMediaListener: Sendable {
    /// The bound address (with the real port when bound to port 0).
    package let localAddress: SocketAddress?
    /// Frames from all connections, in arrival order per connection. Bounded by
    /// ``TCPListenerLimits/maxQueuedInboundFrames``: a consumer that falls behind loses the
    /// oldest frames (counted) rather than growing memory. Finishes when the listener closes.
    package let inbound: AsyncStream<TCPInboundFrame>
    let state: TCPListenerState

    /// Totals so far (a consistent snapshot).
    package var counters: TCPListenerCounters { state.counters }

    /// IDs of the connections open now, ascending.
    package var openConnectionIDs: [Int] { state.openConnectionIDs }

    /// Sends one frame (1...65 535 bytes, without prefix) on connection `connectionID`. Suspends
    /// while the connection's write buffer is full (TCP backpressure).
    /// - Throws: ``TCPTransportError/invalidFrameSize(_:)``,
    ///   ``TCPTransportError/unknownConnection(_:)`` if it is not (or no longer) open, or the
    ///   channel's error if the connection fails during the write.
    package func send(_ frame: [UInt8], toConnection connectionID: Int) async throws {
        guard (1...RFC4571FrameDecoder.maxFrameBytes).contains(frame.count) else {
            throw TCPTransportError.invalidFrameSize(frame.count)
        }
        guard let outbound = state.connection(connectionID)?.outbound else {
            throw TCPTransportError.unknownConnection(connectionID)
        }
        try await outbound.write(ByteBuffer(bytes: frame))
    }

    /// Closes connection `connectionID` (for example a second stream the caller's policy
    /// refuses). Does nothing if it is not open.
    package func close(connectionID: Int) {
        state.connection(connectionID)?.channel.close(promise: nil)
    }
}

extension TCPMediaListener {
    /// Binds a TCP listener to `address` (port 0 picks a free port), runs `body` with it, and
    /// closes the listener and every connection when `body` returns or throws.
    package static func withListener<Result: Sendable>(
        boundTo address: SocketAddress,
        limits: TCPListenerLimits = TCPListenerLimits(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        _ body: (TCPMediaListener) async throws -> Result
    ) async throws -> Result {
        let state = TCPListenerState(maxConnections: limits.maxConnections)
        // SO_REUSEADDR on a TCP listener only skips TIME_WAIT; Linux still refuses a second
        // listener on a busy port (EADDRINUSE, mapped to AddressInUseError).
        var bootstrap = ServerBootstrap(group: group)
        if address.isIPv6Wildcard {
            // `[::]` also takes IPv4, as the UDP socket beside it does.
            bootstrap = bootstrap.serverChannelOption(.ipv6V6Only, value: 0)
        }
        let server = try await AddressInUseError.mapping(address) {
            try await bootstrap
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(.backlog, value: 128)
                .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
                .bind(to: address) { child in
                    child.eventLoop.makeCompletedFuture {
                        try admit(child, state: state, limits: limits)
                    }
                }
        }
        let (frames, continuation) = AsyncStream.makeStream(
            of: TCPInboundFrame.self, bufferingPolicy: .bufferingNewest(max(limits.maxQueuedInboundFrames, 1)))
        let listener = TCPMediaListener(localAddress: server.channel.localAddress, inbound: frames, state: state)
        defer { continuation.finish() }
        return try await server.executeThenClose { admissions in
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask {
                    await acceptLoop(admissions, state: state, continuation: continuation)
                }
                do {
                    let result = try await body(listener)
                    tasks.cancelAll()
                    return result
                } catch {
                    tasks.cancelAll()
                    throw error
                }
            }
        }
    }

    /// Runs on the child's event loop: admits or rejects, and builds the pipeline.
    private static func admit(
        _ child: any Channel, state: TCPListenerState, limits: TCPListenerLimits
    ) throws -> TCPListenerAdmission {
        let pipeline = child.pipeline.syncOperations
        guard let remote = child.remoteAddress, let id = state.admit(child) else {
            try pipeline.addHandler(TCPCloseOnActiveHandler())
            return .rejected
        }
        child.closeFuture.whenComplete { _ in state.release(id) }
        try pipeline.addHandler(
            ByteToMessageHandler(
                RFC4571FrameDecoder(
                    maxBufferedBytes: limits.maxBufferedBytesPerConnection,
                    requiresRTPVersion2: limits.requiresRTPVersion2)))
        try pipeline.addHandler(MessageToByteHandler(RFC4571FrameEncoder()))
        try pipeline.addHandler(
            TCPConnectionGuardHandler(
                state: state, firstFrameTimeout: limits.firstFrameTimeout, idleTimeout: limits.idleTimeout))
        let channel = try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
        return .accepted(id: id, remote: remote, channel: AdmittedChannel(channel))
    }

    private static func acceptLoop(
        _ admissions: NIOAsyncChannelInboundStream<TCPListenerAdmission>,
        state: TCPListenerState,
        continuation: AsyncStream<TCPInboundFrame>.Continuation
    ) async {
        await withDiscardingTaskGroup { connections in
            do {
                for try await admission in admissions {
                    guard case .accepted(let id, let remote, let channel) = admission else { continue }
                    connections.addTask {
                        await serve(channel, id: id, remote: remote, state: state, continuation: continuation)
                    }
                }
            } catch {
                // The listening socket failed or we were cancelled: stop accepting; open
                // connections end with the group's cancellation.
            }
            connections.cancelAll()
        }
    }

    private static func serve(
        _ admitted: AdmittedChannel<ByteBuffer, ByteBuffer>,
        id: Int,
        remote: SocketAddress,
        state: TCPListenerState,
        continuation: AsyncStream<TCPInboundFrame>.Continuation
    ) async {
        guard let channel = admitted.take() else { return }
        do {
            try await channel.executeThenClose { inbound, outbound in
                state.attach(outbound, to: id)
                let local = channel.channel.localAddress
                for try await buffer in inbound {
                    let frame = TCPInboundFrame(
                        remote: remote, connectionID: id, frame: Array(buffer.readableBytesView), local: local)
                    if case .dropped = continuation.yield(frame) {
                        state.update { $0.inboundQueueDrops += 1 }
                    }
                }
            }
        } catch {
            // A reset or failed connection ends that connection only.
        }
    }
}
