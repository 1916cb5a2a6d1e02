import NIOCore
import Synchronization

/// State shared by the listener's event-loop handlers and its async tasks: admission, the open
/// connections' writers, and the counters. Everything is behind one `Mutex`; critical sections
/// are a few field updates.
final class TCPListenerState: Sendable {
    /// An admitted connection: its channel (to close it) and, once its task runs, its writer.
    struct Connection: Sendable {
        let channel: any Channel
        var outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>?
    }

    private struct Inner {
        var counters = TCPListenerCounters()
        var nextConnectionID = 1
        var connections: [Int: Connection] = [:]
    }

    let maxConnections: Int
    private let inner = Mutex(Inner())

    init(maxConnections: Int) {
        self.maxConnections = max(maxConnections, 0)
    }

    var counters: TCPListenerCounters { inner.withLock { $0.counters } }

    var openConnectionIDs: [Int] { inner.withLock { $0.connections.keys.sorted() } }

    /// Admits `channel` and returns its connection ID, or counts a rejection and returns nil.
    func admit(_ channel: any Channel) -> Int? {
        inner.withLock { state in
            guard state.connections.count < maxConnections else {
                state.counters.rejectedTooMany += 1
                return nil
            }
            let id = state.nextConnectionID
            state.nextConnectionID += 1
            state.connections[id] = Connection(channel: channel, outbound: nil)
            state.counters.accepted += 1
            state.counters.openConnections = state.connections.count
            return id
        }
    }

    func attach(_ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, to id: Int) {
        inner.withLock { $0.connections[id]?.outbound = outbound }
    }

    /// Forgets a closed connection; its slot is free for the next one.
    func release(_ id: Int) {
        inner.withLock { state in
            state.connections[id] = nil
            state.counters.openConnections = state.connections.count
        }
    }

    func connection(_ id: Int) -> Connection? { inner.withLock { $0.connections[id] } }

    func update(_ change: (inout TCPListenerCounters) -> Void) {
        inner.withLock { change(&$0.counters) }
    }
}
