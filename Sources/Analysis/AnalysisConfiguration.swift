/// How `analyze` reads streams: clock rates, replays, filters and limits.
public struct AnalysisConfiguration: Sendable {
    /// Clock rates from `--payload-type` and `--sdp`.
    public var payloadTypes: PayloadTypeMapping
    /// Jitter buffers each stream is replayed through (`--jitter-buffers`).
    public var policies: [PlayoutPolicy]
    /// `--decode DIR/`: one WAV per Opus stream, as the adaptive buffer played it.
    public var decodeDirectory: String?
    /// `--stream SSRC`: only this SSRC's RTP (its RTCP is still read).
    public var ssrcFilter: UInt32?
    /// Streams (and stream candidates) tracked at once; packets of further ones are counted
    /// and ignored, so memory is bounded by this, not by the capture's length.
    public var maximumStreams: Int
    /// Points per series kept for the charts.
    public var timelineCapacity: Int
    /// Whether the chart series are recorded at all: off when no chart is asked for (`--svg`, `--html`),
    /// which saves a little work per packet.
    public var recordsTimeline: Bool

    public init(
        payloadTypes: PayloadTypeMapping = PayloadTypeMapping(), policies: [PlayoutPolicy] = PlayoutPolicy.defaults,
        decodeDirectory: String? = nil, ssrcFilter: UInt32? = nil, maximumStreams: Int = 10_000,
        timelineCapacity: Int = 2_000, recordsTimeline: Bool = true
    ) {
        self.payloadTypes = payloadTypes
        self.policies = policies
        self.decodeDirectory = decodeDirectory
        self.ssrcFilter = ssrcFilter
        self.maximumStreams = max(1, maximumStreams)
        self.timelineCapacity = timelineCapacity
        self.recordsTimeline = recordsTimeline
    }
}
