import NIOCore
import NIOHTTP1
import Synchronization

/// The `/events` clients and what is sent to them: every event goes to every client, numbered
/// in order. At most ``maximumClients`` listen at once (more get 503 and are counted as
/// refused); a client that does not read (its connection's outbound buffer stayed over the
/// high-water mark, beyond the kernel's full send buffer, for ``slowClientGrace`` or
/// ``slowClientBytes`` more) is closed and counted as dropped, so a slow browser costs bounded
/// memory and never holds up the others or the receiver.
package final class EventFanOut: Sendable {
    package let maximumClients: Int

    /// One event stream, and how long and how much it has been behind.
    private struct Client {
        var channel: any Channel
        /// When a broadcast first found its outbound buffer over the high-water mark, if it still is.
        var behindSince: ContinuousClock.Instant?
        /// Bytes written to it since then.
        var bytesWhileBehind = 0
    }

    private struct State {
        var clients: [ObjectIdentifier: Client] = [:]
        var nextEventID: UInt64 = 1
        var refused = 0
        var dropped = 0
    }

    private let state = Mutex(State())

    /// The default cap on simultaneous `/events` clients.
    package static let defaultMaximumClients = 16

    /// A client behind for this long, at every broadcast, is dropped (a reader briefly behind
    /// a large event is not).
    package let slowClientGrace: Duration
    /// A client is dropped at once when this many bytes were sent to it while it was behind.
    package let slowClientBytes: Int

    package init(maximumClients: Int = defaultMaximumClients, slowClientGrace: Duration = .seconds(3), slowClientBytes: Int = 2 << 20) {
        self.maximumClients = max(1, maximumClients)
        self.slowClientGrace = slowClientGrace
        self.slowClientBytes = max(1, slowClientBytes)
    }

    /// Clients now, refused so far, dropped so far.
    package var counts: (clients: Int, refused: Int, dropped: Int) {
        state.withLock { ($0.clients.count, $0.refused, $0.dropped) }
    }

    /// Adds `channel` as a client; false (and counted as refused) when ``maximumClients`` listen.
    func add(_ channel: any Channel) -> Bool {
        state.withLock { state in
            guard state.clients.count < maximumClients else {
                state.refused += 1
                return false
            }
            state.clients[ObjectIdentifier(channel)] = Client(channel: channel)
            return true
        }
    }

    func remove(_ channel: any Channel) {
        _ = state.withLock { $0.clients.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Closes every event stream (the server is shutting down).
    package func removeAll() {
        let clients = state.withLock { state -> [any Channel] in
            defer { state.clients = [:] }
            return state.clients.values.map(\.channel)
        }
        for channel in clients { channel.close(promise: nil) }
    }

    /// Sends `events` to every client, in order; drops the clients that cannot keep up.
    package func broadcast(_ events: [WebEvent]) {
        guard !events.isEmpty else { return }
        let now = ContinuousClock.now
        var text = ""
        var dropping: [any Channel] = []
        let sending = state.withLock { state -> [any Channel] in
            for event in events {
                text += event.serverSentEvent(id: state.nextEventID)
                state.nextEventID += 1
            }
            var sending: [any Channel] = []
            for (key, var client) in state.clients {
                if client.channel.isWritable {
                    client.behindSince = nil
                    client.bytesWhileBehind = 0
                } else {
                    let since = client.behindSince ?? now
                    client.behindSince = since
                    client.bytesWhileBehind += text.utf8.count
                    if now - since >= slowClientGrace || client.bytesWhileBehind > slowClientBytes {
                        state.clients[key] = nil
                        state.dropped += 1
                        dropping.append(client.channel)
                        continue
                    }
                }
                state.clients[key] = client
                sending.append(client.channel)
            }
            return sending
        }
        for channel in dropping { channel.close(promise: nil) }
        guard !sending.isEmpty else { return }
        let bytes = ByteBuffer(string: text)
        for channel in sending {
            channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(bytes)), promise: nil)
        }
    }
}
