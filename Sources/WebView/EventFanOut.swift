import NIOCore
import NIOHTTP1
import Synchronization

/// The `/events` clients and what is sent to them: every event goes to every client, numbered
/// in order. At most ``maximumClients`` listen at once (more get 503 and are counted as
/// refused); a client that does not read (its connection's outbound buffer passed the high
/// water mark while the kernel's send buffer was full) is closed and counted as dropped, so a
/// slow browser costs bounded memory and never holds up the others or the receiver.
package final class EventFanOut: Sendable {
    package let maximumClients: Int

    private struct State {
        var clients: [ObjectIdentifier: any Channel] = [:]
        var nextEventID: UInt64 = 1
        var refused = 0
        var dropped = 0
    }

    private let state = Mutex(State())

    /// The default cap on simultaneous `/events` clients.
    package static let defaultMaximumClients = 16

    package init(maximumClients: Int = defaultMaximumClients) {
        self.maximumClients = max(1, maximumClients)
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
            state.clients[ObjectIdentifier(channel)] = channel
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
            return Array(state.clients.values)
        }
        for channel in clients { channel.close(promise: nil) }
    }

    /// Sends `events` to every client, in order; drops the clients that cannot keep up.
    package func broadcast(_ events: [WebEvent]) {
        guard !events.isEmpty else { return }
        let (clients, text) = state.withLock { state -> ([any Channel], String) in
            var text = ""
            for event in events {
                text += event.serverSentEvent(id: state.nextEventID)
                state.nextEventID += 1
            }
            return (Array(state.clients.values), text)
        }
        guard !clients.isEmpty else { return }
        let bytes = ByteBuffer(string: text)
        for channel in clients {
            guard channel.isWritable else {
                let wasClient = state.withLock { state -> Bool in
                    guard state.clients.removeValue(forKey: ObjectIdentifier(channel)) != nil else { return false }
                    state.dropped += 1
                    return true
                }
                if wasClient { channel.close(promise: nil) }
                continue
            }
            channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(bytes)), promise: nil)
        }
    }
}
