import NIOCore
import Testing
import Transport

/// UDP GSO on send and GRO on receive: what leaves as few super-datagrams arrives as the
/// original datagrams, byte for byte, whether or not the kernel re-aggregated them.
@Suite struct UDPSegmentationTests {
    static let a = try! SocketAddress(ipAddress: "127.0.0.1", port: 5004)
    static let b = try! SocketAddress(ipAddress: "127.0.0.1", port: 5006)

    /// Distinct contents per datagram, so reordering or a wrong slice shows.
    static func datagram(_ i: Int, count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: i &* 31 &+ $0) }
    }

    @Test func coalesceJoinsEqualSizeRunsToOneDestination() {
        var batch = (0..<50).map { (bytes: Self.datagram($0, count: 172), remote: Self.a) }
        batch.append((bytes: Self.datagram(50, count: 100), remote: Self.a))  // a short last segment
        batch += (0..<3).map { (bytes: Self.datagram($0, count: 172), remote: Self.b) }  // another destination
        batch.append((bytes: Self.datagram(9, count: 1400), remote: Self.b))  // over the MTU-safe size: alone
        batch.append((bytes: Self.datagram(9, count: 1400), remote: Self.b))
        batch.append((bytes: Self.datagram(9, count: 64), remote: Self.a))  // one of its size: alone
        let envelopes = UDPSegmentation.coalesce(batch)
        #expect(envelopes.map(\.data.readableBytes) == [50 * 172 + 100, 3 * 172, 1400, 1400, 64])
        #expect(envelopes.map { $0.metadata?.segmentSize } == [172, 172, nil, nil, nil])
        #expect(envelopes.map(\.remoteAddress) == [Self.a, Self.b, Self.b, Self.b, Self.a])
        #expect(envelopes.map(\.segmentCount) == [51, 3, 1, 1, 1])
        // The bytes are the datagrams in order.
        #expect(Array(envelopes[0].data.readableBytesView) == batch[0...50].flatMap(\.bytes))
    }

    @Test func coalesceRespectsSegmentAndByteLimits() {
        let batch = (0..<150).map { (bytes: Self.datagram($0, count: 172), remote: Self.a) }
        #expect(UDPSegmentation.coalesce(batch).map(\.segmentCount) == [64, 64, 22])
        let big = (0..<100).map { (bytes: Self.datagram($0, count: 1000), remote: Self.a) }
        #expect(UDPSegmentation.coalesce(big).map(\.segmentCount) == [64, 36])
        #expect(UDPSegmentation.coalesce(big, maxBytes: 10_000).map(\.segmentCount) == Array(repeating: 10, count: 10))
        // A short datagram ends a run; equal-size ones after it start the next.
        let mixed = [172, 172, 100, 172, 172].enumerated().map { (bytes: Self.datagram($0, count: $1), remote: Self.a) }
        #expect(UDPSegmentation.coalesce(mixed).map(\.segmentCount) == [3, 2])
    }

    /// An aggregate of N segments with a short last one splits into N slices, in place.
    @Test func splitterSlicesAnAggregate() {
        let segments = (0..<6).map { Self.datagram($0, count: 172) } + [Self.datagram(6, count: 60)]
        let aggregate = segments.flatMap { $0 }
        var slices: [[UInt8]] = []
        aggregate.withUnsafeBytes { bytes in
            UDPSegmentation.forEachSegment(of: bytes, segmentSize: 172) { slice in
                #expect(slice.baseAddress! >= bytes.baseAddress! && slice.baseAddress! < bytes.baseAddress! + bytes.count)
                slices.append(Array(slice))
            }
        }
        #expect(slices == segments)
        // No segment size, or one not smaller than the data: one datagram.
        for size in [nil, 0, aggregate.count, aggregate.count + 1] as [Int?] {
            var count = 0
            aggregate.withUnsafeBytes { UDPSegmentation.forEachSegment(of: $0, segmentSize: size) { _ in count += 1 } }
            #expect(count == 1)
        }
        let envelope = AddressedEnvelope(
            remoteAddress: Self.a, data: ByteBuffer(bytes: aggregate),
            metadata: .init(ecnState: .transportNotCapable, packetInfo: nil, segmentSize: 172))
        var fromEnvelope: [[UInt8]] = []
        envelope.forEachSegment { fromEnvelope.append(Array($0)) }
        #expect(fromEnvelope == segments)
        #expect(envelope.segmentCount == 7)
    }

    /// 50 equal 172-byte datagrams sent as one GSO batch on loopback arrive as 50 datagrams
    /// with the sent bytes, with GRO on (the kernel may hand them over as aggregates) or off.
    @Test(.enabled(if: UDPTransport.supportsSegmentationOffload), arguments: [true, false])
    func gsoBatchArrivesAsTheSentDatagrams(receiveOffload: Bool) async throws {
        let server = UDPSocketOptions(receiveOffload: receiveOffload)
        try await UDPTransport.withSocket(boundTo: try SocketAddress(ipAddress: "127.0.0.1", port: 0), options: server) { server in
            let target = try #require(server.localAddress)
            try await UDPTransport.withSocket(boundTo: try SocketAddress(ipAddress: "127.0.0.1", port: 0)) { client in
                #expect(client.segmentationOffload)
                let sent = (0..<50).map { Self.datagram($0, count: 172) }
                try await client.send(batch: sent.map { (bytes: $0, remote: target) })
                var received: [[UInt8]] = []
                var envelopes = 0
                var aggregates = 0
                for try await envelope in server.inbound {
                    envelopes += 1
                    if envelope.segmentCount > 1 { aggregates += 1 }
                    envelope.forEachSegment { received.append(Array($0)) }
                    if received.count >= 50 { break }
                }
                #expect(received == sent)
                if receiveOffload, UDPTransport.supportsReceiveOffload {
                    // Loopback keeps a GSO send whole for a GRO socket: one aggregate.
                    #expect(aggregates >= 1, "\(envelopes) envelopes")
                } else {
                    // Without GRO the kernel cuts the super-datagram up before the socket.
                    #expect(aggregates == 0)
                    #expect(envelopes == 50)
                }
            }
        }
    }

    /// GSO off: the batch goes out datagram by datagram, and still arrives whole.
    @Test func batchWithoutSegmentationOffload() async throws {
        try await UDPTransport.withSocket(
            boundTo: try SocketAddress(ipAddress: "127.0.0.1", port: 0), options: UDPSocketOptions(receiveOffload: true)
        ) { server in
            let target = try #require(server.localAddress)
            try await UDPTransport.withSocket(
                boundTo: try SocketAddress(ipAddress: "127.0.0.1", port: 0),
                options: UDPSocketOptions(segmentationOffload: false)
            ) { client in
                #expect(!client.segmentationOffload)
                let sent = (0..<20).map { Self.datagram($0, count: 172) }
                try await client.send(batch: sent.map { (bytes: $0, remote: target) })
                var received: [[UInt8]] = []
                for try await envelope in server.inbound {
                    #expect(envelope.segmentCount == 1)
                    envelope.forEachSegment { received.append(Array($0)) }
                    if received.count >= 20 { break }
                }
                #expect(received == sent)
            }
        }
    }
}
