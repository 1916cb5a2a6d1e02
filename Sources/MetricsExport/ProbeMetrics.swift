import Probe
import Prometheus
import Synchronization

/// `probe --metrics`: each finished test's figures as the Prometheus series listed in
/// docs/monitoring/metrics.md. Labels are bounded: `peer` takes the configured names and
/// `other`, `direction` outbound|inbound, `transport` udp|tcp|auto, `result` ok|failed.
/// Series are made at a peer's first result (so no series claims a figure nobody measured) and
/// removed when a reload drops the peer.
package final class ProbeMetrics: Sendable {
    package let registry: PrometheusCollectorRegistry
    private let series = Mutex<[String: ProbePeerSeries]>([:])
    private let peers = Mutex<Set<String>>([])
    /// The responder's rejected datagrams by reason, as last counted, and their counters.
    private let rejected = Mutex<[String: (total: Int, counter: Counter)]>([:])

    /// Upper bounds of the one-way delay histogram's buckets.
    static let delayBuckets: [Duration] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000].map { .milliseconds($0) }

    package init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// The peers whose results are kept; series of peers no longer listed are removed.
    package func setPeers(_ names: [String]) {
        let keep = Set(names + [ProbePeer.otherName])
        peers.withLock { $0 = keep }
        let removed = series.withLock { table -> [ProbePeerSeries] in
            let gone = table.filter { !keep.contains($0.key) }
            for name in gone.keys { table[name] = nil }
            return Array(gone.values)
        }
        for peer in removed { peer.unregister(from: registry) }
    }

    /// The responder's datagrams rejected so far by reason (`srtp_auth_fail`: a stream under
    /// a key this probe does not hold for its source; `not_allowed`: outside `--allow-from`),
    /// as `jitterbug_probe_rejected_datagrams_total{reason}`. Reasons are a fixed set in code.
    package func setRejected(_ totals: [String: Int]) {
        for (reason, total) in totals {
            let step = rejected.withLock { table -> (Counter, Int) in
                if let entry = table[reason] {
                    table[reason] = (max(entry.total, total), entry.counter)
                    return (entry.counter, max(0, total - entry.total))
                }
                let counter = registry.makeCounter(
                    descriptor: ProbeMetricHelp.descriptor("jitterbug_probe_rejected_datagrams_total"), labels: [("reason", reason)])
                table[reason] = (total, counter)
                return (counter, total)
            }
            if step.1 > 0 { step.0.increment(by: Int64(step.1)) }
        }
    }

    /// Counts a due test to `peer` that was skipped because the previous one to it was still
    /// running (`jitterbug_probe_tests_skipped_total{peer}`); peers not configured are dropped.
    package func recordSkipped(peer name: String) {
        guard let peer = peerSeries(name) else { return }
        peer.recordSkipped(registry: registry)
    }

    /// The series of a configured peer (made at its first figure); nil for other names.
    private func peerSeries(_ name: String) -> ProbePeerSeries? {
        guard peers.withLock({ $0.contains(name) }) else { return nil }
        return series.withLock { table in
            if let existing = table[name] { return existing }
            let made = ProbePeerSeries(peer: name)
            table[name] = made
            return made
        }
    }

    /// Adds one finished test. Results for peers not (or no longer) configured are dropped,
    /// except inbound ones, which the responder already attributed (`other` included).
    package func record(_ result: ProbeTestResult) {
        guard let peer = peerSeries(result.peer) else { return }
        peer.record(result, registry: registry)
    }
}

/// The collectors made for one peer (to unregister them together).
final class ProbePeerSeries: Sendable {
    let peer: String
    private let counters = Mutex<[String: Counter]>([:])
    private let gauges = Mutex<[String: Gauge]>([:])
    private let histograms = Mutex<[String: DurationHistogram]>([:])

    init(peer: String) { self.peer = peer }

    func record(_ result: ProbeTestResult, registry: PrometheusCollectorRegistry) {
        let direction = [("peer", peer), ("direction", result.direction.rawValue)]
        if result.direction == .outbound {
            counter("jitterbug_probe_tests_total", [("peer", peer), ("transport", result.transport), ("result", result.ok ? "ok" : "failed")], registry)
                .increment()
            gauge("jitterbug_probe_up", [("peer", peer)], registry).set(result.ok ? 1.0 : 0.0)
            counter("jitterbug_probe_packets_sent_total", [("peer", peer)], registry).increment(by: result.packetsSent ?? 0)
            if let rtt = result.roundTripSeconds { gauge("jitterbug_probe_rtt_seconds", [("peer", peer)], registry).set(rtt) }
        } else {
            counter("jitterbug_probe_packets_received_total", [("peer", peer)], registry).increment(by: result.packetsReceived ?? 0)
            if let late = result.lateLossRatio { gauge("jitterbug_probe_late_loss_ratio", direction, registry).set(late) }
            if let delay = result.oneWayDelaySeconds, delay.isFinite, delay >= 0 {
                histogram("jitterbug_probe_one_way_delay_seconds", direction, registry).record(.nanoseconds(Int64(delay * 1e9)))
            }
        }
        guard result.ok else { return }
        counter("jitterbug_probe_packets_lost_total", direction, registry).increment(by: result.packetsLost ?? 0)
        for (name, value) in [
            ("jitterbug_probe_loss_ratio", result.lossRatio), ("jitterbug_probe_jitter_seconds", result.jitterSeconds),
            ("jitterbug_probe_mos", result.mos),
        ] {
            if let value, value.isFinite { gauge(name, direction, registry).set(value) }
        }
    }

    func recordSkipped(registry: PrometheusCollectorRegistry) {
        counter("jitterbug_probe_tests_skipped_total", [("peer", peer)], registry).increment()
    }

    func unregister(from registry: PrometheusCollectorRegistry) {
        counters.withLock { $0.values.forEach { registry.unregisterCounter($0) } }
        gauges.withLock { $0.values.forEach { registry.unregisterGauge($0) } }
        histograms.withLock { $0.values.forEach { registry.unregisterDurationHistogram($0) } }
    }

    private static func key(_ name: String, _ labels: [(String, String)]) -> String {
        name + labels.map { "|\($0.0)=\($0.1)" }.joined()
    }

    private func counter(_ name: String, _ labels: [(String, String)], _ registry: PrometheusCollectorRegistry) -> Counter {
        counters.withLock { table in
            let key = Self.key(name, labels)
            if let existing = table[key] { return existing }
            let made = registry.makeCounter(descriptor: ProbeMetricHelp.descriptor(name), labels: labels)
            table[key] = made
            return made
        }
    }

    private func gauge(_ name: String, _ labels: [(String, String)], _ registry: PrometheusCollectorRegistry) -> Gauge {
        gauges.withLock { table in
            let key = Self.key(name, labels)
            if let existing = table[key] { return existing }
            let made = registry.makeGauge(descriptor: ProbeMetricHelp.descriptor(name), labels: labels)
            table[key] = made
            return made
        }
    }

    private func histogram(_ name: String, _ labels: [(String, String)], _ registry: PrometheusCollectorRegistry) -> DurationHistogram {
        histograms.withLock { table in
            let key = Self.key(name, labels)
            if let existing = table[key] { return existing }
            let made = registry.makeDurationHistogram(
                descriptor: ProbeMetricHelp.descriptor(name), labels: labels, buckets: ProbeMetrics.delayBuckets)
            table[key] = made
            return made
        }
    }
}
