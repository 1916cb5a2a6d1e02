import Pipelines
import CoreMetrics
import Prometheus

/// The receiver's figures as Prometheus metrics (through swift-metrics with a Prometheus factory).
/// Names and meanings are listed in the README. Counters are fed cumulative totals and add only
/// the increase, so they never go backwards.
package final class ReceiverMetrics: Sendable {
    package let registry: PrometheusCollectorRegistry
    private let counters: [String: CoreMetrics.Counter]
    private let gauges: [String: CoreMetrics.Gauge]
    private let rejected: @Sendable (String) -> CoreMetrics.Counter
    private let last = LastTotals()
    /// Per-stream series, labelled for at most `streamLabelLimit` streams.
    let streams: StreamSeries

    /// Counter names (`_total`) with help text.
    package static let counterNames = [
        "jitterbug_packets_received_total", "jitterbug_packets_expected_total", "jitterbug_packets_lost_total",
        "jitterbug_packets_late_total", "jitterbug_packets_duplicate_total", "jitterbug_packets_out_of_order_total",
        "jitterbug_frames_concealed_total", "jitterbug_frames_fec_total",
        "jitterbug_sequence_restarts_total", "jitterbug_packets_bad_sequence_total",
        "jitterbug_packets_wrong_timestamp_total", "jitterbug_packets_empty_payload_total",
        "jitterbug_tcp_connections_accepted_total", "jitterbug_tcp_connections_refused_total",
        "jitterbug_tcp_connections_closed_silent_total", "jitterbug_tcp_connections_closed_idle_total",
        "jitterbug_tcp_connections_closed_oversize_total", "jitterbug_tcp_connections_closed_not_rtp_total",
        "jitterbug_capture_packets_total", "jitterbug_capture_bytes_total", "jitterbug_capture_dropped_total",
    ]
    /// Gauge names (seconds, or a plain number).
    package static let gaugeNames = [
        "jitterbug_jitter_seconds", "jitterbug_buffer_target_delay_seconds", "jitterbug_buffer_playout_delay_seconds",
        "jitterbug_rtt_seconds",
        "jitterbug_one_way_delay_p50_seconds", "jitterbug_one_way_delay_p99_seconds", "jitterbug_mos_estimate",
        "jitterbug_streams", "jitterbug_tcp_connections_open",
    ]

    /// Default for `streamLabelLimit`: enough to see every stream of a modest receiver, few
    /// enough that a scrape stays small (about 4 series per stream).
    package static let defaultStreamLabelLimit = 100

    /// - Parameter streamLabelLimit: most streams given their own `source`/`ssrc`-labelled series
    ///   (0 disables per-stream series); later streams are counted in `jitterbug_streams_unlabelled`.
    package init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), streamLabelLimit: Int = defaultStreamLabelLimit) {
        self.registry = registry
        let factory = PrometheusMetricsFactory(registry: registry)
        streams = StreamSeries(limit: max(0, streamLabelLimit), factory: factory)
        var counters: [String: CoreMetrics.Counter] = [:]
        for name in Self.counterNames { counters[name] = CoreMetrics.Counter(label: name, factory: factory) }
        var gauges: [String: CoreMetrics.Gauge] = [:]
        for name in Self.gaugeNames { gauges[name] = CoreMetrics.Gauge(label: name, factory: factory) }
        self.counters = counters
        self.gauges = gauges
        self.rejected = { reason in
            CoreMetrics.Counter(label: "jitterbug_rejected_datagrams_total", dimensions: [("reason", reason)], factory: factory)
        }
    }

    /// Raises counter `name` to the cumulative `total`.
    package func setTotal(_ name: String, _ total: Int64) {
        let delta = last.advance(name, to: total)
        if delta > 0 { counters[name]?.increment(by: delta) }
    }

    package func setGauge(_ name: String, _ value: Double?) {
        guard let value, value.isFinite else { return }
        gauges[name]?.record(value)
    }

    /// Raises the rejection counter for `reason` to `total`.
    package func setRejected(reason: String, total: Int) {
        let delta = last.advance("rejected:\(reason)", to: Int64(total))
        if delta > 0 { rejected(reason).increment(by: delta) }
    }
}
