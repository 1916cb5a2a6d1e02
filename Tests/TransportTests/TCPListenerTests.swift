import JitterbugTestSupport
import NIOCore
import NIOPosix
import Testing

#if canImport(TCPTransport)
import TCPTransport
#else
import Transport
#endif

@Suite("TCP media listener on loopback", .serialized)
struct TCPListenerTests {
    private typealias Support = TCPTestSupport

    /// Short timeouts so the slow-peer tests finish quickly.
    private let shortLimits = TCPListenerLimits(
        maxConnections: 8, firstFrameTimeout: .milliseconds(300), idleTimeout: .milliseconds(300))

    @Test("1 000 frames from the client arrive in order and intact; RTCP goes back on the same connection")
    func thousandFramesAndRTCPBack() async throws {
        let frames = (0..<1_000).map { Support.rtpFrame(sequence: $0, size: 20 + ($0 * 37) % 1_200) }
        let receiverReport: [UInt8] = [0x81, 201, 0x00, 0x07] + [UInt8](repeating: 0x11, count: 28)
        try await TCPMediaListener.withListener(boundTo: Support.loopback()) { listener in
            let address = try #require(listener.localAddress)
            let options = TCPClientOptions(sendQueueCapacity: 1_000)
            try await TCPMediaClient.withConnection(to: address, options: options) { client in
                #expect(client.isConnected)
                // A generous deadline: this test is about order and integrity, not about drops, and
                // a loaded CI machine can take many seconds to drain 1,000 frames.
                let deadline = ContinuousClock.now + .seconds(300)
                for frame in frames {
                    #expect(client.send(frame, deadline: deadline) == .enqueued)
                }
                let received = await Support.collect(1_000, from: listener.inbound)
                #expect(received.count == 1_000)
                #expect(received.map(\.frame) == frames)
                #expect(Set(received.map(\.connectionID)).count == 1)
                let first = try #require(received.first)
                #expect(first.remote.port == client.localAddress?.port)

                try await listener.send(receiverReport, toConnection: first.connectionID)
                let back = await Support.collect(1, from: client.inbound)
                #expect(back == [receiverReport])

                let sent = client.counters
                #expect(sent.framesSent == 1_000)
                #expect(sent.bytesSent == frames.reduce(0) { $0 + $1.count + 2 })
                #expect(sent.deadlineDrops == 0 && sent.queueOverflowDrops == 0)
                #expect(sent.framesReceived == 1)
                let counters = listener.counters
                #expect(counters.accepted == 1 && counters.framesIn == 1_000)
                #expect(counters.bytesIn == frames.reduce(0) { $0 + $1.count })
            }
        }
    }

    @Test("connections beyond maxConnections are closed at once and counted; existing ones keep working")
    func maxConnections() async throws {
        let limits = TCPListenerLimits(maxConnections: 2, firstFrameTimeout: .seconds(5))
        try await TCPMediaListener.withListener(boundTo: Support.loopback(), limits: limits) { listener in
            let address = try #require(listener.localAddress)
            try await TCPMediaClient.withConnection(to: address) { first in
                try await TCPMediaClient.withConnection(to: address) { second in
                    #expect(await Wait.until { listener.counters.accepted == 2 })
                    let extras = [try await Support.rawConnect(to: address), try await Support.rawConnect(to: address)]
                    for extra in extras {
                        #expect(await Support.closes(extra, within: .seconds(2)))
                    }
                    #expect(listener.counters.rejectedTooMany == 2)
                    #expect(listener.counters.openConnections == 2)
                    #expect(first.isConnected && second.isConnected)

                    let later = ContinuousClock.now + .seconds(5)
                    _ = first.send(Support.rtpFrame(sequence: 1, size: 50), deadline: later)
                    _ = second.send(Support.rtpFrame(sequence: 2, size: 50), deadline: later)
                    let received = await Support.collect(2, from: listener.inbound)
                    #expect(Set(received.map(\.frame)) == [Support.rtpFrame(sequence: 1, size: 50), Support.rtpFrame(sequence: 2, size: 50)])
                    #expect(Set(received.map(\.connectionID)).count == 2)
                }
            }
            // Closed slots are freed: a new connection is admitted again.
            #expect(await Wait.until { listener.counters.openConnections == 0 })
            let again = try await Support.rawConnect(to: address)
            #expect(await Wait.until { listener.counters.accepted == 3 })
            try await again.close()
        }
    }

    @Test("a connection that sends nothing is closed after firstFrameTimeout")
    func silentConnection() async throws {
        try await TCPMediaListener.withListener(boundTo: Support.loopback(), limits: shortLimits) { listener in
            let address = try #require(listener.localAddress)
            let start = ContinuousClock.now
            let silent = try await Support.rawConnect(to: address)
            #expect(await Support.closes(silent, within: .seconds(3)))
            #expect(ContinuousClock.now - start >= .milliseconds(250))
            #expect(listener.counters.closedSilent == 1)
            #expect(listener.counters.accepted == 1)
        }
    }

    @Test("a length prefix larger than what follows, then nothing: closed by the timeouts")
    func truncatedFrame() async throws {
        try await TCPMediaListener.withListener(boundTo: Support.loopback(), limits: shortLimits) { listener in
            let address = try #require(listener.localAddress)
            // Announces 256 bytes, sends 4: never a valid frame → first-frame timeout.
            let first = try await Support.rawConnect(to: address)
            try await Support.write([0x01, 0x00, 0x80, 0x60, 0x00, 0x01], to: first)
            #expect(await Support.closes(first, within: .seconds(3)))
            #expect(listener.counters.closedSilent == 1)

            // One valid frame, then a truncated one: idle timeout (partial bytes are not activity).
            let second = try await Support.rawConnect(to: address)
            let valid = Support.rtpFrame(sequence: 1, size: 12)
            try await Support.write(Support.framed(valid) + [0x01, 0x00, 0x80], to: second)
            let received = await Support.collect(1, from: listener.inbound)
            #expect(received.map(\.frame) == [valid])
            #expect(await Support.closes(second, within: .seconds(3)))
            #expect(listener.counters.closedIdle == 1)
            #expect(listener.counters.framesIn == 1)
        }
    }

    @Test("garbage overflowing the per-connection cap is closed and counted as oversize")
    func garbageOversize() async throws {
        var limits = shortLimits
        limits.maxBufferedBytesPerConnection = 4_096
        limits.firstFrameTimeout = .seconds(5)
        try await TCPMediaListener.withListener(boundTo: Support.loopback(), limits: limits) { listener in
            let address = try #require(listener.localAddress)
            let peer = try await Support.rawConnect(to: address)
            // "GE" announces 18 245 bytes, which can never fit under 4 096.
            let garbage = Array(String(repeating: "GET / HTTP/1.1\r\nHost: x\r\n\r\n", count: 300).utf8)
            try? await Support.write(garbage, to: peer)
            #expect(await Support.closes(peer, within: .seconds(2)))
            #expect(listener.counters.closedOversize == 1)
            #expect(listener.counters.closedSilent == 0)
            #expect(listener.counters.framesIn == 0)
        }
    }

    @Test("a well-framed frame that is not RTP version 2 closes the connection as garbage")
    func notRTP() async throws {
        try await TCPMediaListener.withListener(boundTo: Support.loopback(), limits: shortLimits) { listener in
            let address = try #require(listener.localAddress)
            let peer = try await Support.rawConnect(to: address)
            try await Support.write(Support.framed([0x16, 0x03, 0x01, 0x00]), to: peer)  // a TLS record start
            #expect(await Support.closes(peer, within: .seconds(2)))
            #expect(listener.counters.closedGarbage == 1)
            #expect(listener.counters.framesIn == 0)
        }
    }

    @Test("zero-length frames are counted, valid frames still delivered; unknown connection rejected")
    func zeroLengthAndUnknownConnection() async throws {
        try await TCPMediaListener.withListener(boundTo: Support.loopback(), limits: shortLimits) { listener in
            let address = try #require(listener.localAddress)
            let peer = try await Support.rawConnect(to: address)
            let valid = Support.rtpFrame(sequence: 3, size: 30)
            try await Support.write([0, 0, 0, 0] + Support.framed(valid), to: peer)
            let received = await Support.collect(1, from: listener.inbound)
            #expect(received.map(\.frame) == [valid])
            #expect(listener.counters.zeroLengthFrames == 2)
            let id = try #require(received.first?.connectionID)
            #expect(listener.openConnectionIDs == [id])
            await #expect(throws: TCPTransportError.unknownConnection(id + 100)) {
                try await listener.send(valid, toConnection: id + 100)
            }
            await #expect(throws: TCPTransportError.invalidFrameSize(0)) {
                try await listener.send([], toConnection: id)
            }
            listener.close(connectionID: id)
            #expect(await Support.closes(peer, within: .seconds(2)))
        }
    }
}
