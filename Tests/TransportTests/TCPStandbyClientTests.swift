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

/// The `auto` sender's TCP standby: no listener at the start is one event, not an error, and
/// not an event per retry; a listener that appears later is connected to.
@Suite("TCP standby client", .serialized)
struct TCPStandbyClientTests {
    @Test func noListenerIsOneEventThenQuietRetriesUntilOneAppears() async throws {
        // A port that was just free: bind a listener, note its port, close it.
        let probe = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(to: TCPTestSupport.loopback()).get()
        let address = try #require(probe.localAddress)
        try await probe.close()
        let events = Mutex<[TCPConnectionEvent]>([])
        let backoff = TCPReconnectBackoff(initial: .milliseconds(20), maximum: .milliseconds(80))
        try await TCPReconnectingClient.withConnection(
            to: address, backoff: backoff, standby: true, onEvent: { event in events.withLock { $0.append(event) } }
        ) { client in
            #expect(!client.isConnected)
            #expect(client.send(TCPTestSupport.rtpFrame(sequence: 0, size: 50), deadline: .now + .seconds(1)) == nil)
            // Several attempts fail meanwhile (every 20 to 80 ms); none is reported.
            try await Task.sleep(for: .milliseconds(400))
            #expect(events.withLock { $0.count } == 1)
            try await TCPMediaListener.withListener(boundTo: address) { listener in
                #expect(await Wait.until { client.isConnected })
                _ = client.send(TCPTestSupport.rtpFrame(sequence: 1, size: 50), deadline: .now + .seconds(1))
                let received = await TCPTestSupport.collect(1, from: listener.inbound, within: .seconds(5))
                #expect(received.count == 1)
            }
        }
        // (Then the listener's scope ends and closes the connection: reported as usual.)
        let seen = events.withLock { $0 }
        #expect(seen.count >= 2, "\(seen)")
        guard case .unavailable(let reason, _) = seen.first else {
            Issue.record("\(seen)")
            return
        }
        #expect(reason == "connection refused", "\(reason)")
        #expect(seen.dropFirst().first == .connected(number: 1))
    }
}
