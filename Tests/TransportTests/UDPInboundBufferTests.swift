import NIOCore
import Testing
import Transport

/// The event loop keeps reading while the task that reads ``UDPSocket/inbound`` is busy, up to
/// ``UDPSocketOptions/inboundBufferBytes``: a stalled reader does not leave a burst to the
/// kernel's socket buffer alone.
@Suite struct UDPInboundBufferTests {
    /// Datagrams a reader gets of `sent` paced datagrams that all arrive while it is busy, with
    /// a small kernel buffer (64 KiB asked: a hundred or so small datagrams) and `bufferBytes`.
    private func receivedWhileStalled(bufferBytes: Int, sent: Int) async throws -> Int {
        var options = UDPSocketOptions(receiveBufferBytes: 64 << 10)
        options.inboundBufferBytes = bufferBytes
        let loopback = try SocketAddress(ipAddress: "127.0.0.1", port: 0)
        return try await UDPTransport.withSocket(boundTo: loopback, options: options) { server in
            let target = try #require(server.localAddress)
            return try await UDPTransport.withSocket(boundTo: loopback) { client in
                // Paced (10 every 2 ms) so that the event loop keeps up with the sender (TSan too).
                for start in stride(from: 0, to: sent, by: 10) {
                    let batch = (start..<min(start + 10, sent)).map { _ in (bytes: [UInt8](repeating: 1, count: 172), remote: target) }
                    try await client.send(batch: batch)
                    try await Task.sleep(for: .milliseconds(2))
                }
                try await Task.sleep(for: .milliseconds(100))
                // The reader starts only now; markers sent while it reads end the count.
                return try await withThrowingTaskGroup(of: Int.self) { group in
                    group.addTask {
                        var count = 0
                        for try await datagram in server.inbound {
                            if datagram.data.getInteger(at: datagram.data.readerIndex, as: UInt8.self) == 2 { break }
                            count += 1
                        }
                        return count
                    }
                    group.addTask {
                        for _ in 0..<40 where !Task.isCancelled {
                            try await client.send([UInt8](repeating: 2, count: 172), to: target)
                            try? await Task.sleep(for: .milliseconds(50))
                        }
                        return -1
                    }
                    var counted = -1
                    while let result = try await group.next() {
                        if result >= 0 {
                            counted = result
                            group.cancelAll()
                        }
                    }
                    return counted
                }
            }
        }
    }

    @Test func aBurstWhileTheReaderIsBusyIsHeldOnTheEventLoop() async throws {
        let received = try await receivedWhileStalled(bufferBytes: 64 << 20, sent: 800)
        // Every one here (800 of 800 on a quiet machine); a few may go when a loaded machine
        // keeps the event loop itself off the CPU for the time the kernel buffer lasts (~10 ms).
        #expect(received >= 780, "\(received) of 800")
    }

    /// The contrast, so the test above shows the option at work: with room for 16 datagrams
    /// (NIO's default is 10) the kernel's small buffer drops most of the burst (163 of 800
    /// came on a quiet machine).
    @Test func withLittleRoomTheKernelDropsTheBurst() async throws {
        let received = try await receivedWhileStalled(bufferBytes: 16 * 64 << 10, sent: 800)
        #expect(received > 0 && received < 500, "\(received) of 800")
    }
}
