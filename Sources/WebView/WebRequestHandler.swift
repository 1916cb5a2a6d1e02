import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP connection: routes each request (``WebRoute``) and answers it; an `/events`
/// request turns the connection into an event stream registered with the ``EventFanOut``.
final class WebRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let server: WebServer
    private var head: HTTPRequestHead?
    private var streaming = false

    init(server: WebServer) {
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break  // bodies are not read: nothing here takes input
        case .end:
            guard let head, !streaming else { return }
            self.head = nil
            respond(to: head, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if streaming { server.fanOut.remove(context.channel) }
        context.fireChannelInactive()
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let route = WebRoute.route(method: head.method, uri: head.uri)
        switch route {
        case .page:
            send(.ok, "text/html; charset=utf-8", server.files.files["index.html"] ?? [], head: head, context: context)
        case .asset(let name):
            let type = name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8"
            guard let body = server.files.files[name] else { return notFound(head, context) }
            send(.ok, type, body, head: head, context: context)
        case .chartLibrary:
            guard let body = server.files.chartLibrary else {
                return send(
                    .notFound, "text/plain; charset=utf-8",
                    Array("Chart.js is not installed: charts need the Debian package libjs-chart.js (apt-get install libjs-chart.js)\n".utf8),
                    head: head, context: context)
            }
            send(.ok, "text/javascript; charset=utf-8", body, head: head, context: context, cache: true)
        case .events:
            startEvents(head, context)
        case .streams(let sort, let offset, let limit):
            var page = server.live.page(sort: sort, offset: offset, limit: limit)
            (page.sseClients, page.sseRefused, page.sseDropped) = server.fanOut.counts
            sendJSON(page, head: head, context: context)
        case .stream(let id):
            guard let detail = server.live.detail(id: id) else {
                return send(.notFound, "text/plain; charset=utf-8", Array("no stream \(id): see /api/streams\n".utf8), head: head, context: context)
            }
            sendJSON(detail, head: head, context: context)
        case .metrics:
            guard let metrics = server.metrics else { return notFound(head, context) }
            send(.ok, "text/plain; version=0.0.4; charset=utf-8", metrics(), head: head, context: context)
        case .notFound:
            notFound(head, context)
        case .methodNotAllowed:
            var headers = HTTPHeaders()
            headers.add(name: "Allow", value: "GET, HEAD")
            send(.methodNotAllowed, "text/plain; charset=utf-8", Array("read-only: only GET and HEAD\n".utf8), head: head, context: context, extra: headers)
        case .badRequest(let message):
            send(.badRequest, "text/plain; charset=utf-8", Array((message + "\n").utf8), head: head, context: context)
        }
    }

    private func notFound(_ head: HTTPRequestHead, _ context: ChannelHandlerContext) {
        let text = "not found: try /, /events, /api/streams, /api/streams/{id}\(server.metrics == nil ? "" : " or /metrics")\n"
        send(.notFound, "text/plain; charset=utf-8", Array(text.utf8), head: head, context: context)
    }

    private func sendJSON(_ value: some Encodable, head: HTTPRequestHead, context: ChannelHandlerContext) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else {
            return send(.internalServerError, "text/plain", Array("could not encode the figures\n".utf8), head: head, context: context)
        }
        send(.ok, "application/json", Array(data), head: head, context: context)
    }

    private func send(
        _ status: HTTPResponseStatus, _ type: String, _ body: [UInt8], head: HTTPRequestHead, context: ChannelHandlerContext,
        cache: Bool = false, extra: HTTPHeaders = HTTPHeaders()
    ) {
        var headers = extra
        headers.add(name: "Content-Type", value: type)
        headers.add(name: "Content-Length", value: "\(body.count)")
        headers.add(name: "Cache-Control", value: cache ? "max-age=3600" : "no-store")
        // Nothing the page loads comes from elsewhere (no network beyond this server).
        headers.add(name: "Content-Security-Policy", value: "default-src 'self'; style-src 'self'; img-src 'self' data:")
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        let keepAlive = head.isKeepAlive
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    /// Answers with an open `text/event-stream` and registers the connection, or 503 when
    /// ``EventFanOut/maximumClients`` already listen.
    private func startEvents(_ head: HTTPRequestHead, _ context: ChannelHandlerContext) {
        guard head.method == .GET else {
            return send(.ok, "text/event-stream", [], head: head, context: context)
        }
        guard server.fanOut.add(context.channel) else {
            var extra = HTTPHeaders()
            extra.add(name: "Retry-After", value: "5")
            var closing = head
            closing.headers.replaceOrAdd(name: "Connection", value: "close")
            return send(
                .serviceUnavailable, "text/plain; charset=utf-8",
                Array("too many event clients (at most \(server.fanOut.maximumClients)); try again later\n".utf8),
                head: closing, context: context, extra: extra)
        }
        streaming = true
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/event-stream; charset=utf-8")
        headers.add(name: "Cache-Control", value: "no-store")
        headers.add(name: "X-Accel-Buffering", value: "no")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .ok, headers: headers))), promise: nil)
        // A comment first, so the browser sees the stream open before the first interval ends.
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: ": jitterbug events\nretry: 2000\n\n")))), promise: nil)
    }
}
