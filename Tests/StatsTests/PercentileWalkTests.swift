import Foundation
import JitterbugSupport
import Testing
@testable import Stats

/// The one-walk summary must give exactly the figures of the library's own per-figure calls
/// (`valueAtPercentile`, `mean`), which `percentileMilliseconds` and `meanMilliseconds` use.
@Suite("Percentile walk")
struct PercentileWalkTests {
    static let cases: [(LatencyHistogram.Precision, UInt64)] = [
        (.threeDigits, 1), (.threeDigits, 7), (.twoDigits, 3), (.twoDigits, 11),
    ]

    @Test("summary equals the library's percentile and mean calls, bit for bit", arguments: cases)
    func matchesLibrary(precision: LatencyHistogram.Precision, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for samples in [1, 2, 3, 10, 99, 1_000, 20_000] {
            var histogram = LatencyHistogram(precision: precision)
            for _ in 0..<samples {
                // Log-uniform 1 µs … 2 s, plus a few repeats of one value.
                let micros = random.next() % 4 == 0 ? 12_345 : Int64(exp(Double.random(in: 0...14.5, using: &random)))
                histogram.record(.microseconds(micros))
            }
            let summary = histogram.summary
            #expect(summary.count == UInt64(samples))
            #expect(summary.p50Milliseconds == histogram.percentileMilliseconds(50))
            #expect(summary.p90Milliseconds == histogram.percentileMilliseconds(90))
            #expect(summary.p95Milliseconds == histogram.percentileMilliseconds(95))
            #expect(summary.p99Milliseconds == histogram.percentileMilliseconds(99))
            #expect(summary.p999Milliseconds == histogram.percentileMilliseconds(99.9))
            #expect(summary.meanMilliseconds == histogram.meanMilliseconds)
            #expect(summary.minimumMilliseconds == histogram.minimumMilliseconds)
            #expect(summary.maximumMilliseconds == histogram.maximumMilliseconds)
        }
    }

    @Test("an empty histogram's summary is zeros")
    func empty() {
        let summary = LatencyHistogram(precision: .twoDigits).summary
        #expect(summary.count == 0 && summary.p99Milliseconds == 0 && summary.meanMilliseconds == 0)
    }
}
