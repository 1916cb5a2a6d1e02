/// RFC 5481 packet delay variation (PDV): each packet's one-way delay minus the minimum delay
/// seen so far, accumulated in a `LatencyHistogram`.
///
/// Works without synchronised clocks: the unknown sender/receiver clock offset is part of every
/// delay sample and cancels in D(i) − D(min). When a new minimum appears, earlier samples are
/// re-based (shifted up by the decrease) so every sample stays relative to the overall minimum.
public struct DelayVariation: Sendable {
    /// PDV samples (delay − minimum delay).
    public private(set) var histogram: LatencyHistogram
    /// Smallest one-way delay seen (includes the unknown clock offset), `nil` before any sample.
    public private(set) var minimumDelay: Duration?
    /// Times earlier samples were re-based because a new minimum arrived.
    public private(set) var rebaseCount: UInt64 = 0

    public init(precision: LatencyHistogram.Precision = .threeDigits) {
        histogram = LatencyHistogram(precision: precision)
    }

    /// Records a packet from its sender timestamp and arrival time (each on its own clock).
    public mutating func record(sendTime: Duration, arrival: Duration) {
        record(oneWayDelay: arrival - sendTime)
    }

    /// Records a one-way delay sample (may include a constant clock offset, may be negative).
    public mutating func record(oneWayDelay delay: Duration) {
        guard let minimum = minimumDelay else {
            minimumDelay = delay
            histogram.record(microseconds: 0, count: 1)
            return
        }
        if delay < minimum {
            rebase(by: minimum - delay)
            minimumDelay = delay
            histogram.record(microseconds: 0, count: 1)
        } else {
            histogram.record(delay - minimum)
        }
    }

    /// PDV summary in milliseconds (percentiles of delay above the minimum).
    public var summary: LatencyHistogram.Summary { histogram.summary }

    /// Shifts every recorded sample up by `decrease` (the new minimum is lower by that much).
    private mutating func rebase(by decrease: Duration) {
        let shift = UInt64(max(0, decrease.wholeMicroseconds))
        guard shift > 0 else { return }
        let buckets = histogram.recordedBuckets()
        var rebased = LatencyHistogram(precision: histogram.precision)
        for bucket in buckets {
            let (shifted, overflow) = bucket.microseconds.addingReportingOverflow(shift)
            rebased.record(microseconds: overflow ? .max : shifted, count: bucket.count)
        }
        histogram = rebased
        rebaseCount += 1
    }
}
