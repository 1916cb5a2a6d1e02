/// The figures of one finished test in one direction. Ratios are 0…1, times in seconds; `nil`
/// where the direction or the test did not give the figure.
package struct ProbeTestResult: Sendable, Equatable {
    /// A configured peer's name, or ``ProbePeer/otherName``.
    package var peer: String
    package var direction: ProbeDirection
    /// The path the media took: `udp` or `tcp`.
    package var transport: String
    /// What the test carried: `audio` (an Opus tone) or `telemetry` (no MOS).
    package var media = "audio"
    /// Outbound: the peer's receiver reports came back. Inbound: always (the stream arrived).
    package var ok: Bool
    /// When the test ended, seconds since the Unix epoch.
    package var endedAtUnixSeconds: Double
    /// Outbound: RTP packets this probe sent.
    package var packetsSent: Int64?
    /// Inbound: distinct RTP packets received.
    package var packetsReceived: Int64?
    /// Packets lost: outbound as the peer's last report said (cumulative lost), inbound counted here.
    package var packetsLost: Int64?
    package var lossRatio: Double?
    /// Inbound only: packets that arrived too late to be played, over those expected.
    package var lateLossRatio: Double?
    /// RFC 3550 A.8 interarrival jitter.
    package var jitterSeconds: Double?
    /// E-model MOS estimate (conversational); audio tests only.
    package var mos: Double?
    /// Outbound only: round trip from RTCP LSR/DLSR.
    package var roundTripSeconds: Double?
    /// Inbound only, from the send-time extension (meaningful with synchronised clocks): the median.
    package var oneWayDelaySeconds: Double?
    /// Why a test failed, for logs and events.
    package var failure: String?

    package init(peer: String, direction: ProbeDirection, transport: String, ok: Bool, endedAtUnixSeconds: Double) {
        self.peer = peer
        self.direction = direction
        self.transport = transport
        self.ok = ok
        self.endedAtUnixSeconds = endedAtUnixSeconds
    }
}
