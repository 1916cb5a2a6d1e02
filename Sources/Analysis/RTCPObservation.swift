import RTP

/// What the endpoints' own RTCP said about one SSRC, as found in the capture: its sender
/// reports, and the report blocks and XR VoIP metrics other endpoints sent about it. Only the
/// latest of each is kept (bounded memory).
public struct RTCPObservation: Sendable {
    /// RTCP packets (SR, RR, SDES, BYE, XR, …) sent by this SSRC.
    public internal(set) var packetsSent = 0
    /// SRTCP packets sent by this SSRC (encrypted: counted, not read).
    public internal(set) var srtcpPacketsSent = 0
    public internal(set) var senderReports = 0
    public internal(set) var lastSenderReport: SenderReport?
    /// Report blocks (in SRs and RRs) about this SSRC.
    public internal(set) var reportBlocks = 0
    public internal(set) var lastReportBlock: ReportBlock?
    /// XR VoIP Metrics blocks (RFC 3611 §4.7) about this SSRC.
    public internal(set) var voipMetricsBlocks = 0
    public internal(set) var lastVoIPMetrics: VoIPMetricsBlock?
    public internal(set) var goodbyes = 0

    public init() {}
}
