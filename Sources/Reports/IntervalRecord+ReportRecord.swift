extension IntervalRecord: ReportRecord {
    public static let fieldNames = [
        "t_start_s", "t_end_s", "packets", "lost", "expected", "lost_percent", "late", "jitter_ms",
        "latency_p50_ms", "latency_p99_ms", "buffer_ms", "target_delay_ms", "kbps", "mos", "rtt_ms",
        "aoi_max_ms", "update_gap_max_ms", "scaled_ms",
    ]

    public var fieldValues: [ReportValue] {
        [
            .number(startSeconds), .number(endSeconds), .integer(packets), .integer(lost), .integer(expected),
            .number(lostPercent), .integer(late), .number(jitterMilliseconds), .number(latencyP50Milliseconds),
            .number(latencyP99Milliseconds), .number(bufferMilliseconds), .optional(targetDelayMilliseconds), .number(kilobitsPerSecond),
            .number(mos), .optional(roundTripMilliseconds),
            .optional(ageOfInformationMaxMilliseconds), .optional(updateGapMaxMilliseconds), .optional(scaledMilliseconds),
        ]
    }
}
