import JitterbugTestSupport
import NIOCore
import NIOPosix
import Synchronization
import Testing

#if canImport(TCPTransport)
import TCPTransport
#else
import Transport
#endif

/// A test server that records, per accepted connection, the sequence numbers (bytes 2...3) of
/// the frames it receives, and closes its first connection after that connection's first frame.
private final class ClosingServerRecorder: Sendable {
    let sequencesByConnection = Mutex<[[Int]]>([])

    func handler(connection: Int) -> Handler { Handler(recorder: self, connection: connection) }

    final class Handler: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let recorder: ClosingServerRecorder
        let connection: Int

        init(recorder: ClosingServerRecorder, connection: Int) {
            self.recorder = recorder
            self.connection = connection
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let frame = unwrapInboundIn(data)
            guard let sequence = frame.getInteger(at: frame.readerIndex + 2, endianness: .big, as: UInt16.self) else { return }
            recorder.sequencesByConnection.withLock { $0[connection].append(Int(sequence)) }
            if connection == 0 { context.close(promise: nil) }
        }
    }
}

@Suite("TCP media client that reconnects", .serialized)
struct TCPReconnectingClientTests {
    private typealias Support = TCPTestSupport

    private func closingServer(_ recorder: ClosingServerRecorder) async throws -> any Channel {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                let connection = recorder.sequencesByConnection.withLock { list in
                    list.append([])
                    return list.count - 1
                }
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(RFC4571FrameDecoder()))
                    try child.pipeline.syncOperations.addHandler(recorder.handler(connection: connection))
                }
            }
            .bind(to: Support.loopback()).get()
    }

    @Test("the peer closes the connection: a new one is made and frames flow on it")
    func reconnectsAfterThePeerCloses() async throws {
        let recorder = ClosingServerRecorder()
        let server = try await closingServer(recorder)
        defer { server.close(promise: nil) }
        let address = try #require(server.localAddress)
        let events = Mutex<[TCPConnectionEvent]>([])
        let backoff = TCPReconnectBackoff(initial: .milliseconds(50), maximum: .milliseconds(400))
        let (refused, counters) = try await TCPReconnectingClient.withConnection(
            to: address, backoff: backoff, onEvent: { event in events.withLock { $0.append(event) } }
        ) { client in
            #expect(client.connections == 1)
            var refused = 0
            // A frame every 10 ms until one has arrived over the second connection.
            for sequence in 0..<500 {
                if client.send(Support.rtpFrame(sequence: sequence, size: 100), deadline: .now + .seconds(1)) == nil {
                    refused += 1
                }
                if recorder.sequencesByConnection.withLock({ $0.count > 1 && !$0[1].isEmpty }) { break }
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(client.connections == 2)
            #expect(client.isConnected)
            return (refused, client.counters)
        }
        let received = recorder.sequencesByConnection.withLock { $0 }
        #expect(received.count == 2, "connections accepted: \(received.count)")
        #expect(received.first == [0], "the first connection carried frame 0 and was closed")
        let second = try #require(received.dropFirst().first)
        #expect(!second.isEmpty)
        // Frames sent while no connection was up were refused, not held back and sent late.
        #expect(refused > 0)
        #expect(second.allSatisfy { $0 > refused }, "second connection: \(second.prefix(5))…")
        // Totals span both connections; refused frames count as not connected.
        #expect(counters.notConnectedDrops >= refused)
        #expect(counters.framesSent >= 2, "one frame at least on each connection")
        let seen = events.withLock { $0 }
        #expect(seen.first == .connected(number: 1))
        #expect(seen.last == .connected(number: 2), "\(seen)")
        let closed = seen.compactMap { event -> Duration? in
            if case .closed(_, let retryIn) = event { return retryIn }
            return nil
        }
        // A connection that lasted under `stableAfter` counts as a failure: the wait doubles.
        #expect(closed == [.milliseconds(100)], "\(seen)")
    }

    @Test("no listener: the first connection's error is thrown and the body does not run")
    func firstConnectionFailureIsThrown() async throws {
        // A port that was just free: bind a listener, note its port, close it.
        let probe = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(to: Support.loopback()).get()
        let address = try #require(probe.localAddress)
        try await probe.close()
        let ran = Mutex(false)
        await #expect(throws: (any Error).self) {
            try await TCPReconnectingClient.withConnection(to: address) { _ in ran.withLock { $0 = true } }
        }
        #expect(ran.withLock { $0 } == false)
    }

    @Test("the peer is gone: attempts back off to the maximum and stop with the body")
    func attemptsBackOffWhileThePeerIsGone() async throws {
        let recorder = ClosingServerRecorder()
        let server = try await closingServer(recorder)
        let address = try #require(server.localAddress)
        let events = Mutex<[TCPConnectionEvent]>([])
        let backoff = TCPReconnectBackoff(initial: .milliseconds(20), maximum: .milliseconds(160))
        try await TCPReconnectingClient.withConnection(
            to: address, backoff: backoff, onEvent: { event in events.withLock { $0.append(event) } }
        ) { client in
            try await server.close()
            // The first frame makes the server close the connection; nothing listens any more.
            _ = client.send(Support.rtpFrame(sequence: 0, size: 100), deadline: .now + .seconds(1))
            try await Task.sleep(for: .milliseconds(900))
            #expect(!client.isConnected)
            #expect(client.connections == 1)
        }
        let seen = events.withLock { $0 }
        let waits = seen.compactMap { event -> Duration? in
            if case .attemptFailed(_, let retryIn) = event { return retryIn }
            return nil
        }
        // Closed after under `stableAfter`: 40 ms, then failed attempts wait 80, 160, 160, … ms;
        // about 900 / 160 + 2 attempts at most, never a tight loop.
        #expect(seen.contains { if case .closed(_, .milliseconds(40)) = $0 { true } else { false } }, "\(seen)")
        #expect(waits.count >= 3 && waits.count <= 9, "\(seen)")
        #expect(Array(waits.prefix(2)) == [.milliseconds(80), .milliseconds(160)], "\(waits)")
        #expect(waits.allSatisfy { $0 <= .milliseconds(160) })
        let settled = events.withLock { $0.count }
        try await Task.sleep(for: .milliseconds(300))
        #expect(events.withLock { $0.count } == settled, "attempts went on after the body returned")
    }

    @Test("after stopReconnecting (the sender said BYE) a closed connection is not made again")
    func noReconnectionAfterStop() async throws {
        let recorder = ClosingServerRecorder()
        let server = try await closingServer(recorder)
        defer { server.close(promise: nil) }
        let address = try #require(server.localAddress)
        let events = Mutex<[TCPConnectionEvent]>([])
        let backoff = TCPReconnectBackoff(initial: .milliseconds(20))
        try await TCPReconnectingClient.withConnection(
            to: address, backoff: backoff, onEvent: { event in events.withLock { $0.append(event) } }
        ) { client in
            client.stopReconnecting()
            _ = client.send(Support.rtpFrame(sequence: 0, size: 100), deadline: .now + .seconds(1))
            #expect(await Wait.until(within: .seconds(5)) { !client.isConnected })
            try await Task.sleep(for: .milliseconds(300))
            #expect(client.connections == 1)
            #expect(client.send(Support.rtpFrame(sequence: 1, size: 100), deadline: .now + .seconds(1)) == nil)
        }
        #expect(events.withLock { $0 } == [.connected(number: 1)])
        #expect(recorder.sequencesByConnection.withLock { $0.count } == 1)
    }

    @Test("backoff: doubles from the initial wait, capped at the maximum, without overflow")
    func backoffDelays() {
        let backoff = TCPReconnectBackoff()
        #expect(backoff.delay(afterFailures: 0) == .milliseconds(250))
        #expect(backoff.delay(afterFailures: 1) == .milliseconds(500))
        #expect(backoff.delay(afterFailures: 3) == .seconds(2))
        #expect(backoff.delay(afterFailures: 4) == .seconds(4))
        #expect(backoff.delay(afterFailures: 1_000_000) == .seconds(4))
        #expect(backoff.delay(afterFailures: -1) == .milliseconds(250))
        #expect(TCPReconnectBackoff(initial: .seconds(2), maximum: .seconds(1)).maximum == .seconds(2))
    }
}
