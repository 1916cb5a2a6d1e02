import JitterbugSupport

/// RFC 5481 packet delay variation (PDV): each packet's one-way delay minus the minimum delay
/// seen so far, accumulated in a `LatencyHistogram`.
///
/// Works without synchronised clocks: the unknown sender/receiver clock offset is part of every
/// delay sample and cancels in D(i) − D(min). Samples are kept relative to a reference at or
/// below the minimum; the summary subtracts the gap between the two. When a delay below the
/// reference arrives, the samples are re-based (shifted up) and the reference drops past it by
/// a slack (at least 10 ms, or twice the step), so a delay that keeps falling — a queue
/// draining, thousands of streams starting at once — re-bases a few times, not per packet
/// (each re-base walks the whole histogram).
public struct DelayVariation: Sendable {
    /// Samples as delay − `reference`, microseconds.
    private var relative: LatencyHistogram
    /// The offset samples are kept against; ≤ `minimumDelay`.
    private var reference: Duration?
    /// Smallest one-way delay seen (includes the unknown clock offset), `nil` before any sample.
    public private(set) var minimumDelay: Duration?
    /// Times earlier samples were re-based because a delay fell below the reference.
    public private(set) var rebaseCount: UInt64 = 0

    /// Least distance a re-base puts between the reference and the delay that caused it.
    static let rebaseSlack: Duration = .milliseconds(10)

    public init(precision: LatencyHistogram.Precision = .threeDigits) {
        relative = LatencyHistogram(precision: precision)
    }

    /// Records a packet from its sender timestamp and arrival time (each on its own clock).
    public mutating func record(sendTime: Duration, arrival: Duration) {
        record(oneWayDelay: arrival - sendTime)
    }

    /// Records a one-way delay sample (may include a constant clock offset, may be negative).
    public mutating func record(oneWayDelay delay: Duration) {
        minimumDelay = min(minimumDelay ?? delay, delay)
        guard let current = reference else {
            reference = delay
            relative.record(microseconds: 0, count: 1)
            return
        }
        var base = current
        if delay < current {
            base = delay - max(Self.rebaseSlack, (current - delay) * 2)
            rebase(by: current - base)
            reference = base
        }
        relative.record(delay - base)
    }

    /// Samples recorded.
    public var count: UInt64 { relative.count }

    /// PDV summary in milliseconds (percentiles of delay above the minimum).
    public var summary: LatencyHistogram.Summary {
        var s = relative.summary
        guard let reference, let minimumDelay else { return s }
        let offset = Double((minimumDelay - reference).wholeMicroseconds) / 1_000
        let shift = { (value: Double) in max(0, value - offset) }
        s.minimumMilliseconds = shift(s.minimumMilliseconds)
        s.maximumMilliseconds = shift(s.maximumMilliseconds)
        s.meanMilliseconds = shift(s.meanMilliseconds)
        s.p50Milliseconds = shift(s.p50Milliseconds)
        s.p90Milliseconds = shift(s.p90Milliseconds)
        s.p95Milliseconds = shift(s.p95Milliseconds)
        s.p99Milliseconds = shift(s.p99Milliseconds)
        s.p999Milliseconds = shift(s.p999Milliseconds)
        return s
    }

    /// Shifts every recorded sample up by `increase` (the reference dropped by that much).
    private mutating func rebase(by increase: Duration) {
        let shift = UInt64(max(0, increase.wholeMicroseconds))
        guard shift > 0 else { return }
        let buckets = relative.recordedBuckets()
        var rebased = LatencyHistogram(precision: relative.precision)
        for bucket in buckets {
            let (shifted, overflow) = bucket.microseconds.addingReportingOverflow(shift)
            rebased.record(microseconds: overflow ? .max : shifted, count: bucket.count)
        }
        relative = rebased
        rebaseCount += 1
    }
}
