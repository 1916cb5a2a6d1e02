import NIOCore
import NIOPosix
import Synchronization

/// An RTP-over-TCP (RFC 4571) connection that is made again when it drops: the standby and
/// fallback path of `send --transport auto`, which must outlive a receiver restart or a
/// middlebox that forgets a connection.
///
/// Use it inside ``withConnection(to:options:backoff:group:onEvent:_:)``. The first connection
/// must succeed (its error is thrown, as ``TCPMediaClient/withConnection(to:options:group:_:)``
/// throws it); after that, a connection that closes or fails is replaced, with the waits of
/// ``TCPReconnectBackoff``, until the body returns. While no connection is up,
/// ``send(_:deadline:)`` refuses frames rather than holding them: late media is no use.
package final class TCPReconnectingClient: Sendable {
    private struct State {
        var current: TCPMediaClient?
        var connections = 0
        var reconnects = true
        /// Totals of the connections that have closed, plus frames refused while none was up.
        var earlier = TCPClientCounters()
    }

    /// The peer.
    package let remote: SocketAddress
    /// Frames from the peer over each connection in turn, without prefix; bounded like
    /// ``TCPMediaClient/inbound`` (newest kept). Finishes when the client stops.
    package let inbound: AsyncStream<[UInt8]>
    private let inboundContinuation: AsyncStream<[UInt8]>.Continuation
    private let state = Mutex(State())

    private init(remote: SocketAddress, maxQueuedInboundFrames: Int) {
        self.remote = remote
        (inbound, inboundContinuation) = AsyncStream.makeStream(
            of: [UInt8].self, bufferingPolicy: .bufferingNewest(max(maxQueuedInboundFrames, 1)))
    }

    /// Whether a connection is up now.
    package var isConnected: Bool { state.withLock { $0.current?.isConnected ?? false } }

    /// Connections made so far (1 until the first reconnection).
    package var connections: Int { state.withLock { $0.connections } }

    /// Totals over every connection so far; frames refused while no connection was up count as
    /// ``TCPClientCounters/notConnectedDrops``.
    package var counters: TCPClientCounters {
        state.withLock { state in state.current.map { state.earlier.accumulating($0.counters) } ?? state.earlier }
    }

    /// The session is ending (the sender is about to say BYE): a connection that closes from
    /// now on is not made again, and no event reports its close.
    package func stopReconnecting() {
        state.withLock { $0.reconnects = false }
    }

    /// Queues one frame on the current connection (see ``TCPMediaClient/send(_:deadline:)``);
    /// `nil` when no connection is up.
    package func send(_ frame: [UInt8], deadline: ContinuousClock.Instant) -> TCPSendOutcome? {
        let client = state.withLock { state in
            guard let current = state.current, current.isConnected else {
                state.earlier.notConnectedDrops += 1
                return TCPMediaClient?.none
            }
            return current
        }
        return client?.send(frame, deadline: deadline)
    }
}

extension TCPReconnectingClient {
    /// Connects to `remote`, runs `body` with the client while a background task keeps a
    /// connection up, and closes it when `body` returns or throws.
    ///
    /// - Parameters:
    ///   - standby: when true the first connection need not succeed: its failure is reported
    ///     once as ``TCPConnectionEvent/unavailable(reason:retryIn:)``, `body` runs at once
    ///     (``send(_:deadline:)`` refuses frames until a connection is up), and attempts go on
    ///     quietly with `backoff`. How `send --transport auto` keeps its TCP standby.
    ///   - onEvent: called for each connection made, closed or failed to make (from the
    ///     background task; keep it short).
    /// - Throws: the first connection's error (NIO's `ChannelError.connectTimeout` or the
    ///   connect error) unless `standby`, or what `body` throws.
    package static func withConnection<Result: Sendable>(
        to remote: SocketAddress,
        options: TCPClientOptions = TCPClientOptions(),
        backoff: TCPReconnectBackoff = TCPReconnectBackoff(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        standby: Bool = false,
        onEvent: @escaping @Sendable (TCPConnectionEvent) -> Void = { _ in },
        _ body: (TCPReconnectingClient) async throws -> Result
    ) async throws -> Result {
        let client = TCPReconnectingClient(remote: remote, maxQueuedInboundFrames: options.maxQueuedInboundFrames)
        let (firstOutcome, firstContinuation) = AsyncStream.makeStream(of: (any Error)?.self)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            defer { tasks.cancelAll() }
            tasks.addTask {
                await client.maintain(
                    options: options, backoff: backoff, group: group, standby: standby, onEvent: onEvent,
                    first: firstContinuation)
            }
            for await outcome in firstOutcome {
                if let outcome { throw outcome }
                break
            }
            return try await body(client)
        }
    }

    /// Keeps a connection up until cancelled; reports the first attempt's outcome on `first`
    /// and stops if it failed (unless `standby`: then it reports success, says `unavailable`
    /// once and retries without events until a connection is made).
    private func maintain(
        options: TCPClientOptions, backoff: TCPReconnectBackoff, group: any EventLoopGroup, standby: Bool,
        onEvent: @Sendable (TCPConnectionEvent) -> Void, first: AsyncStream<(any Error)?>.Continuation
    ) async {
        defer {
            first.finish()
            inboundContinuation.finish()
        }
        let clock = ContinuousClock()
        var failures = 0
        var isFirst = true
        /// A standby that has never connected: failed attempts are not news.
        var quiet = false
        while !Task.isCancelled {
            var upSince: ContinuousClock.Instant?
            var failure: (any Error)?
            do {
                try await TCPMediaClient.withConnection(to: remote, options: options, group: group) { connection in
                    upSince = clock.now
                    let number = state.withLock { state in
                        state.connections += 1
                        state.current = connection
                        return state.connections
                    }
                    if isFirst {
                        isFirst = false
                        first.yield(nil)
                    }
                    quiet = false
                    onEvent(.connected(number: number))
                    // Ends when the connection closes, or when this task is cancelled.
                    for await frame in connection.inbound { inboundContinuation.yield(frame) }
                }
            } catch {
                if isFirst, !standby {
                    first.yield(error)
                    return
                }
                failure = error
            }
            let reconnects = state.withLock { state in
                if let closed = state.current { state.earlier = state.earlier.accumulating(closed.counters) }
                state.current = nil
                return state.reconnects
            }
            if Task.isCancelled || !reconnects { return }
            if let upSince {
                let upFor = clock.now - upSince
                failures = upFor >= backoff.stableAfter ? 0 : failures + 1
                let wait = backoff.delay(afterFailures: failures)
                onEvent(.closed(upFor: upFor, retryIn: wait))
                guard (try? await Task.sleep(for: wait)) != nil else { return }
            } else {
                failures += 1
                let wait = backoff.delay(afterFailures: failures)
                let reason = failure.map(TCPConnectFailure.describe) ?? "closed while connecting"
                if isFirst {
                    // Standby: the body runs on without TCP; later attempts are quiet.
                    isFirst = false
                    quiet = true
                    first.yield(nil)
                    onEvent(.unavailable(reason: reason, retryIn: wait))
                } else if !quiet {
                    onEvent(.attemptFailed(reason: reason, retryIn: wait))
                }
                guard (try? await Task.sleep(for: wait)) != nil else { return }
            }
        }
    }
}
