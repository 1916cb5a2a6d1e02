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
    /// The NIO channel, for socket options (``kernelDrops()``).
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
            try await outbound.write(
                contentsOf: batch.map { AddressedEnvelope(remoteAddress: $0.remote, data: ByteBuffer(bytes: $0.bytes)) })
        }
    }
}
