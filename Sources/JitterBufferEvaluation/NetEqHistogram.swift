/// NetEq's forgetting histogram (WebRTC `modules/audio_coding/neteq/histogram.cc`), in Double
/// instead of Q30/Q15 fixed point.
///
/// - Starts as 1/2, 1/4, 1/8, … (`Histogram::Reset`).
/// - `add(bucket)`: every bucket × forget factor, then `1 − forget` added to `bucket`.
/// - The factor starts at 0. With a start forget weight w it becomes `min(base, 1 − w / (n + 1))`
///   after the n-th add (n from 1), so the first samples are not drowned by the initial shape;
///   without one it moves a quarter of the way to the base after each add.
/// - `quantile(p)`: the smallest index whose cumulative probability reaches p.
package struct NetEqHistogram: Sendable {
    /// Probability of each bucket (sums to 1).
    package private(set) var buckets: [Double]
    private let baseForgetFactor: Double
    private let startForgetWeight: Double?
    private var forgetFactor: Double
    private var addCount = 0

    /// `bucketCount` buckets, forgetting factor `forgetFactor` per add (0.983 for the delay
    /// histogram), optional start weight (2 in NetEq).
    package init(bucketCount: Int, forgetFactor: Double, startForgetWeight: Double?) {
        buckets = (0..<max(1, bucketCount)).map { index in 1 / Double(1 << min(index + 1, 62)) }
        baseForgetFactor = forgetFactor
        self.startForgetWeight = startForgetWeight
        self.forgetFactor = 0
    }

    /// Adds one observation in `bucket` (ignored outside 0..<count, as NetEq's callers do).
    package mutating func add(_ bucket: Int) {
        guard buckets.indices.contains(bucket) else { return }
        for index in buckets.indices { buckets[index] *= forgetFactor }
        buckets[bucket] += 1 - forgetFactor
        addCount += 1
        if let startForgetWeight {
            if forgetFactor != baseForgetFactor {
                forgetFactor = max(0, min(baseForgetFactor, 1 - startForgetWeight / Double(addCount + 1)))
            }
        } else {
            // `forget_factor_ += (base − forget_factor_ + 3) >> 2` in Q15.
            forgetFactor = min(baseForgetFactor, forgetFactor + (baseForgetFactor - forgetFactor + 3.0 / 32_768) / 4)
        }
    }

    /// Smallest bucket index at which the cumulative probability reaches `probability`.
    package func quantile(_ probability: Double) -> Int {
        var index = 0
        var remaining = 1 - buckets[0]
        while remaining > 1 - probability + 1e-12, index < buckets.count - 1 {
            index += 1
            remaining -= buckets[index]
        }
        return index
    }
}
