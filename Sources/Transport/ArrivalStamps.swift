import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Arrival times of a UDP socket's datagrams, taken on the event loop as NIO reads each one
/// (``UDPSocketOptions/stampArrivals``), in the order ``UDPSocket/inbound`` yields them.
///
/// Reading the clocks where the datagram is read, not where a task later takes it from the
/// async sequence, keeps a busy machine's task scheduling (milliseconds at times) out of the
/// arrival time. The kernel's own receive timestamp (SO_TIMESTAMPNS) would be better still,
/// but NIO does not hand control messages other than ECN and packet info to the channel.
package final class ArrivalStamps: Sendable {
    /// One arrival: the monotonic instant and the wall clock (time since the Unix epoch), read
    /// together.
    package struct Stamp: Sendable {
        package var instant: ContinuousClock.Instant
        package var wallClock: Duration
    }

    private let pending = Mutex(Pending())

    private struct Pending {
        var stamps: [Stamp] = []
        var head = 0
    }

    /// Most stamps kept unread; past this the oldest half is dropped (the reader is gone or
    /// not popping), and readers fall back to their own clock.
    static let limit = 65_536

    package init() {}

    /// Records one datagram's arrival now.
    func record() {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let stamp = Stamp(instant: .now, wallClock: .seconds(Int64(ts.tv_sec)) + .nanoseconds(Int64(ts.tv_nsec)))
        pending.withLock { queue in
            if queue.stamps.count - queue.head >= Self.limit { queue.head += Self.limit / 2 }
            if queue.head > 1_024, queue.head * 2 > queue.stamps.count {
                queue.stamps.removeFirst(queue.head)
                queue.head = 0
            }
            queue.stamps.append(stamp)
        }
    }

    /// The arrival of the next datagram ``UDPSocket/inbound`` yields; `nil` if none is recorded.
    package func next() -> Stamp? {
        pending.withLock { queue in
            guard queue.head < queue.stamps.count else { return nil }
            defer { queue.head += 1 }
            return queue.stamps[queue.head]
        }
    }
}

/// Stamps each datagram on the event loop and passes it on unchanged.
final class ArrivalStampHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias InboundOut = AddressedEnvelope<ByteBuffer>

    let stamps: ArrivalStamps

    init(stamps: ArrivalStamps) { self.stamps = stamps }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        stamps.record()
        context.fireChannelRead(data)
    }
}
