import NIOCore
import Testing
import Transport

#if canImport(Glibc)
import Glibc
#endif

/// `stampArrivals`: every datagram `inbound` yields has its own arrival, read on the event loop
/// before the datagram reached the reading task, in order.
@Suite struct ArrivalStampsTests {
    private static func wallClock() -> Duration {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return .seconds(Int64(ts.tv_sec)) + .nanoseconds(Int64(ts.tv_nsec))
    }

    @Test func everyDatagramHasAnArrivalStampedBeforeItIsTaken() async throws {
        var options = UDPSocketOptions()
        options.stampArrivals = true
        try await UDPTransport.withSocket(boundTo: try SocketAddress(ipAddress: "127.0.0.1", port: 0), options: options) { server in
            let target = try #require(server.localAddress)
            let arrivals = try #require(server.arrivals)
            let sentAfter = Self.wallClock()
            try await UDPTransport.withSocket(boundTo: try SocketAddress(ipAddress: "127.0.0.1", port: 0)) { client in
                try await client.send(batch: (0..<50).map { i in (bytes: [UInt8(i)], remote: target) })
                var stamps: [ArrivalStamps.Stamp] = []
                for try await _ in server.inbound {
                    let takenAt = (instant: ContinuousClock.now, wall: Self.wallClock())
                    let stamp = try #require(arrivals.next())
                    #expect(stamp.instant <= takenAt.instant)
                    #expect(stamp.wallClock >= sentAfter && stamp.wallClock <= takenAt.wall)
                    stamps.append(stamp)
                    if stamps.count == 50 { break }
                }
                #expect(zip(stamps, stamps.dropFirst()).allSatisfy { $0.instant <= $1.instant })
                #expect(arrivals.next() == nil)
            }
        }
    }

    @Test func withoutTheOptionThereAreNoStamps() async throws {
        try await UDPTransport.withSocket(boundTo: try SocketAddress(ipAddress: "127.0.0.1", port: 0)) { server in
            #expect(server.arrivals == nil)
        }
    }
}
