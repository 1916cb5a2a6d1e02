/// Tuning for a UDP socket. Defaults suit real-time media at up to a few hundred thousand packets/s.
public struct UDPSocketOptions: Sendable, Equatable {
    /// Datagrams read per `recvmmsg` call (1 disables vector reads). Limit: 1...1024.
    public var vectorReadMessageCount: Int
    /// Bytes reserved per datagram slot. A datagram that fills its slot may have been truncated
    /// by the kernel and must be treated as oversize. Limit: 256...65536.
    public var maxDatagramBytes: Int
    /// `SO_RCVBUF` request in bytes (the kernel doubles and caps it); `nil` keeps the default.
    public var receiveBufferBytes: Int?
    /// IP DSCP/TOS byte for outgoing packets (`0xB8` is Expedited Forwarding); `nil` leaves it unset.
    public var typeOfService: Int?

    public init(
        vectorReadMessageCount: Int = 32,
        maxDatagramBytes: Int = 2048,
        receiveBufferBytes: Int? = 4 << 20,
        typeOfService: Int? = nil
    ) {
        self.vectorReadMessageCount = min(max(vectorReadMessageCount, 1), 1024)
        self.maxDatagramBytes = min(max(maxDatagramBytes, 256), 65536)
        self.receiveBufferBytes = receiveBufferBytes
        self.typeOfService = typeOfService
    }
}
