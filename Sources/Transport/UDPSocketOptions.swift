import NIOCore

/// Tuning for a UDP socket. Defaults suit real-time media at up to a few hundred thousand packets/s.
package struct UDPSocketOptions: Sendable, Equatable {
    /// Datagrams read per `recvmmsg` call (1 disables vector reads). Limit: 1...1024.
    package var vectorReadMessageCount: Int
    /// Bytes reserved per datagram slot. A datagram that fills its slot may have been truncated
    /// by the kernel and must be treated as oversize. Limit: 256...65536.
    package var maxDatagramBytes: Int
    /// `SO_RCVBUF` request in bytes (the kernel doubles and caps it); `nil` keeps the default.
    package var receiveBufferBytes: Int?
    /// IP DSCP/TOS byte for outgoing packets (`0xB8` is Expedited Forwarding); `nil` leaves it unset.
    package var typeOfService: Int?
    /// UDP GSO (`UDP_SEGMENT`) for ``UDPSocket/send(batch:)``: runs of equal-size datagrams to
    /// one destination leave as one super-datagram that the kernel (or NIC) splits. Ignored
    /// where ``UDPTransport/supportsSegmentationOffload`` is false. Default on.
    package var segmentationOffload: Bool
    /// UDP GRO (`UDP_GRO`): the kernel may hand over several datagrams of one flow as one
    /// aggregate; ``ReceivedDatagram/forEachSegment(_:)`` splits it again. Ignored where
    /// ``UDPTransport/supportsReceiveOffload`` is false. Default off, because every reader of
    /// ``UDPSocket/inbound`` must then split; the receiver (`recv`) turns it on. Each read slot
    /// grows to 64 KiB, so the vector read count is capped at
    /// ``receiveOffloadVectorReadMessageCount``.
    package var receiveOffload: Bool
    /// Read the clocks for each datagram on the event loop as it is read
    /// (``UDPSocket/arrivals``), so arrival times do not include the wait for a task to take it
    /// from ``UDPSocket/inbound``. Default off: every reader of `inbound` must then take one
    /// stamp per element.
    package var stampArrivals = false
    /// Ask for each datagram's destination address (`IP_PKTINFO`/`IPV6_PKTINFO`, in
    /// `metadata.packetInfo`), e.g. to record it when bound to a wildcard. Set once the socket
    /// is bound, so the first datagrams may come without it. Default off (a control message
    /// parsed per datagram).
    package var receivePacketInfo = false

    /// Bytes the event loop may hold for the task reading ``UDPSocket/inbound`` before it stops
    /// reading the socket (NIO's high watermark, counted in datagrams, is this ÷ one read
    /// batch's buffer: a buffered datagram may keep its whole batch's buffer alive, however
    /// sparse the traffic; it reads again once a quarter is left). NIO's default, 10
    /// datagrams, paused reading after each read burst whenever the reading task was a moment
    /// late, leaving a stalled task to the kernel's buffer alone. 64 MiB default: 1,024
    /// datagrams of 2 KiB slots in batches of 32, 64 aggregates under GRO; at least 16.
    package var inboundBufferBytes = 64 << 20

    /// The high watermark ``inboundBufferBytes`` gives for read batches of `batchBytes`.
    package func inboundBufferDatagrams(batchBytes: Int) -> Int {
        max(16, inboundBufferBytes / max(batchBytes, 1))
    }

    /// Under GRO, count the datagrams that reach the socket with an eBPF socket filter, so
    /// ``UDPSocket/kernelDropAccount()`` is exact (the kernel's own counter adds one per dropped
    /// aggregate). Needs CAP_BPF; without it the socket works as before. Default on.
    package var countArrivalsUnderReceiveOffload = true

    /// Vector read slots when ``receiveOffload`` is on (each 64 KiB: 16 slots = 1 MiB per read).
    package static let receiveOffloadVectorReadMessageCount = 16

    package init(
        vectorReadMessageCount: Int = 32,
        maxDatagramBytes: Int = 2048,
        receiveBufferBytes: Int? = 4 << 20,
        typeOfService: Int? = nil,
        segmentationOffload: Bool = true,
        receiveOffload: Bool = false
    ) {
        self.vectorReadMessageCount = min(max(vectorReadMessageCount, 1), 1024)
        self.maxDatagramBytes = min(max(maxDatagramBytes, 256), 65536)
        self.receiveBufferBytes = receiveBufferBytes
        self.typeOfService = typeOfService
        self.segmentationOffload = segmentationOffload
        self.receiveOffload = receiveOffload
    }

    /// Whether sends will use GSO: asked for and supported by the kernel.
    package var usesSegmentationOffload: Bool { segmentationOffload && UDPTransport.supportsSegmentationOffload }
    /// Whether receives will use GRO: asked for and supported by the kernel.
    package var usesReceiveOffload: Bool { receiveOffload && UDPTransport.supportsReceiveOffload }
}
