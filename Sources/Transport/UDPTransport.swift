import NIOCore
import NIOPosix
import Synchronization

/// One received datagram: who sent it and its bytes.
package typealias ReceivedDatagram = AddressedEnvelope<ByteBuffer>

/// UDP sockets on SwiftNIO with vector reads (`recvmmsg`) and batched writes (`sendmmsg`).
package enum UDPTransport {
    /// Binds a UDP socket to `address` (port 0 picks a free port), runs `body` with it, and closes
    /// the socket when `body` returns or throws.
    package static func withSocket<Result: Sendable>(
        boundTo address: SocketAddress,
        options: UDPSocketOptions = UDPSocketOptions(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        _ body: (UDPSocket) async throws -> Result
    ) async throws -> Result {
        // With GRO one read may return an aggregate of up to 64 KiB: every slot must hold one.
        let receiveOffload = options.usesReceiveOffload
        let slotBytes = receiveOffload ? 65536 : options.maxDatagramBytes
        let slots =
            receiveOffload
            ? min(options.vectorReadMessageCount, UDPSocketOptions.receiveOffloadVectorReadMessageCount)
            : options.vectorReadMessageCount
        // No SO_REUSEADDR: with it a second process could bind the same UDP port and take the
        // stream silently; without it that bind fails with AddressInUseError.
        var bootstrap = DatagramBootstrap(group: group)
            // Vector reads split one buffer into equal slots: size it for the whole batch.
            .channelOption(.datagramVectorReadMessageCount, value: slots)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: slotBytes * slots))
        if receiveOffload {
            // UDP_GRO, then the segment size of each aggregate in its metadata (the order matters).
            bootstrap = bootstrap.channelOption(.datagramReceiveOffload, value: true)
                .channelOption(.datagramReceiveSegmentSize, value: true)
        }
        if address.isIPv6Wildcard {
            // `[::]` takes IPv4 too (as IPv4-mapped addresses), whatever net.ipv6.bindv6only says.
            bootstrap = bootstrap.channelOption(.ipv6V6Only, value: 0)
        }
        if let bytes = options.receiveBufferBytes {
            bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(bytes))
        }
        let stamps = options.stampArrivals ? ArrivalStamps() : nil
        // Exact drop accounting under GRO (needs CAP_BPF; without it, none).
        let counter = options.usesReceiveOffload && options.countArrivalsUnderReceiveOffload ? SocketArrivalCounter.load() : nil
        let attached = Mutex(false)
        let channel = try await AddressInUseError.mapping(address) {
            try await bootstrap.bind(to: address) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try counter?.attach(to: channel) { ok in attached.withLock { $0 = ok } }
                    if let stamps { try channel.pipeline.syncOperations.addHandler(ArrivalStampHandler(stamps: stamps)) }
                    let high = options.inboundBufferDatagrams(batchBytes: slotBytes * slots)
                    return try NIOAsyncChannel<ReceivedDatagram, AddressedEnvelope<ByteBuffer>>(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(backPressureStrategy: .init(lowWatermark: high / 4, highWatermark: high)))
                }
            }
        }
        let localAddress = channel.channel.localAddress
        if options.receivePacketInfo {
            // Only once bound: NIO picks IPv4 or IPv6 packet info from the bound address.
            try? await channel.channel.setOption(.receivePacketInfo, value: true).get()
        }
        return try await channel.executeThenClose { inbound, outbound in
            try await body(
                UDPSocket(
                    localAddress: localAddress, inbound: inbound, outbound: outbound,
                    arrivals: stamps, maxDatagramBytes: slotBytes, channel: channel.channel,
                    segmentationOffload: options.usesSegmentationOffload,
                    arrivalCounter: attached.withLock { $0 } ? counter : nil, receiveOffload: receiveOffload))
        }
    }
}

extension UDPTransport {
    /// Whether the kernel takes `UDP_SEGMENT` (GSO: Linux 4.18+).
    package static var supportsSegmentationOffload: Bool { System.supportsUDPSegmentationOffload }
    /// Whether the kernel takes `UDP_GRO` (Linux 5.10+ for NIO's use).
    package static var supportsReceiveOffload: Bool { System.supportsUDPReceiveOffload }

    /// The any-address with port 0 in the same family as `remote` (`0.0.0.0` or `::`), for a
    /// sending socket that lets the kernel choose its port.
    package static func wildcardAddress(matching remote: SocketAddress) throws -> SocketAddress {
        switch remote.protocol {
        case .inet6: try SocketAddress(ipAddress: "::", port: 0)
        default: try SocketAddress(ipAddress: "0.0.0.0", port: 0)
        }
    }
}
