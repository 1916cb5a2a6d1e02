import Capture
import Stats

/// One stream's figures, as `analyze` prints them and writes them to JSON (docs/analyze-json.md).
public struct StreamReport: Encodable, Sendable {
    public var ssrc: String
    public var ssrcValue: UInt32
    public var source: String
    public var destination: String
    public var transport: String
    public var payloadType: Int
    public var codec: Nullable<String>
    public var clockRateHertz: Nullable<Int>
    /// Why a figure is missing (unknown clock rate, a replay that could not run).
    public var notes: [String]
    public var packets: Int
    public var expected: Int64
    public var lost: Int64
    public var lossPercent: Double
    public var rfc3550CumulativeLost: Int64
    public var duplicates: UInt64
    public var outOfOrder: UInt64
    public var sequenceErrors: Int
    public var wrongTimestamps: UInt64
    public var jitterMilliseconds: Nullable<Double>
    public var maximumJitterMilliseconds: Nullable<Double>
    public var maximumDeltaMilliseconds: Double
    public var skewMilliseconds: Nullable<Double>
    public var driftPartsPerMillion: Nullable<Double>
    public var durationSeconds: Double
    public var bitrateKilobitsPerSecond: Double
    public var lossBursts: [String: Int]
    public var burstGap: BurstGapReport
    public var gilbertElliott: GilbertElliottReport
    public var dtxGaps: Int
    public var markers: Int
    public var oneWayDelayMilliseconds: Nullable<OneWayDelayReport>
    public var rtcp: RTCPReport
    public var jitterBuffers: [PlayoutResult]
    public var delayNeededMilliseconds: [String: Nullable<Double>]
    public var delayCurve: [DelayCurvePoint]

    enum CodingKeys: String, CodingKey {
        case ssrc, source, destination, transport, codec, notes, packets, expected, lost, duplicates, markers, rtcp
        case payloadType = "payload_type"
        case clockRateHertz = "clock_rate_hz"
        case lossPercent = "loss_percent"
        case rfc3550CumulativeLost = "rfc3550_cumulative_lost"
        case outOfOrder = "out_of_order"
        case sequenceErrors = "sequence_errors"
        case wrongTimestamps = "wrong_timestamps"
        case jitterMilliseconds = "jitter_ms"
        case maximumJitterMilliseconds = "max_jitter_ms"
        case maximumDeltaMilliseconds = "max_delta_ms"
        case skewMilliseconds = "skew_ms"
        case driftPartsPerMillion = "drift_ppm"
        case durationSeconds = "duration_s"
        case bitrateKilobitsPerSecond = "bitrate_kbps"
        case lossBursts = "loss_bursts"
        case burstGap = "burst_gap"
        case gilbertElliott = "gilbert_elliott"
        case dtxGaps = "dtx_gaps"
        case oneWayDelayMilliseconds = "one_way_delay_ms"
        case jitterBuffers = "jitter_buffers"
        case delayNeededMilliseconds = "delay_needed_ms"
        case delayCurve = "delay_curve"
    }

    /// Largest late loss of any replayed buffer, % (0 without replays).
    public var worstLateLossPercent: Double { jitterBuffers.map(\.lateLossPercent).max() ?? 0 }

    /// Most troubled first: loss %, then late loss, then jitter.
    static func troubledFirst(_ left: StreamReport, _ right: StreamReport) -> Bool {
        if left.lossPercent != right.lossPercent { return left.lossPercent > right.lossPercent }
        if left.worstLateLossPercent != right.worstLateLossPercent {
            return left.worstLateLossPercent > right.worstLateLossPercent
        }
        let leftJitter = left.jitterMilliseconds.value ?? 0
        let rightJitter = right.jitterMilliseconds.value ?? 0
        if leftJitter != rightJitter { return leftJitter > rightJitter }
        return (left.source, left.ssrc) < (right.source, right.ssrc)
    }
}
