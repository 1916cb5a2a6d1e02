import Foundation
import JitterbugSupport
import NIOCore
import Reports
import NIOHTTP1
import NIOPosix
import Synchronization
import Transport

/// The live view's HTTP/1.1 server (NIO): the page, `/events` (SSE), `/api/streams`,
/// `/api/streams/{id}` and, when given a registry, `/metrics`. Read-only: GET and HEAD only,
/// 405 for other methods, 404 for other paths. At most ``maximumConnections`` connections are
/// open at once (more are closed on accept); each `/events` client is bounded by
/// ``EventFanOut``.
package final class WebServer: Sendable {
    package let live: LiveStreams
    package let fanOut: EventFanOut
    package let files: WebPageFiles
    /// The Prometheus text for `/metrics`, or nil for 404 there.
    package let metrics: (@Sendable () -> [UInt8])?
    /// Most connections open at once (page loads, API polls and event streams together).
    package let maximumConnections: Int
    /// An `/events` client whose unsent bytes pass this (beyond the kernel's send buffer) is
    /// dropped as too slow, bytes.
    package let clientBufferBytes: Int
    private let open = Mutex(0)
    /// The server's own thread: HTTP, JSON, the table and the rings run here, never on the
    /// event loops or tasks that read packets.
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    /// Figures published and not yet applied (at most ``updateBacklog``; beyond, new ones are
    /// dropped and counted in ``updatesDropped``).
    private let pending = Mutex(0)
    private let dropped = Mutex(0)
    private let ended = Ended()

    /// Most published figures waiting to be applied.
    static let updateBacklog = 256

    private enum Update: Sendable {
        case interval(IntervalRecord, Double)
        case summary(ReceiverSummary)
        case relay([RelayCount], Double)
        case phase(ImpairmentMarker, Double)
        case end(Double?)
    }

    /// Set once the `end` event went out.
    private final class Ended: Sendable {
        private let state = Mutex(false)
        var isSet: Bool { state.withLock { $0 } }
        func set() { state.withLock { $0 = true } }
    }

    package static let defaultMaximumConnections = 64
    package static let defaultClientBufferBytes = 256 * 1024

    package init(
        live: LiveStreams, fanOut: EventFanOut = EventFanOut(), files: WebPageFiles = .load(),
        metrics: (@Sendable () -> [UInt8])? = nil, maximumConnections: Int = defaultMaximumConnections,
        clientBufferBytes: Int = defaultClientBufferBytes
    ) {
        self.live = live
        self.fanOut = fanOut
        self.files = files
        self.metrics = metrics
        self.maximumConnections = max(1, maximumConnections)
        self.clientBufferBytes = max(1024, clientBufferBytes)
    }

    deinit { group.shutdownGracefully { _ in } }

    /// Published figures the server could not keep up with (dropped, never queued without bound).
    package var updatesDropped: Int { dropped.withLock { $0 } }

    /// Queues `update` on the server's thread; returns at once.
    private func enqueue(_ update: Update) {
        let admitted = pending.withLock { count -> Bool in
            guard count < Self.updateBacklog else { return false }
            count += 1
            return true
        }
        guard admitted else {
            dropped.withLock { $0 += 1 }
            return
        }
        group.next().execute { [self] in
            apply(update)
            pending.withLock { $0 -= 1 }
        }
    }

    /// Keeps the receiver's interval record for the summary that follows it (the receiver's
    /// `onInterval`). Returns at once: the work is done on the server's own task.
    package func publish(interval record: IntervalRecord) {
        // When the receiver closed it (it calls this right after), on the host's clock, for
        // the page's update latency.
        enqueue(.interval(record, Date().timeIntervalSince1970 * 1_000))
    }

    /// Applies the receiver's figures so far and sends the events they make (the receiver's
    /// `onSummary`, once per interval and at the end). Returns at once, so the receiver's
    /// playout task never waits for the table, the rings or a browser.
    package func publish(summary: ReceiverSummary) {
        enqueue(.summary(summary))
    }

    /// Replaces the relay's counts and sends a `relay` event.
    package func publish(relay counts: [RelayCount], atSeconds seconds: Double) {
        enqueue(.relay(counts, seconds))
    }

    /// Shows `markers` (the impairment's whole schedule) in the JSON and on the charts.
    package func publish(markers: [ImpairmentMarker]) {
        live.publish(markers: markers)
    }

    /// Sends a `phase` event: `marker` began at `seconds`.
    package func publish(phaseStarted marker: ImpairmentMarker, atSeconds seconds: Double) {
        enqueue(.phase(marker, seconds))
    }

    /// Sends the `end` event after everything published before, then waits until every page
    /// has fetched the final figures and closed its event stream, at most `linger`, so a
    /// browser keeps the run's last numbers.
    package func finish(atSeconds seconds: Double? = nil, linger: Duration = .seconds(1)) async {
        enqueue(.end(seconds))
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: linger + .seconds(1))
        while !ended.isSet, clock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        let lingerDeadline = clock.now.advanced(by: linger)
        while fanOut.counts.clients > 0, clock.now < lingerDeadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Applies one published update (on the server's thread, in the order published).
    private func apply(_ update: Update) {
        switch update {
        case .interval(let record, let closed): live.publish(interval: record, closedUnixMilliseconds: closed)
        case .summary(let summary): fanOut.broadcast(live.publish(summary: summary))
        case .relay(let counts, let seconds): fanOut.broadcast([live.publish(relay: counts, atSeconds: seconds)])
        case .phase(let marker, let seconds): fanOut.broadcast([live.phaseEvent(marker, atSeconds: seconds)])
        case .end(let seconds):
            var object = JSONLine()
            object.add("t_s", seconds ?? live.lastEndSeconds)
            fanOut.broadcast([WebEvent(kind: .end, data: object.text)])
            ended.set()
        }
    }

    /// Binds `address`, calls `ready` with the bound address, and serves until cancelled.
    /// - Throws: ``AddressInUseError`` or ``BindFailedError`` when `address` cannot be bound.
    package func run(address: SocketAddress, ready: @Sendable (SocketAddress) -> Void = { _ in }) async throws {
        let channel = try await bind(address)
        ready(channel.localAddress ?? address)
        await withTaskCancellationHandler {
            try? await channel.closeFuture.get()
        } onCancel: {
            channel.close(promise: nil)
        }
    }

    /// Binds and returns the listening channel (closed by the caller).
    package func bind(_ address: SocketAddress) async throws -> any Channel {
        let server = self
        let high = clientBufferBytes
        return try await AddressInUseError.mapping(address) {
            try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.writeBufferWaterMark, value: ChannelOptions.Types.WriteBufferWaterMark(low: high / 2, high: high))
                .childChannelInitializer { channel in
                    guard server.admit(channel) else { return channel.close() }
                    return channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        try channel.pipeline.syncOperations.addHandler(WebRequestHandler(server: server))
                    }
                }
                .bind(to: address).get()
        }
    }

    /// Counts an accepted connection, or refuses it past ``maximumConnections``.
    private func admit(_ channel: any Channel) -> Bool {
        let admitted = open.withLock { count -> Bool in
            guard count < maximumConnections else { return false }
            count += 1
            return true
        }
        if admitted { channel.closeFuture.whenComplete { _ in self.open.withLock { $0 -= 1 } } }
        return admitted
    }
}
