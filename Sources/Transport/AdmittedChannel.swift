import NIOCore
import Synchronization

/// Holds an accepted connection's `NIOAsyncChannel` from the child-channel initializer until a
/// task serves it.
///
/// An accepted connection can be dropped before any task serves it: the accept loop is
/// cancelled while connections are still buffered in the server channel's stream, or a child
/// finishes its initializer after the server closed. NIO traps when a `NIOAsyncChannel`'s
/// writer is released unfinished ("Deinited NIOAsyncWriter without calling finish()"), in
/// release builds too, so a connection arriving during shutdown could crash the process.
/// Whatever drops this holder, its `deinit` runs the channel's `executeThenClose`, which
/// finishes the writer and closes the connection.
package final class AdmittedChannel<Inbound: Sendable, Outbound: Sendable>: Sendable {
    private let channel: Mutex<NIOAsyncChannel<Inbound, Outbound>?>

    package init(_ channel: NIOAsyncChannel<Inbound, Outbound>) {
        self.channel = Mutex(channel)
    }

    /// The channel, once: the caller must run it through `executeThenClose`. Nil if taken.
    package func take() -> NIOAsyncChannel<Inbound, Outbound>? {
        channel.withLock { held in
            defer { held = nil }
            return held
        }
    }

    deinit {
        guard let untaken = take() else { return }
        Task { try? await untaken.executeThenClose { _, _ in } }
    }
}
