import CSocketCounter
import NIOCore
import Synchronization

/// Exact accounting under GRO: how many datagrams reached a socket (an eBPF socket filter adds
/// each packet's GRO segments, ``CSocketCounter``) and how many NIO read from it (counted on
/// the event loop, aggregates by their segments). With the socket's queue empty, their
/// difference is what the kernel dropped at the socket, datagram for datagram — which its own
/// counter cannot say under GRO (one increment per dropped aggregate, however many datagrams
/// it held; BENCHMARKS.md "Accounting under GRO").
///
/// Loading the filter needs CAP_BPF (root): where it fails there is no counter and drops stay
/// a lower bound under GRO.
package final class SocketArrivalCounter: Sendable {
    private let mapDescriptor: Int32
    private let programDescriptor: Int32
    /// Datagrams (segments) NIO read from the socket.
    let read = Atomic<Int>(0)

    private init(mapDescriptor: Int32, programDescriptor: Int32) {
        self.mapDescriptor = mapDescriptor
        self.programDescriptor = programDescriptor
    }

    deinit {
        jb_segment_counter_close(programDescriptor)
        jb_segment_counter_close(mapDescriptor)
    }

    /// Loads the filter; nil where the kernel refuses (no CAP_BPF, or not Linux).
    static func load() -> SocketArrivalCounter? {
        var map: Int32 = -1
        let program = jb_segment_counter_load(&map)
        guard program >= 0 else { return nil }
        return SocketArrivalCounter(mapDescriptor: map, programDescriptor: program)
    }

    /// Adds the read counter to the channel's pipeline and attaches the filter to its socket,
    /// on the event loop before the socket is bound; `attached` is called with whether the
    /// socket took the filter (it wants a 4-byte int, which NIO's `SocketOption` is not).
    func attach(to channel: any Channel, attached: @escaping @Sendable (Bool) -> Void) throws {
        try channel.pipeline.syncOperations.addHandler(SocketReadCounterHandler(counter: self))
        guard let provider = channel as? any SocketOptionProvider else { return attached(false) }
        provider.unsafeSetSocketOption(level: NIOBSDSocket.OptionLevel.socket, name: Self.soAttachBPF, value: programDescriptor)
            .whenComplete { attached((try? $0.get()) != nil) }
    }

    /// `SO_ATTACH_BPF` from `<asm-generic/socket.h>`.
    static let soAttachBPF = NIOBSDSocket.Option(rawValue: 50)

    /// Datagrams that reached the socket so far; nil if the map cannot be read.
    var arrived: Int? {
        var count: UInt64 = 0
        guard jb_segment_counter_read(mapDescriptor, &count) == 0 else { return nil }
        return Int(clamping: count)
    }
}

/// Counts what NIO reads, GRO aggregates by their segments, and passes it on unchanged.
final class SocketReadCounterHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias InboundOut = AddressedEnvelope<ByteBuffer>

    let counter: SocketArrivalCounter

    init(counter: SocketArrivalCounter) { self.counter = counter }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        counter.read.wrappingAdd(unwrapInboundIn(data).segmentCount, ordering: .relaxed)
        context.fireChannelRead(data)
    }
}
