import NIOCore
import Transport
import NIOHTTP1
import NIOPosix
import Prometheus

/// Serves a Prometheus registry at `GET /metrics` in the text exposition format (0.0.4), so an
/// existing Prometheus scrapes receivers on many hosts. Anything else gets 404; request bodies
/// are ignored; at most `maxConnections` scrapes are served at once (more are closed at once),
/// and a connection that sends nothing for `idleTimeout` is closed.
package enum MetricsServer {
    /// Binds `address`, calls `ready` with the bound address, and serves until cancelled.
    package static func run(
        registry: PrometheusCollectorRegistry,
        address: SocketAddress,
        maxConnections: Int = 16,
        idleTimeout: TimeAmount = .seconds(10),
        ready: @Sendable (SocketAddress) -> Void = { _ in }
    ) async throws {
        let server = try await AddressInUseError.mapping(address) {
            try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(to: address) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandlers(
                            IdleStateHandler(readTimeout: idleTimeout), CloseOnIdleHandler())
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        // Held so that a connection dropped at shutdown is closed, not a trap.
                        return AdmittedChannel(
                            try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                                wrappingChannelSynchronously: channel))
                    }
                }
        }
        ready(server.channel.localAddress ?? address)
        let slots = ConnectionSlots(limit: maxConnections)
        try await server.executeThenClose { connections in
            try await withThrowingDiscardingTaskGroup { group in
                for try await admitted in connections {
                    guard let connection = admitted.take() else { continue }
                    guard slots.acquire() else {
                        // Over the cap: closed at once rather than queued behind slow scrapes.
                        try? await connection.executeThenClose { _, _ in }
                        continue
                    }
                    group.addTask {
                        defer { slots.release() }
                        try? await serve(connection, registry: registry)
                    }
                }
            }
        }
    }

    private static func serve(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>,
        registry: PrometheusCollectorRegistry
    ) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var path: String?
            for try await part in inbound {
                switch part {
                case .head(let head):
                    path = head.method == .GET ? head.uri : nil
                case .body:
                    continue
                case .end:
                    let found = path.map { $0 == "/metrics" || $0.hasPrefix("/metrics?") } ?? false
                    let body = found ? registry.emitToBuffer() : Array("not found: try /metrics\n".utf8)
                    var headers = HTTPHeaders()
                    headers.add(name: "Content-Type", value: found ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain")
                    headers.add(name: "Content-Length", value: "\(body.count)")
                    headers.add(name: "Connection", value: "close")
                    try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: found ? .ok : .notFound, headers: headers)))
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
                    try await outbound.write(.end(nil))
                    return
                }
            }
        }
    }
}
