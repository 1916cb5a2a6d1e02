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

/// Records when each frame (by the sequence number in bytes 2...3) reached a test server.
private final class ArrivalRecorder: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let arrivals = Mutex<[Int: ContinuousClock.Instant]>([:])

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard let sequence = frame.getInteger(at: frame.readerIndex + 2, endianness: .big, as: UInt16.self) else { return }
        let now = ContinuousClock.now
        arrivals.withLock { $0[Int(sequence)] = now }
    }
}

/// The accepted connection, so the test can pause and resume reading on it.
private final class AcceptedConnection: Sendable {
    let channel = Mutex<(any Channel)?>(nil)
}

/// `--tcp-deadline` with the options the sender uses (the defaults): when the peer stops reading
/// for 2 s, frames wait where their deadline applies (the client's queue), not in NIO's write
/// buffer or the kernel's send buffer, so what arrives late is at most what the peer's own
/// receive buffer held, and every frame not delivered is a counted deadline drop.
@Suite("TCP deadline against a peer that stops reading", .serialized)
struct TCPDeadlineLatenessTests {
    static let deadline = Duration.milliseconds(200)
    /// Scheduling slack on a shared machine.
    static let margin = Duration.milliseconds(50)
    static let frameBytes = 100
    /// The server's SO_RCVBUF request; the kernel doubles it for bookkeeping.
    static let serverReceiveBufferBytes = 2_048

    @Test func framesLaterThanTheDeadlineAreOnlyThoseThePeersReceiveBufferHeld() async throws {
        let recorder = ArrivalRecorder()
        let accepted = AcceptedConnection()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(Self.serverReceiveBufferBytes))
            .childChannelInitializer { child in
                accepted.channel.withLock { $0 = child }
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(RFC4571FrameDecoder()))
                    try child.pipeline.syncOperations.addHandler(recorder)
                }
            }
            .bind(to: TCPTestSupport.loopback()).get()
        defer { server.close(promise: nil) }
        let address = try #require(server.localAddress)
        let sent = Mutex<[Int: ContinuousClock.Instant]>([:])
        let frames = 250  // 5 s of 20 ms frames; the peer reads nothing from 1 s to 3 s
        let counters = try await TCPMediaClient.withConnection(to: address) { client in
            let start = ContinuousClock.now
            for sequence in 0..<frames {
                try await Task.sleep(until: start + .milliseconds(20 * sequence))
                if sequence == 50 || sequence == 150 {
                    let child = try #require(accepted.channel.withLock { $0 })
                    try await child.setOption(.autoRead, value: sequence == 150).get()
                    if sequence == 150 { child.read() }
                }
                let now = ContinuousClock.now
                sent.withLock { $0[sequence] = now }
                _ = client.send(TCPTestSupport.rtpFrame(sequence: sequence, size: Self.frameBytes), deadline: now + Self.deadline)
            }
            #expect(await Wait.until { client.counters.queuedFrames == 0 })
            _ = await Wait.until(within: .seconds(2)) {
                recorder.arrivals.withLock { $0.count } >= client.counters.framesSent
            }
            return client.counters
        }
        let arrivals = recorder.arrivals.withLock { $0 }
        let sendTimes = sent.withLock { $0 }
        // Independent of the client's counters: what arrived, and how late.
        let lateness = arrivals.compactMap { sequence, arrival in sendTimes[sequence].map { arrival - $0 } }
        let late = lateness.filter { $0 > Self.deadline + Self.margin }.count
        // Frames past the deadline's reach: those the peer's receive buffer (SO_RCVBUF,
        // doubled) held when it stopped reading, plus what the sender lets the kernel keep unsent
        // and NIO buffer. Handed over before the stall, they cannot be recalled; nothing more
        // may be late (with the old 16 KiB / 32 KiB allowances, 88 of 100 stalled frames were).
        let options = TCPClientOptions()
        let allowance = 2 * Self.serverReceiveBufferBytes + (options.notSentLowWaterBytes ?? 0)
            + options.writeBufferHighWaterBytes
        let buffered = allowance / (Self.frameBytes + 2)
        #expect(late <= buffered, "\(late) frames later than \(Self.deadline + Self.margin); buffers hold about \(buffered)")
        #expect(counters.deadlineDrops > 50, "\(counters)")
        #expect(counters.framesSent == arrivals.count, "\(counters), \(arrivals.count) arrived")
        #expect(
            counters.deadlineDrops + counters.queueOverflowDrops == frames - arrivals.count,
            "every frame sent and not received is a counted drop: \(counters), \(arrivals.count) of \(frames) arrived")
    }
}
