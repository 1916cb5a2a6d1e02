import JitterbugTestSupport
import NIOCore
import NIOPosix
import Synchronization
import Testing

#if canImport(TCPTransport)
import TCPTransport
#else
import Transport
#endif

/// Helpers shared by the TCP tests: RTP-looking frames, bounded collecting, raw peers.
enum TCPTestSupport {
    static func loopback() throws -> SocketAddress {
        try SocketAddress(ipAddress: "127.0.0.1", port: 0)
    }

    /// A frame that passes the version-2 check: RTP header start (V=2, PT 96), the 16-bit
    /// sequence number, then `size - 4` bytes derived from `sequence` so corruption shows.
    static func rtpFrame(sequence: Int, size: Int) -> [UInt8] {
        var frame: [UInt8] = [0x80, 96, UInt8(truncatingIfNeeded: sequence >> 8), UInt8(truncatingIfNeeded: sequence)]
        for index in 0..<max(size - 4, 0) {
            frame.append(UInt8(truncatingIfNeeded: sequence &* 31 &+ index))
        }
        return frame
    }

    /// `payload` with its RFC 4571 prefix, built by hand (not with the code under test).
    static func framed(_ payload: [UInt8]) -> [UInt8] {
        [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)] + payload
    }

    /// Collects `count` elements from `sequence`, giving up after `timeout` (returns what came).
    static func collect<S: AsyncSequence & Sendable>(
        _ count: Int, from sequence: S, within timeout: Duration = .seconds(60)
    ) async -> [S.Element] where S.Element: Sendable {
        await withTaskGroup(of: [S.Element]?.self) { group in
            group.addTask {
                var items: [S.Element] = []
                do {
                    for try await item in sequence {
                        items.append(item)
                        if items.count == count { break }
                    }
                } catch {}
                return items
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            var result: [S.Element] = []
            for await value in group {
                if let value {
                    result = value
                }
                group.cancelAll()
                if value != nil { break }
            }
            return result
        }
    }

    /// A plain TCP connection with no framing: bytes written go out as they are; whatever
    /// arrives is discarded. Its `closeFuture` completes when the peer closes it.
    static func rawConnect(to address: SocketAddress) async throws -> any Channel {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(to: address).get()
    }

    static func write(_ bytes: [UInt8], to channel: any Channel) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    /// Waits up to `timeout` for `channel` to be closed (by the peer); returns whether it was.
    static func closes(_ channel: any Channel, within timeout: Duration) async -> Bool {
        await Wait.until(within: timeout) { !channel.isActive }
    }
}
