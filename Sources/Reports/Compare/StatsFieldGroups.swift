/// The order `jitterbug stats` shows fields in: grouped as the receiver's summary is (loss,
/// timing, audio, jitter buffer, quality, RTCP, transport, process), alphabetical within a
/// group, unknown fields last — instead of ~70 fields in one alphabetical list.
enum StatsFieldGroups {
    /// (title, field-name prefixes). A field belongs to the first group with a matching prefix
    /// (after any `udp.`/`tcp.`/block prefix of compare JSON is set aside).
    static let groups: [(title: String, prefixes: [String])] = [
        ("packets and loss", [
            "packets", "expected_packets", "lost_", "duplicate", "out_of_order", "late_", "on_time",
            "sequence_", "wrong_timestamp", "bad_sequence", "empty_payload", "rfc3550_cumulative", "concealed_percent",
        ]),
        ("loss pattern", ["loss_pattern.", "burst_ratio"]),
        ("timing", [
            "jitter_ms", "one_way_delay", "latency_", "delay_variation.", "min_one_way", "playout_delay",
            "target_delay", "smallest_delay", "mouth_to_ear", "rtt_ms", "stalls.", "p99_latency_ratio",
        ]),
        ("audio", ["frames_", "output_"]),
        ("jitter buffer", ["jitter_buffer."]),
        ("quality estimate", ["r_factor", "mos"]),
        ("telemetry", ["telemetry."]),
        ("RTCP", ["rtcp_"]),
        ("transport", [
            "packets_udp", "packets_tcp", "datagrams_received", "rejected.", "socket_drops", "other_stream",
            "stream_count", "goodput", "header_overhead", "retransmitted", "tcp_listener.",
        ]),
        ("process", ["peak_rss"]),
    ]

    static let otherTitle = "other"

    /// Index of `field`'s group in ``groups`` (``groups``.count for "other").
    static func groupIndex(of field: String) -> Int {
        let name = bareName(field)
        // Longer prefixes first so `packets_udp` is transport, not "packets".
        var best: (index: Int, length: Int)?
        for (index, group) in groups.enumerated() {
            for prefix in group.prefixes where name.hasPrefix(prefix) && prefix.count > (best?.length ?? 0) {
                best = (index, prefix.count)
            }
        }
        return best?.index ?? groups.count
    }

    static func title(ofGroup index: Int) -> String {
        index < groups.count ? groups[index].title : otherTitle
    }

    /// `field` without a compare block/path prefix (`loss=5%.udp.jitter_ms` → `jitter_ms`).
    static func bareName(_ field: String) -> String {
        for path in ["udp.", "tcp."] {
            if let range = field.range(of: path) { return String(field[range.upperBound...]) }
        }
        return field
    }

    /// `fields` in group order, alphabetical within a group.
    static func ordered(_ fields: [String]) -> [String] {
        fields.sorted { (groupIndex(of: $0), $0) < (groupIndex(of: $1), $1) }
    }
}
