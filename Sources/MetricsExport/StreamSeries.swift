import CoreMetrics
import Synchronization

/// Per-stream Prometheus series (`source` and `ssrc` labels), for at most `limit` streams: the
/// first streams seen get labels, later ones are only counted in
/// `jitterbug_streams_unlabelled`, so a receiver flooded with SSRCs cannot blow up a scrape
/// (each label set is a new time series in Prometheus). Figures of every stream, labelled or
/// not, stay in the unlabelled aggregate counters.
final class StreamSeries: Sendable {
    /// Series of one labelled stream.
    private struct Labelled: Sendable {
        let received: CoreMetrics.Counter
        let lost: CoreMetrics.Counter
        let late: CoreMetrics.Counter
        let jitter: CoreMetrics.Gauge
    }

    /// Per-stream metric names.
    static let counterNames = [
        "jitterbug_stream_packets_received_total", "jitterbug_stream_packets_lost_total",
        "jitterbug_stream_packets_late_total",
    ]
    static let gaugeName = "jitterbug_stream_jitter_seconds"

    let limit: Int
    private let factory: any MetricsFactory
    private let labelled = Mutex<[String: Labelled]>([:])
    private let unlabelled = Mutex<Set<String>>([])
    private let unlabelledGauge: CoreMetrics.Gauge
    private let last = LastTotals()

    init(limit: Int, factory: any MetricsFactory) {
        self.limit = limit
        self.factory = factory
        unlabelledGauge = CoreMetrics.Gauge(label: "jitterbug_streams_unlabelled", factory: factory)
        unlabelledGauge.record(0)
    }

    /// Updates the series of one stream from its summary (`stream` is "address ssrc 0x…").
    func update(stream: String, received: Int64, lost: Int64, late: Int64, jitterSeconds: Double) {
        guard let series = series(for: stream) else { return }
        for (name, total, counter) in [
            ("received", received, series.received), ("lost", lost, series.lost), ("late", late, series.late),
        ] {
            let delta = last.advance("\(stream):\(name)", to: total)
            if delta > 0 { counter.increment(by: delta) }
        }
        if jitterSeconds.isFinite { series.jitter.record(jitterSeconds) }
    }

    private func series(for stream: String) -> Labelled? {
        let found = labelled.withLock { table -> Labelled? in
            if let existing = table[stream] { return existing }
            guard table.count < limit else { return nil }
            let parts = stream.split(separator: " ssrc ", maxSplits: 1)
            let dimensions = [("source", String(parts.first ?? "")), ("ssrc", parts.count > 1 ? String(parts[1]) : "")]
            let made = Labelled(
                received: CoreMetrics.Counter(label: Self.counterNames[0], dimensions: dimensions, factory: factory),
                lost: CoreMetrics.Counter(label: Self.counterNames[1], dimensions: dimensions, factory: factory),
                late: CoreMetrics.Counter(label: Self.counterNames[2], dimensions: dimensions, factory: factory),
                jitter: CoreMetrics.Gauge(label: Self.gaugeName, dimensions: dimensions, factory: factory))
            table[stream] = made
            return made
        }
        if found == nil {
            // Bounded too: past the limit, the set of names only grows to 100 × the limit.
            let count = unlabelled.withLock { names -> Int in
                if names.count < max(limit, 1) * 100 { names.insert(stream) }
                return names.count
            }
            unlabelledGauge.record(Double(count))
        }
        return found
    }
}
