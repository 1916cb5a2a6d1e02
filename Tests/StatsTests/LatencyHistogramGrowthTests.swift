import Foundation
import JitterbugSupport
import Testing
@testable import Stats

/// The 2-digit histogram allocates its counts one octave at a time (#17). Its figures are checked
/// against a recomputation from the raw samples (nearest-rank percentiles, the exact mean) within
/// the stated precision, and against the same samples recorded in the opposite order (one growth
/// to the largest value at once, i.e. the full-size layout): identical.
@Suite("Latency histogram, 2 digits, grown on demand")
struct LatencyHistogramGrowthTests {
    /// Samples from 0 µs to `maxMicroseconds`, log-uniform, seeded.
    static func samples(seed: UInt64, count: Int, maxMicroseconds: Double) -> [UInt64] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt64(exp(Double.random(in: 0...log(maxMicroseconds), using: &random))) }
    }

    /// The exact nearest-rank percentile of `sorted`, in µs: the sample of rank ⌈p·n/100⌉
    /// (computed in integers, so 99.9 % of 5,000 is rank 4,995, not 4,996 by rounding).
    static func exactPercentile(_ sorted: [UInt64], _ percentile: Double) -> UInt64 {
        let perMille = Int((percentile * 10).rounded())
        let rank = max(1, (perMille * sorted.count + 999) / 1_000)
        return sorted[min(rank, sorted.count) - 1]
    }

    @Test(arguments: [(UInt64(1), 200.0), (2, 20_000.0), (3, 5_000_000.0), (4, 60_000_000.0)])
    func percentilesWithinOnePartIn128OfTheExactValue(seed: UInt64, maxMicroseconds: Double) {
        let values = Self.samples(seed: seed, count: 5_000, maxMicroseconds: maxMicroseconds)
        var ascending = LatencyHistogram(precision: .twoDigits)
        var descending = LatencyHistogram(precision: .twoDigits)
        for value in values.sorted() { ascending.record(.microseconds(value)) }
        for value in values.sorted(by: >) { descending.record(.microseconds(value)) }
        #expect(ascending.summary == descending.summary)
        let sorted = values.sorted()
        for percentile in [50.0, 90, 95, 99, 99.9] {
            let exact = Double(Self.exactPercentile(sorted, percentile))
            let reported = ascending.percentileMilliseconds(percentile) * 1_000
            // HdrHistogram at 2 digits: buckets are 1 µs wide below 256 µs, at most 1/128 of
            // the value above; a percentile is its bucket's highest value.
            #expect(reported >= exact, "p\(percentile): \(reported) < exact \(exact)")
            #expect(reported <= exact + max(0, exact / 128), "p\(percentile): \(reported) vs exact \(exact)")
        }
        let exactMean = Double(values.reduce(0, +)) / Double(values.count)
        #expect(abs(ascending.meanMilliseconds * 1_000 - exactMean) <= exactMean / 128 + 1)
        #expect(ascending.maximumMilliseconds * 1_000 >= Double(sorted.last ?? 0))
    }

    @Test func countsGrowWithTheLargestValueOnly() {
        var histogram = LatencyHistogram(precision: .twoDigits)
        #expect(histogram.countsBytes == 0)
        for value in 0..<200 { histogram.record(.microseconds(value)) }
        let small = histogram.countsBytes
        for _ in 0..<1_000 { histogram.record(.milliseconds(10)) }
        let tenMilliseconds = histogram.countsBytes
        histogram.record(.seconds(59))
        let full = histogram.countsBytes
        // 256 counts for values below 256 µs; 128 more per octave: 8 octaves to 10 ms, 18 to 59 s.
        // (The footprint is 512 + the array's capacity, which malloc may round up a little.)
        let smallBytes: Int = 512 + 256 * 4
        let tenMillisecondBytes: Int = 512 + (256 + 128 * 6) * 4
        let fullBytes: Int = 512 + (256 + 128 * 18) * 4
        #expect(small >= smallBytes && small <= smallBytes + 64)
        #expect(tenMilliseconds >= tenMillisecondBytes && tenMilliseconds <= tenMillisecondBytes + 64)
        #expect(full >= fullBytes && full <= fullBytes + 64)
        #expect(histogram.count == 1_201)
    }
}
