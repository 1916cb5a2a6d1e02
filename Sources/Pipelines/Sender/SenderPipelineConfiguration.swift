import Impairment
import SRTP

/// What a ``SenderRunner`` does around the media sender: transport, RTCP, SRTP, impairment,
/// reporting.
package struct SenderPipelineConfiguration: Sendable {
    package var transport: SenderTransport
    /// RTCP on the RTP port (RFC 5761) instead of port + 1 (UDP only; TCP carries both anyway).
    package var rtcpMux: Bool
    /// Protects RTP and RTCP (SRTP/SRTCP) before anything else sees them.
    package var srtp: SRTPSession?
    /// Sender-side impairment of the UDP leg ("up" direction); TCP is never impaired.
    package var impairment: ImpairmentSpec?
    /// Receives one ground-truth JSON line (no newline) per impaired datagram.
    package var impairmentLog: (@Sendable (String) -> Void)?
    /// How often to emit ``SenderEvent/receiverReport(at:status:)``; `nil` for never.
    package var reportInterval: Duration?
    /// Emit ``SenderEvent/packetSent(_:)`` for every RTP packet (for `--trace`).
    package var trace: Bool
    /// The RTP clock (Hz) of the media: sender reports' RTP timestamps and the receiver's
    /// reported jitter are in its units (48 kHz Opus, 90 kHz telemetry).
    package var rtpClockRateHertz = 48_000

    package init(
        transport: SenderTransport = .udp, rtcpMux: Bool = false, srtp: SRTPSession? = nil,
        impairment: ImpairmentSpec? = nil, impairmentLog: (@Sendable (String) -> Void)? = nil,
        reportInterval: Duration? = nil, trace: Bool = false
    ) {
        self.transport = transport
        self.rtcpMux = rtcpMux
        self.srtp = srtp
        self.impairment = impairment
        self.impairmentLog = impairmentLog
        self.reportInterval = reportInterval
        self.trace = trace
    }
}
