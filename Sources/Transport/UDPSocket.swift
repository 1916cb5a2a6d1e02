import NIOCore

/// A bound UDP socket inside ``UDPTransport/withSocket(boundTo:options:group:_:)``.
///
/// Iterate ``inbound`` from one task; ``send(_:to:)`` may be called from any task.
package struct UDPSocket: Sendable {
    /// The address the socket is bound to (with the real port when bound to port 0).
    package let localAddress: SocketAddress?
    /// Datagrams as they arrive, batched by `recvmmsg` under the hood. With
    /// ``UDPSocketOptions/receiveOffload`` an element may hold several datagrams: read them with
    /// ``ReceivedDatagram/forEachSegment(_:)``.
    package let inbound: NIOAsyncChannelInboundStream<ReceivedDatagram>
    let outbound: NIOAsyncChannelOutboundWriter<AddressedEnvelope<ByteBuffer>>
    /// With ``UDPSocketOptions/stampArrivals``: each datagram's arrival, read on the event loop;
    /// take one per element of ``inbound``, in order.
    package let arrivals: ArrivalStamps?
    /// Slot size: a datagram of this many bytes may have been truncated by the kernel.
    package let maxDatagramBytes: Int
    /// The NIO channel, for socket options (``kernelDropAccount()``).
    let channel: any Channel
    /// Whether ``send(batch:)`` coalesces equal-size runs with GSO.
    package let segmentationOffload: Bool
    /// Under GRO with CAP_BPF: datagrams that reached the socket and that NIO read
    /// (``kernelDropAccount()``).
    let arrivalCounter: SocketArrivalCounter?
    /// Whether the socket reads with GRO (``UDPSocketOptions/usesReceiveOffload``).
    let receiveOffload: Bool

    /// Sends one datagram.
    package func send(_ bytes: [UInt8], to remote: SocketAddress) async throws {
        try await outbound.write(AddressedEnvelope(remoteAddress: remote, data: ByteBuffer(bytes: bytes)))
    }

    /// Sends many datagrams with one flush, so NIO can use `sendmmsg`; with GSO, runs of
    /// equal-size datagrams to one destination go out as one super-datagram each
    /// (see ``UDPSegmentation/coalesce(_:)``).
    package func send(batch: [(bytes: [UInt8], remote: SocketAddress)]) async throws {
        if segmentationOffload {
            try await outbound.write(contentsOf: UDPSegmentation.coalesce(batch))
        } else {
            try await outbound.write(contentsOf: Self.envelopes(batch))
        }
    }

    /// The batch as envelopes over one buffer (slices of it): one allocation per batch rather
    /// than one per datagram. At 250,000 datagrams/s the per-datagram buffers, allocated here
    /// and freed on the event loop, kept glibc growing and trimming its heap (page faults were
    /// 10 % of the sender's time).
    package static func envelopes(_ batch: [(bytes: [UInt8], remote: SocketAddress)]) -> [AddressedEnvelope<ByteBuffer>] {
        var total = 0
        for item in batch { total += item.bytes.count }
        var all = ByteBufferAllocator().buffer(capacity: total)
        for item in batch { all.writeBytes(item.bytes) }
        var envelopes: [AddressedEnvelope<ByteBuffer>] = []
        envelopes.reserveCapacity(batch.count)
        var offset = all.readerIndex
        for item in batch {
            // Sliced only once every byte is written: a slice shares the storage, so a write
            // after it would copy the whole buffer.
            let slice = all.getSlice(at: offset, length: item.bytes.count) ?? ByteBuffer(bytes: item.bytes)
            envelopes.append(AddressedEnvelope(remoteAddress: item.remote, data: slice))
            offset += item.bytes.count
        }
        return envelopes
    }
}
