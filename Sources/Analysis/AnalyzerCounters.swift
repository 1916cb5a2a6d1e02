/// What the analyzer did with the packets it was given: nothing is skipped silently.
public struct AnalyzerCounters: Sendable, Equatable {
    /// Packets given to `consume`.
    public var packets = 0
    /// RTP packets counted in a stream (candidates' packets once confirmed).
    public var rtpPackets = 0
    /// Valid RTCP compound packets (RFC 3550 §6, RFC 3611 XR).
    public var rtcpPackets = 0
    /// SRTCP packets (RFC 3711 §3.4), recognised by their index and tag trailer.
    public var srtcpPackets = 0
    /// Looked like RTCP (packet type 200–207) but parsed as neither RTCP nor SRTCP.
    public var malformedRTCPPackets = 0
    /// Neither RTP nor RTCP (DNS, STUN, DTLS, random bytes, …).
    public var otherPackets = 0
    /// RTP-looking packets of candidates that never became a stream, or dropped while held.
    public var unconfirmedPackets = 0
    /// Packets of streams beyond `maximumStreams`.
    public var overLimitPackets = 0
    /// RTP packets of other SSRCs than `--stream`'s.
    public var filteredPackets = 0

    public init() {}
}
