/// A peer announced that it left the session (RTCP BYE, RFC 3550 §6.6).
public struct StreamEnd: Sendable, Equatable, Hashable {
    /// The SSRC that said goodbye.
    public var ssrc: UInt32
    /// The optional reason text from the BYE packet.
    public var reason: String?
    /// Local arrival time of the BYE (offset from the caller's monotonic origin).
    public var arrival: Duration

    public init(ssrc: UInt32, reason: String?, arrival: Duration) {
        self.ssrc = ssrc
        self.reason = reason
        self.arrival = arrival
    }
}
