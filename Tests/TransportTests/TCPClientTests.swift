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

/// Records the sequence numbers (bytes 2...3) of frames a test server receives.
private final class SequenceRecorder: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let sequences = Mutex<[Int]>([])

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard let sequence = frame.getInteger(at: frame.readerIndex + 2, endianness: .big, as: UInt16.self) else { return }
        sequences.withLock { $0.append(Int(sequence)) }
    }
}

/// The child channel a test server accepted, so the test can resume reading on it.
private final class AcceptedChild: Sendable {
    let channel = Mutex<(any Channel)?>(nil)
}

@Suite("TCP media client on loopback", .serialized)
struct TCPClientTests {
    private typealias Support = TCPTestSupport

    /// Starts a server that never reads (autoRead off) with a tiny receive buffer, so the
    /// client's socket fills and its channel becomes unwritable. Returns the server channel and a
    /// box that receives the accepted child (set autoRead on it to resume reading).
    private func stalledServer(
        recorder: SequenceRecorder
    ) async throws -> (server: any Channel, accepted: AcceptedChild) {
        let accepted = AcceptedChild()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.socketOption(.so_rcvbuf), value: 2_048)
            .childChannelOption(.autoRead, value: false)
            .childChannelInitializer { child in
                accepted.channel.withLock { $0 = child }
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(RFC4571FrameDecoder()))
                    try child.pipeline.syncOperations.addHandler(recorder)
                }
            }
            .bind(to: Support.loopback()).get()
        return (server, accepted)
    }

    /// Small buffers everywhere so a stalled peer makes the client unwritable after a few frames.
    private func stallOptions(capacity: Int) -> TCPClientOptions {
        TCPClientOptions(
            sendQueueCapacity: capacity, writeBufferLowWaterBytes: 1_024, writeBufferHighWaterBytes: 4_096,
            sendBufferBytes: 4_096)
    }

    @Test("a peer that stops reading: frames past their deadline are dropped, the queue stays bounded")
    func deadlineDropsWhenPeerStalls() async throws {
        let recorder = SequenceRecorder()
        let (server, accepted) = try await stalledServer(recorder: recorder)
        defer { server.close(promise: nil) }
        let address = try #require(server.localAddress)
        let capacity = 16
        try await TCPMediaClient.withConnection(to: address, options: stallOptions(capacity: capacity)) { client in
            // One frame every ~2 ms with a 30 ms deadline: about 15 can be alive at once.
            var enqueued = 0
            for sequence in 0..<200 {
                let outcome = client.send(
                    Support.rtpFrame(sequence: sequence, size: 1_000), deadline: .now + .milliseconds(30))
                if outcome == .enqueued || outcome == .enqueuedDroppingOldest { enqueued += 1 }
                try await Task.sleep(for: .milliseconds(2))
            }
            let stalled = client.counters
            #expect(stalled.deadlineDrops > 0)
            #expect(stalled.queueHighWater <= capacity)
            #expect(stalled.queuedFrames <= capacity)
            #expect(stalled.framesSent < 200)
            #expect(client.isConnected)

            // Reading resumes: everything handed to the socket arrives, in order; what was still
            // queued is past its deadline by now and is dropped, not sent late.
            try await Task.sleep(for: .milliseconds(50))
            let child = try #require(accepted.channel.withLock { $0 })
            try await child.setOption(.autoRead, value: true).get()
            child.read()
            let settled = await Wait.until {
                let counters = client.counters
                return counters.queuedFrames == 0 && recorder.sequences.withLock { $0.count } == counters.framesSent
            }
            #expect(settled)
            let final = client.counters
            #expect(final.framesSent == stalled.framesSent)
            #expect(final.framesSent + final.deadlineDrops + final.queueOverflowDrops == enqueued)
            let sequences = recorder.sequences.withLock { $0 }
            #expect(sequences == sequences.sorted())
            #expect(Set(sequences).count == sequences.count)
        }
    }

    @Test("a burst into a stalled peer overflows the bounded queue: oldest dropped, cap never exceeded")
    func queueOverflowBounded() async throws {
        let recorder = SequenceRecorder()
        let (server, accepted) = try await stalledServer(recorder: recorder)
        defer { server.close(promise: nil) }
        let address = try #require(server.localAddress)
        let capacity = 8
        try await TCPMediaClient.withConnection(to: address, options: stallOptions(capacity: capacity)) { client in
            let later = ContinuousClock.now + .seconds(20)
            var outcomes: [TCPSendOutcome] = []
            for sequence in 0..<300 {
                outcomes.append(client.send(Support.rtpFrame(sequence: sequence, size: 1_000), deadline: later))
                if sequence % 10 == 0 { try await Task.sleep(for: .milliseconds(1)) }
            }
            let counters = client.counters
            #expect(counters.queueHighWater == capacity)
            #expect(counters.queuedFrames <= capacity)
            #expect(counters.queueOverflowDrops > 0)
            #expect(counters.queueOverflowDrops == outcomes.filter { $0 == .enqueuedDroppingOldest }.count)
            #expect(counters.deadlineDrops == 0)

            // Resumed: what was sent plus the newest queued frames arrive, in ascending order,
            // ending with the last frame offered.
            let child = try #require(accepted.channel.withLock { $0 })
            try await child.setOption(.autoRead, value: true).get()
            child.read()
            #expect(await Wait.until { recorder.sequences.withLock { $0.last } == 299 })
            let sequences = recorder.sequences.withLock { $0 }
            #expect(sequences == sequences.sorted())
            #expect(sequences.count == client.counters.framesSent)
            #expect(client.counters.framesSent + client.counters.queueOverflowDrops == 300)
        }
    }

    @Test("send outcomes: bad sizes refused; past deadlines dropped and counted; 65 535 bytes sent")
    func sendOutcomes() async throws {
        try await TCPMediaListener.withListener(boundTo: Support.loopback()) { listener in
            let address = try #require(listener.localAddress)
            try await TCPMediaClient.withConnection(to: address) { client in
                let later = ContinuousClock.now + .seconds(5)
                #expect(client.send([], deadline: later) == .invalidFrameSize)
                #expect(client.send([UInt8](repeating: 0x80, count: 65_536), deadline: later) == .invalidFrameSize)
                #expect(client.send([0x80, 1, 2], deadline: .now - .milliseconds(1)) == .droppedPastDeadline)
                let maximal = Support.rtpFrame(sequence: 1, size: 65_535)
                #expect(client.send(maximal, deadline: later) == .enqueued)
                let received = await Support.collect(1, from: listener.inbound)
                #expect(received.map(\.frame) == [maximal])
                #expect(client.counters.deadlineDrops == 1)
                #expect(client.counters.framesSent == 1)
            }
        }
    }

    @Test("when the listener closes the connection the client reports it and refuses sends")
    func peerClose() async throws {
        try await TCPMediaListener.withListener(boundTo: Support.loopback()) { listener in
            let address = try #require(listener.localAddress)
            try await TCPMediaClient.withConnection(to: address) { client in
                _ = client.send(Support.rtpFrame(sequence: 1, size: 20), deadline: .now + .seconds(5))
                let received = await Support.collect(1, from: listener.inbound)
                let id = try #require(received.first?.connectionID)
                listener.close(connectionID: id)
                #expect(await Wait.until { !client.isConnected })
                #expect(client.send(Support.rtpFrame(sequence: 2, size: 20), deadline: .now + .seconds(5)) == .notConnected)
                #expect(client.counters.notConnectedDrops == 1)
                // The inbound sequence finishes with the connection.
                let rest = await Support.collect(1, from: client.inbound, within: .seconds(2))
                #expect(rest.isEmpty)
            }
        }
    }

    @Test("connecting to a port nobody listens on throws")
    func connectRefused() async throws {
        // Bind a listener to learn a free port, then close it.
        let port = try await TCPMediaListener.withListener(boundTo: Support.loopback()) { listener in
            try #require(listener.localAddress?.port)
        }
        let address = try SocketAddress(ipAddress: "127.0.0.1", port: port)
        let options = TCPClientOptions(connectTimeout: .milliseconds(500))
        await #expect(throws: (any Error).self) {
            try await TCPMediaClient.withConnection(to: address, options: options) { _ in }
        }
    }
}
