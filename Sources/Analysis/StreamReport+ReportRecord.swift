import JitterbugSupport
import Reports

/// `analyze --csv`: one row per stream, fixed columns (jitter buffer columns for the default
/// policies' names are not fixed, so each buffer's late loss and MOS go in one text cell).
extension StreamReport: ReportRecord {
    public static let fieldNames = [
        "ssrc", "source", "destination", "transport", "payload_type", "codec", "clock_rate_hz", "packets",
        "expected", "lost", "loss_percent", "rfc3550_cumulative_lost", "duplicates", "out_of_order",
        "sequence_errors", "wrong_timestamps", "jitter_ms", "max_jitter_ms", "max_delta_ms", "skew_ms",
        "drift_ppm", "duration_s", "bitrate_kbps", "loss_bursts_1", "loss_bursts_2", "loss_bursts_3",
        "loss_bursts_4_9", "loss_bursts_10_plus", "burst_density", "gap_density", "gilbert_elliott_p",
        "gilbert_elliott_r", "dtx_gaps", "one_way_delay_p50_ms", "one_way_delay_p99_ms", "one_way_delay_max_ms",
        "rtcp_reported_cumulative_lost", "rtcp_reported_jitter_ms", "delay_needed_1_percent_ms",
        "delay_needed_0_1_percent_ms", "jitter_buffers",
    ]

    public var fieldValues: [ReportValue] {
        let middleBursts = (4...9).reduce(0) { $0 + (lossBursts[String($1)] ?? 0) }
        let buffers = jitterBuffers.map { result in
            "\(result.name) late \(result.lateLossPercent.formatted(decimals: 2))% MOS \(result.mos.formatted(decimals: 2))"
        }.joined(separator: "; ")
        return [
            .text(ssrc), .text(source), .text(destination), .text(transport), .integer(Int64(payloadType)),
            codec.value.map { .text($0) } ?? .null, clockRateHertz.value.map { .integer(Int64($0)) } ?? .null,
            .integer(Int64(packets)), .integer(expected), .integer(lost), .number(lossPercent),
            .integer(rfc3550CumulativeLost), .integer(Int64(duplicates)), .integer(Int64(outOfOrder)),
            .integer(Int64(sequenceErrors)), .integer(Int64(wrongTimestamps)), .optional(jitterMilliseconds.value),
            .optional(maximumJitterMilliseconds.value), .number(maximumDeltaMilliseconds),
            .optional(skewMilliseconds.value), .optional(driftPartsPerMillion.value), .number(durationSeconds),
            .number(bitrateKilobitsPerSecond), .integer(Int64(lossBursts["1"] ?? 0)),
            .integer(Int64(lossBursts["2"] ?? 0)), .integer(Int64(lossBursts["3"] ?? 0)), .integer(Int64(middleBursts)),
            .integer(Int64(lossBursts["10+"] ?? 0)), .number(burstGap.burstDensity), .number(burstGap.gapDensity),
            .number(gilbertElliott.p), .number(gilbertElliott.r), .integer(Int64(dtxGaps)),
            .optional(oneWayDelayMilliseconds.value?.p50), .optional(oneWayDelayMilliseconds.value?.p99),
            .optional(oneWayDelayMilliseconds.value?.max),
            rtcp.lastReportBlock.value.map { .integer(Int64($0.cumulativeLost)) } ?? .null,
            .optional(rtcp.lastReportBlock.value?.jitterMilliseconds.value),
            .optional(delayNeededMilliseconds["1"]?.value), .optional(delayNeededMilliseconds["0.1"]?.value),
            .text(buffers),
        ]
    }
}
