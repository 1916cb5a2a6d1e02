import Prometheus

/// Names and `# HELP` texts of the probe's metrics (docs/monitoring/metrics.md says the same).
enum ProbeMetricHelp {
    static let texts: [String: String] = [
        "jitterbug_probe_up": "1 when the last test to the peer got RTCP receiver reports back, else 0",
        "jitterbug_probe_tests_total": "Tests this probe ran to the peer, by path and result (ok: receiver reports came back)",
        "jitterbug_probe_tests_skipped_total": "Tests to the peer not run because the previous test to it was still running when the next was due",
        "jitterbug_probe_loss_ratio": "Packet loss of the last test, 0 to 1 (outbound: as the peer reported by RTCP)",
        "jitterbug_probe_late_loss_ratio": "Packets of the last inbound test that arrived too late to play, 0 to 1",
        "jitterbug_probe_jitter_seconds": "RFC 3550 A.8 interarrival jitter of the last test",
        "jitterbug_probe_mos": "E-model MOS estimate (conversational) of the last test",
        "jitterbug_probe_rtt_seconds": "Round trip to the peer from RTCP LSR/DLSR, last test",
        "jitterbug_probe_one_way_delay_seconds": "Median one-way delay of each inbound test (send-time extension; needs synchronised clocks)",
        "jitterbug_probe_packets_sent_total": "RTP packets sent to the peer",
        "jitterbug_probe_packets_received_total": "RTP packets received from the peer",
        "jitterbug_probe_packets_lost_total": "RTP packets lost (outbound: as the peer reported by RTCP)",
        "jitterbug_probe_rejected_datagrams_total": "Datagrams the responder rejected, by reason (srtp_auth_fail: under a key it does not hold for the source)",
    ]

    /// All metric names, for documentation checks.
    static var names: [String] { texts.keys.sorted() }

    static func descriptor(_ name: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: texts[name] ?? "")
    }
}
