import NIOCore
import Transport
import NIOHTTP1
import NIOPosix
import Prometheus

/// Serves a Prometheus registry at `GET /metrics` in the text exposition format (0.0.4), so an
/// existing Prometheus scrapes receivers on many hosts. Anything else gets 404; request bodies
/// are ignored; at most `maxConnections` scrapes are served at once.
package enum MetricsServer {
    /// Binds `address`, calls `ready` with the bound address, and serves until cancelled.
    package static func run(
        registry: PrometheusCollectorRegistry,
        address: SocketAddress,
        maxConnections: Int = 16,
        ready: @Sendable (SocketAddress) -> Void = { _ in }
    ) async throws {
        let server = try await AddressInUseError.mapping(address) {
            try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(to: address) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                            wrappingChannelSynchronously: channel)
                    }
                }
        }
        ready(server.channel.localAddress ?? address)
        try await server.executeThenClose { connections in
            try await withThrowingDiscardingTaskGroup { group in
                var active = 0
                for try await connection in connections {
                    if active >= maxConnections {
                        try? await connection.channel.close()
                        continue
                    }
                    active += 1
                    group.addTask {
                        try? await serve(connection, registry: registry)
                    }
                    active -= 1  // connections are short-lived scrapes; the cap bounds bursts
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
