import JitterbugSupport
import Histogram

/// A latency distribution in microseconds (1 µs … 60 s, 3 significant digits) backed by
/// HdrHistogram. Values are recorded as `Duration`; results are reported in milliseconds.
///
/// Negative durations are recorded as 0 and counted in `negativeCount`; durations above 60 s
/// are recorded as 60 s and counted in `overflowCount` (never a crash on measured data).
///
/// Memory: the HdrHistogram's counts are allocated with the first sample, so an empty one — a
/// receiver's stream that never carries send times, or is still on probation — costs a few
/// bytes. Counts are 32-bit. At 3 digits they cover 1 µs … 60 s at once (about 68 KiB). At 2
/// digits (per-stream figures) they start at one octave group (256 counts, 1 KiB: values below
/// 256 µs) and grow one octave (128 counts, 512 bytes) at a time up to the largest value recorded — HdrHistogram's
/// `autoResize`, which keeps the same bucket layout, so every figure is the one the full-size
/// histogram gives (at most 10 KiB, for values near 60 s; about 4 KiB for values near 10 ms).
public struct LatencyHistogram: Sendable {
    /// Precision of the recorded values (HdrHistogram's significant value digits).
    public enum Precision: Sendable {
        /// 0.1 % (about 68 KiB once used).
        case threeDigits
        /// 1 % (1–10 KiB once used, growing with the largest value): per-stream figures of a receiver with many streams.
        case twoDigits
    }

    /// Highest trackable value in microseconds (60 s).
    public static let highestTrackableMicroseconds: UInt64 = 60_000_000

    /// Counts are 32-bit (a bucket saturates at 2³² − 1 samples rather than wrap).
    private var histogram: Histogram<UInt32>?
    private var isAllocated = false
    /// How precisely values are kept.
    public let precision: Precision
    /// Samples that were negative and recorded as 0.
    public private(set) var negativeCount: UInt64 = 0
    /// Samples above 60 s that were recorded as 60 s.
    public private(set) var overflowCount: UInt64 = 0

    /// Creates an empty histogram keeping values to `precision`.
    public init(precision: Precision = .threeDigits) {
        self.precision = precision
    }

    /// The highest value a 2-digit histogram covers before it first grows (µs): one octave group.
    static let initialTwoDigitMicroseconds: UInt64 = 255

    private static func make(_ precision: Precision) -> Histogram<UInt32> {
        switch precision {
        case .threeDigits:
            return Histogram<UInt32>(
                lowestDiscernibleValue: 1, highestTrackableValue: Self.highestTrackableMicroseconds,
                numberOfSignificantValueDigits: .three)
        case .twoDigits:
            return makeTwoDigits(covering: Self.initialTwoDigitMicroseconds)
        }
    }

    /// A 2-digit histogram whose counts cover `microseconds`, to the end of its octave (so the
    /// next growth is needed only for a value of at least twice as much).
    private static func makeTwoDigits(covering microseconds: UInt64) -> Histogram<UInt32> {
        var highest = Self.initialTwoDigitMicroseconds
        while highest < microseconds, highest < Self.highestTrackableMicroseconds { highest = highest * 2 + 1 }
        // autoResize only as a safety net: growth goes through `grow(toCover:)`, which allocates
        // the exact length (the library's own resize appends, doubling the capacity).
        var histogram = Histogram<UInt32>(
            lowestDiscernibleValue: 1, highestTrackableValue: highest, numberOfSignificantValueDigits: .two)
        histogram.autoResize = true
        return histogram
    }

    /// Replaces a 2-digit histogram's counts by ones covering `microseconds`, same layout, same counts.
    private mutating func grow(toCover microseconds: UInt64) {
        guard let old = histogram else { return }
        var bigger = Self.makeTwoDigits(covering: microseconds)
        bigger.add(old)
        histogram = bigger
    }

    /// Bytes held by the counts (0 before the first sample).
    public var countsBytes: Int { histogram?.estimatedFootprintInBytes ?? 0 }

    /// Records one latency sample (truncated to whole microseconds).
    public mutating func record(_ duration: Duration) {
        let micros = duration.wholeMicroseconds
        if micros < 0 {
            negativeCount += 1
            record(microseconds: 0, count: 1)
        } else {
            record(microseconds: UInt64(micros), count: 1)
        }
    }

    /// Number of samples recorded (including clamped ones).
    public var count: UInt64 { histogram?.totalCount ?? 0 }

    /// Smallest sample in ms (bucket-equivalent), 0 when empty.
    public var minimumMilliseconds: Double { histogram.map { $0.totalCount == 0 ? 0 : Self.milliseconds($0.min) } ?? 0 }

    /// Largest sample in ms (bucket-equivalent), 0 when empty.
    public var maximumMilliseconds: Double { histogram.map { $0.totalCount == 0 ? 0 : Self.milliseconds($0.max) } ?? 0 }

    /// Mean in ms, 0 when empty.
    public var meanMilliseconds: Double { histogram.map { $0.totalCount == 0 ? 0 : $0.mean / 1_000 } ?? 0 }

    /// Standard deviation in ms, 0 when empty.
    public var standardDeviationMilliseconds: Double {
        histogram.map { $0.totalCount == 0 ? 0 : $0.stdDeviation / 1_000 } ?? 0
    }

    /// The value (ms) at or below which `percentile` % of samples fall (0...100, clamped);
    /// 0 when empty. Accurate to 3 significant digits.
    public func percentileMilliseconds(_ percentile: Double) -> Double {
        guard let histogram, histogram.totalCount > 0 else { return 0 }
        let clamped = percentile.isFinite ? min(100, max(0, percentile)) : 50
        return Self.milliseconds(histogram.valueAtPercentile(clamped))
    }

    /// A Codable snapshot: count, min/max/mean and p50/p90/p95/p99/p99.9 in ms.
    ///
    /// One walk over the recorded buckets gives the mean and all five percentiles (the same
    /// figures as `meanMilliseconds` and `percentileMilliseconds`): a receiver builds this for
    /// every stream every interval, and the library's own calls walk the counts once per figure,
    /// unspecialised across the module boundary (the #19 profile).
    public var summary: Summary {
        guard let histogram, histogram.totalCount > 0 else {
            return Summary(
                count: 0, minimumMilliseconds: 0, maximumMilliseconds: 0, meanMilliseconds: 0, p50Milliseconds: 0,
                p90Milliseconds: 0, p95Milliseconds: 0, p99Milliseconds: 0, p999Milliseconds: 0,
                negativeCount: negativeCount, overflowCount: overflowCount)
        }
        let walk = PercentileWalk(histogram, percentiles: (50, 90, 95, 99, 99.9))
        return Summary(
            count: histogram.totalCount,
            minimumMilliseconds: Self.milliseconds(histogram.min),
            maximumMilliseconds: Self.milliseconds(histogram.max),
            meanMilliseconds: walk.meanMicroseconds / 1_000,
            p50Milliseconds: Self.milliseconds(walk.values.0),
            p90Milliseconds: Self.milliseconds(walk.values.1),
            p95Milliseconds: Self.milliseconds(walk.values.2),
            p99Milliseconds: Self.milliseconds(walk.values.3),
            p999Milliseconds: Self.milliseconds(walk.values.4),
            negativeCount: negativeCount,
            overflowCount: overflowCount
        )
    }

    /// Removes all samples.
    public mutating func reset() {
        histogram?.reset()
        negativeCount = 0
        overflowCount = 0
    }

    // MARK: Internal (used by DelayVariation)

    /// Records `count` samples of `microseconds`, clamping to the trackable range.
    mutating func record(microseconds: UInt64, count: UInt64) {
        guard count > 0 else { return }
        var value = microseconds
        if value > Self.highestTrackableMicroseconds {
            overflowCount += count
            value = Self.highestTrackableMicroseconds
        }
        // A flag, not `histogram == nil`: comparing the optional copies the histogram (a retain
        // of its counts) on every sample.
        if !isAllocated {
            histogram = Self.make(precision)
            isAllocated = true
        }
        if precision == .twoDigits, let highest = histogram?.highestTrackableValue, value > highest { grow(toCover: value) }
        // 32-bit counts (half the memory): a bucket saturates at UInt32.max instead of wrapping
        // (135 years of one sample per second in one bucket). No bucket holds more than the
        // total, so the bucket is looked up only once the total nears the limit (not per sample).
        var kept = min(count, UInt64(UInt32.max))
        if let total = histogram?.totalCount, total > UInt64(UInt32.max) - kept {
            kept = min(kept, UInt64(UInt32.max - (histogram?.countForValue(value) ?? 0)))
        }
        histogram?.record(value, count: UInt32(kept))
    }

    /// The non-empty buckets as (representative value µs, count).
    func recordedBuckets() -> [(microseconds: UInt64, count: UInt64)] {
        guard let histogram else { return [] }
        return histogram.recordedValues().map { (histogram.medianEquivalentForValue($0.value), UInt64($0.count)) }
    }

    private static func milliseconds(_ microseconds: UInt64) -> Double { Double(microseconds) / 1_000 }
}
