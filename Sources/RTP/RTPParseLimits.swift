/// Acceptance limits applied by ``RTPPacket/init(parsing:limits:)-(UnsafeRawBufferPointer,_)``.
public struct RTPParseLimits: Sendable, Hashable {
    /// Largest accepted datagram in bytes (whole RTP packet). Default 1500 (Ethernet MTU).
    public var maxPacketBytes: Int
    /// Whether a packet with zero payload octets is accepted (RFC 3550 allows it, e.g. for
    /// padding-only probes). Default `true`.
    public var allowsEmptyPayload: Bool

    public init(maxPacketBytes: Int = 1500, allowsEmptyPayload: Bool = true) {
        self.maxPacketBytes = maxPacketBytes
        self.allowsEmptyPayload = allowsEmptyPayload
    }

    /// 1500-byte cap, empty payloads accepted.
    public static let `default` = RTPParseLimits()
}
