import JitterbugTestSupport
import NIOCore
import NIOEmbedded
import NIOPosix
import Testing
import Transport

/// An admitted connection dropped before a task serves it used to trap in NIO ("Deinited
/// NIOAsyncWriter without calling finish()"): CI caught it once in the listener's
/// max-connections test, when the accept loop was cancelled with an admission still buffered.
@Suite("Admitted channel: a dropped admission closes, never traps")
struct AdmittedChannelTests {
    private func wrapped() async throws -> (NIOAsyncTestingChannel, NIOAsyncChannel<ByteBuffer, ByteBuffer>) {
        let channel = NIOAsyncTestingChannel()
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).get()
        let asyncChannel = try await channel.testingEventLoop.executeInContext {
            try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
        }
        return (channel, asyncChannel)
    }

    @Test("dropped untaken: the writer is finished and the connection closed")
    func droppedUntaken() async throws {
        let (channel, asyncChannel) = try await wrapped()
        do { _ = AdmittedChannel(asyncChannel) }
        #expect(await Wait.until(within: .seconds(5)) { !channel.isActive })
    }

    @Test("taken: the holder leaves the channel to its taker, once")
    func taken() async throws {
        let (channel, asyncChannel) = try await wrapped()
        var holder: AdmittedChannel<ByteBuffer, ByteBuffer>? = AdmittedChannel(asyncChannel)
        let served = try #require(holder?.take())
        #expect(holder?.take() == nil)
        holder = nil
        try await Task.sleep(for: .milliseconds(100))
        #expect(channel.isActive)
        try await served.executeThenClose { _, _ in }
        #expect(!channel.isActive)
    }

    @Test("a listener that returns while connections are still arriving does not trap", arguments: 0..<20)
    func listenerClosesWhileAdmitting(round: Int) async throws {
        let limits = TCPListenerLimits(maxConnections: 64, firstFrameTimeout: .seconds(5))
        var clients: [any Channel] = []
        try await TCPMediaListener.withListener(boundTo: TCPTestSupport.loopback(), limits: limits) { listener in
            let address = try #require(listener.localAddress)
            for _ in 0..<(4 + round % 4) {
                clients.append(try await TCPTestSupport.rawConnect(to: address))
            }
        }
        for client in clients {
            try? await client.close()
        }
    }
}
