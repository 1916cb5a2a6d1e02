import NIOCore
import Testing
import Transport

@Suite struct UDPTransportTests {
    /// Real sockets on loopback: a batch sent with one flush arrives whole and in order.
    @Test(arguments: ["127.0.0.1", "::1"])
    func batchRoundTripOnLoopback(host: String) async throws {
        let receiver = try SocketAddress(ipAddress: host, port: 0)
        try await UDPTransport.withSocket(boundTo: receiver) { server in
            let target = try #require(server.localAddress)
            #expect(target.port != 0)
            try await UDPTransport.withSocket(boundTo: try UDPTransport.wildcardAddress(matching: target)) { client in
                let batch = (0..<100).map { i in (bytes: [UInt8](repeating: UInt8(i), count: 172), remote: target) }
                try await client.send(batch: batch)
                var seen: [UInt8] = []
                for try await datagram in server.inbound {
                    #expect(datagram.data.readableBytes == 172)
                    seen.append(datagram.data.getInteger(at: datagram.data.readerIndex, as: UInt8.self) ?? 255)
                    if seen.count == 100 { break }
                }
                #expect(seen == (0..<100).map { UInt8($0) })
            }
        }
    }

    /// Vector reads split one buffer into slots: each slot must hold a full-size datagram.
    @Test func largeDatagramsAreNotTruncatedByVectorReads() async throws {
        let options = UDPSocketOptions(vectorReadMessageCount: 16, maxDatagramBytes: 2048)
        try await UDPTransport.withSocket(boundTo: try SocketAddress(ipAddress: "127.0.0.1", port: 0), options: options) { server in
            let target = try #require(server.localAddress)
            try await UDPTransport.withSocket(boundTo: try SocketAddress(ipAddress: "127.0.0.1", port: 0)) { client in
                try await client.send(batch: (0..<8).map { _ in (bytes: [UInt8](repeating: 7, count: 1500), remote: target) })
                var count = 0
                for try await datagram in server.inbound {
                    #expect(datagram.data.readableBytes == 1500)
                    count += 1
                    if count == 8 { break }
                }
            }
        }
    }

    /// Without GSO a batch leaves as slices of one buffer: each envelope holds exactly its own
    /// datagram's bytes, sizes varying, in order, to its own destination.
    @Test func batchSlicesHoldEachDatagramsOwnBytes() throws {
        let a = try SocketAddress(ipAddress: "127.0.0.1", port: 5004)
        let b = try SocketAddress(ipAddress: "::1", port: 6000)
        let batch = (0..<50).map { i in (bytes: (0..<(i * 7 % 300)).map { UInt8(truncatingIfNeeded: $0 &+ i) }, remote: i % 3 == 0 ? b : a) }
        let envelopes = UDPSocket.envelopes(batch)
        #expect(envelopes.count == batch.count)
        for (envelope, item) in zip(envelopes, batch) {
            #expect(envelope.remoteAddress == item.remote)
            #expect(Array(envelope.data.readableBytesView) == item.bytes)
        }
    }

    /// The same through real sockets with GSO off (the load generator's default).
    @Test func batchWithoutGSORoundTripsOnLoopback() async throws {
        let loopback = try SocketAddress(ipAddress: "127.0.0.1", port: 0)
        try await UDPTransport.withSocket(boundTo: loopback) { server in
            let target = try #require(server.localAddress)
            let options = UDPSocketOptions(segmentationOffload: false)
            try await UDPTransport.withSocket(boundTo: loopback, options: options) { client in
                try await client.send(batch: (0..<64).map { i in (bytes: [UInt8](repeating: UInt8(i), count: 100 + i), remote: target) })
                var seen = 0
                for try await datagram in server.inbound {
                    #expect(datagram.data.readableBytes == 100 + seen)
                    #expect(datagram.data.readableBytesView.allSatisfy { $0 == UInt8(seen) })
                    seen += 1
                    if seen == 64 { break }
                }
            }
        }
    }
}
