/// `AnalyzerCounters` as JSON.
public struct AnalyzerCountersReport: Encodable, Sendable {
    public var packets: Int
    public var rtpPackets: Int
    public var rtcpPackets: Int
    public var srtcpPackets: Int
    public var malformedRTCPPackets: Int
    public var otherPackets: Int
    public var unconfirmedPackets: Int
    public var overLimitPackets: Int
    public var filteredPackets: Int

    enum CodingKeys: String, CodingKey {
        case packets
        case rtpPackets = "rtp_packets"
        case rtcpPackets = "rtcp_packets"
        case srtcpPackets = "srtcp_packets"
        case malformedRTCPPackets = "malformed_rtcp_packets"
        case otherPackets = "other_packets"
        case unconfirmedPackets = "unconfirmed_packets"
        case overLimitPackets = "over_limit_packets"
        case filteredPackets = "filtered_packets"
    }

    init(_ counters: AnalyzerCounters) {
        packets = counters.packets
        rtpPackets = counters.rtpPackets
        rtcpPackets = counters.rtcpPackets
        srtcpPackets = counters.srtcpPackets
        malformedRTCPPackets = counters.malformedRTCPPackets
        otherPackets = counters.otherPackets
        unconfirmedPackets = counters.unconfirmedPackets
        overLimitPackets = counters.overLimitPackets
        filteredPackets = counters.filteredPackets
    }
}
