import JitterbugSupport
import Testing

@testable import JitterBuffer

/// The estimator's baseline (the fastest packet of the last 2 s) is cached between queries and
/// kept current on each arrival; here it is checked against the definition computed afresh from
/// every arrival kept by the test: the minimum delay over the 20 buckets of 100 ms that end in
/// the query's bucket (arrivals in later buckets count too, as in the estimator).
@Suite("Delay estimator baseline")
struct DelayEstimatorBaselineTests {
    @Test("Cached baseline equals the minimum recomputed from all arrivals, queries and arrivals interleaved")
    func cachedBaselineMatchesDefinition() {
        var generator = SplitMix64(seed: 0x5eed_ba5e)
        var estimator = DelayEstimator(
            quantile: 0.95, forget: 0.983, guardQuantile: nil, guardForget: 0.999, maximumDelayNanoseconds: 1_000_000_000)
        var arrivals: [(arrival: Int64, delay: Int64)] = []
        var latestBucketOfSlot: [Int64: Int64] = [:]
        var now: Int64 = 1_000_000_000
        for _ in 0..<10_000 {
            now += Int64.random(in: 0...30_000_000, using: &generator)  // gaps up to 30 ms, some longer below
            if Int.random(in: 0..<500, using: &generator) == 0 { now += 3_000_000_000 }  // a silence longer than the window
            let delay = Int64.random(in: -50_000_000...200_000_000, using: &generator)
            estimator.add(arrival: now, delay: delay)
            arrivals.append((now, delay))
            latestBucketOfSlot[now / 100_000_000 % 20] = now / 100_000_000
            // A tick a little later than the arrival, as the playout asks between packets.
            let tick = now + Int64.random(in: 0...25_000_000, using: &generator)
            #expect(estimator.baseline(now: tick) == Self.expectedBaseline(arrivals, latestBucketOfSlot: latestBucketOfSlot, now: tick))
        }
    }

    /// The definition: buckets of 100 ms numbered `time / 100 ms`, 20 ring slots; the baseline at
    /// `now` is the smallest delay among arrivals whose bucket is newer than `bucket(now) − 20`
    /// and is still its slot's latest bucket (older ones were overwritten). Arrivals are in time
    /// order, so the scan walks back from the newest until it leaves the window.
    static func expectedBaseline(
        _ arrivals: [(arrival: Int64, delay: Int64)], latestBucketOfSlot: [Int64: Int64], now: Int64
    ) -> Int64? {
        let window = now / 100_000_000 - 20
        var best: Int64?
        for entry in arrivals.reversed() {
            let bucket = entry.arrival / 100_000_000
            if bucket <= window { break }
            if latestBucketOfSlot[bucket % 20] == bucket { best = min(best ?? entry.delay, entry.delay) }
        }
        return best
    }
}
