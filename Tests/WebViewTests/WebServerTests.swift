import JitterbugTestSupport
import NIOCore
import Reports
import Testing
@testable import WebView

/// The server on a real loopback socket: an SSE client reads events in order; unknown paths
/// and other methods are refused; too many and too slow event clients are refused or dropped
/// and counted.
@Suite(.serialized) struct WebServerTests {
    typealias Stream = SummaryFixtures.Stream

    /// Runs `body` with a server on an ephemeral loopback port; always closes it.
    func withServer(
        maximumClients: Int = 4, clientBufferBytes: Int = WebServer.defaultClientBufferBytes,
        _ body: (WebServer, Int) async throws -> Void
    ) async throws {
        let server = WebServer(
            live: LiveStreams(intervalSeconds: 1), fanOut: EventFanOut(maximumClients: maximumClients),
            files: WebPageFiles(files: ["index.html": Array("<p>page</p>".utf8)], chartLibrary: nil),
            metrics: { Array("jitterbug_streams 1\n".utf8) }, clientBufferBytes: clientBufferBytes)
        let channel = try await server.bind(try SocketAddress(ipAddress: "127.0.0.1", port: 0))
        do {
            try await body(server, try #require(channel.localAddress?.port))
        } catch {
            try? await channel.close()
            throw error
        }
        try? await channel.close()
    }

    /// Publishes interval `second` with one stream of `second × 50` packets.
    func publish(_ server: WebServer, second: Int) {
        server.publish(interval: SummaryFixtures.record(end: Double(second)))
        server.publish(summary: SummaryFixtures.summary([Stream(name: "10.0.0.1:4000 ssrc 0x1", packets: Int64(second * 50), lost: Int64(second))]))
    }

    /// Waits until the server's own task applied `intervals` intervals (publishing returns at once).
    func waitForIntervals(_ server: WebServer, _ intervals: Int) async {
        for _ in 0..<250 where server.live.page(sort: .id, offset: 0, limit: 1).intervals < intervals {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until `count` event clients are registered.
    func waitForClients(_ server: WebServer, _ count: Int) async {
        for _ in 0..<250 where server.fanOut.counts.clients < count { try? await Task.sleep(for: .milliseconds(20)) }
    }

    @Test func anEventClientReadsEveryIntervalInOrder() async throws {
        try await withServer { server, port in
            let client = try #require(LoopbackHTTPClient(port: port))
            client.send("GET", "/events")
            await waitForClients(server, 1)
            for second in 1...10 { publish(server, second: second) }
            await server.finish(atSeconds: 10, linger: .zero)
            // 10 intervals, the stream's start after the first, then the end of the run.
            let events = client.readEvents(12)
            #expect(events.count == 12)
            #expect(events.map(\.id) == Array(1...12).map { Optional($0) })
            #expect(events.map(\.event) == ["interval", "stream_start"] + Array(repeating: "interval", count: 9) + ["end"])
            let intervals = events.filter { $0.event == "interval" }
            #expect(intervals.map(\.data) == (1...10).map { JSONLWriter.encode(SummaryFixtures.record(end: Double($0))) })
        }
    }

    @Test func unknownPathsAndOtherMethodsAreRefused() async throws {
        try await withServer { server, port in
            publish(server, second: 1)
            await waitForIntervals(server, 1)
            #expect(LoopbackHTTPClient.request(port: port, "GET", "/nothing")?.status == 404)
            #expect(LoopbackHTTPClient.request(port: port, "GET", "/api/streams/7")?.status == 404)
            #expect(LoopbackHTTPClient.request(port: port, "GET", "/api/streams?sort=size")?.status == 400)
            let post = try #require(LoopbackHTTPClient.request(port: port, "POST", "/api/streams"))
            #expect(post.status == 405)
            #expect(post.head.lowercased().contains("allow: get, head"))
            #expect(LoopbackHTTPClient.request(port: port, "DELETE", "/")?.status == 405)
            let page = try #require(LoopbackHTTPClient.request(port: port, "GET", "/"))
            #expect(page.status == 200 && page.body == "<p>page</p>")
            let streams = try #require(LoopbackHTTPClient.request(port: port, "GET", "/api/streams"))
            #expect(streams.status == 200 && streams.body.contains("\"ssrc\":\"0x1\""))
            let chart = try #require(LoopbackHTTPClient.request(port: port, "GET", "/chart.js"))
            #expect(chart.status == 404 && chart.body.contains("libjs-chart.js"))
            #expect(LoopbackHTTPClient.request(port: port, "GET", "/metrics")?.body == "jitterbug_streams 1\n")
        }
    }

    @Test func clientsBeyondTheLimitAreRefusedAndCounted() async throws {
        try await withServer(maximumClients: 2) { server, port in
            let first = try #require(LoopbackHTTPClient(port: port))
            let second = try #require(LoopbackHTTPClient(port: port))
            first.send("GET", "/events")
            second.send("GET", "/events")
            await waitForClients(server, 2)
            let third = try #require(LoopbackHTTPClient.request(port: port, "GET", "/events"))
            #expect(third.status == 503)
            #expect(server.fanOut.counts.clients == 2)
            #expect(server.fanOut.counts.refused == 1)
            // The two served still get the events.
            publish(server, second: 1)
            #expect(first.readEvents(1).first?.event == "interval")
            #expect(second.readEvents(1).first?.event == "interval")
        }
    }

    @Test func aClientThatDoesNotReadIsDroppedAndCounted() async throws {
        try await withServer(clientBufferBytes: 64 * 1024) { server, port in
            let slow = try #require(LoopbackHTTPClient(port: port, receiveBufferBytes: 4_096))
            let reader = try #require(LoopbackHTTPClient(port: port))
            slow.send("GET", "/events")
            reader.send("GET", "/events")
            await waitForClients(server, 2)
            // The reader reads everything as it comes; the slow client reads nothing.
            let read = Task.detached { reader.readEvents(10_000, last: "end").map(\.event) }
            let big = WebEvent(kind: .relay, data: "{\"padding\":\"" + String(repeating: "x", count: 60_000) + "\"}")
            var sent = 0
            while server.fanOut.counts.dropped == 0, sent < 2_000 {  // at most 120 MB, 40 s
                server.fanOut.broadcast([big])
                sent += 1
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(server.fanOut.counts.dropped == 1, "after \(sent) events of 60 kB")
            #expect(server.fanOut.counts.clients == 1)
            // The reader was served all along: every event, then the end.
            await server.finish(atSeconds: 1, linger: .zero)
            let events = await read.value
            #expect(events == Array(repeating: "relay", count: sent) + ["end"], "\(events.count) events of \(sent) + end")
        }
    }
}
