import Histogram

/// Five percentiles and the mean of a `Histogram<UInt32>` in one walk over its recorded buckets.
///
/// The results equal the library's `valueAtPercentile` and `mean` (same count threshold, same
/// bucket-equivalent values, same clamping to min…max); `recordedValues()` is inlinable, so
/// this walk is specialised for 32-bit counts in this module instead of running generic code.
struct PercentileWalk {
    /// The values (µs) at the five requested percentiles, in the order asked.
    private(set) var values: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
    /// The mean (µs) of the bucket-median values, as the library's `mean`.
    private(set) var meanMicroseconds = 0.0

    /// - Parameters:
    ///   - histogram: a non-empty histogram.
    ///   - percentiles: five percentiles in increasing order, each in 0 < p < 100.
    init(_ histogram: Histogram<UInt32>, percentiles: (Double, Double, Double, Double, Double)) {
        let total = histogram.totalCount
        guard total > 0 else { return }
        let thresholds = [percentiles.0, percentiles.1, percentiles.2, percentiles.3, percentiles.4].map {
            // As valueAtPercentile: 1 ulp below, the count rounded up, at least the first entry.
            max(1, UInt64(((min(max($0.nextDown, 0), 100) * Double(total)) / 100).rounded(.up)))
        }
        var found = [UInt64](repeating: 0, count: 5)
        var next = 0
        var totalValue = 0.0
        for bucket in histogram.recordedValues() {
            totalValue += Double(histogram.medianEquivalentForValue(bucket.value)) * Double(bucket.count)
            while next < 5, bucket.totalCountToThisValue >= thresholds[next] {
                found[next] = max(min(bucket.value, histogram.maxRecorded), histogram.min)
                next += 1
            }
        }
        values = (found[0], found[1], found[2], found[3], found[4])
        meanMicroseconds = totalValue / Double(total)
    }
}
