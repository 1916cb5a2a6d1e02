/// NetEq's forgetting histogram (WebRTC `modules/audio_coding/neteq/histogram.cc`), in Double
/// instead of Q30/Q15 fixed point.
///
/// - Starts as 1/2, 1/4, 1/8, … (`Histogram::Reset`).
/// - `add(bucket)`: every bucket × forget factor, then `1 − forget` added to `bucket`.
/// - With a start forget weight w the factor starts at 0 and becomes `min(base, 1 − w / (n + 1))`
///   after the n-th add (n from 0), so the first samples are not drowned by the initial shape.
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
        self.forgetFactor = startForgetWeight == nil ? forgetFactor : 0
    }

    /// Adds one observation in `bucket` (ignored outside 0..<count, as NetEq's callers do).
    package mutating func add(_ bucket: Int) {
        guard buckets.indices.contains(bucket) else { return }
        for index in buckets.indices { buckets[index] *= forgetFactor }
        buckets[bucket] += 1 - forgetFactor
        if let startForgetWeight, forgetFactor != baseForgetFactor {
            let next = 1 - startForgetWeight / Double(addCount + 1)
            forgetFactor = max(0, min(baseForgetFactor, next))
        }
        addCount += 1
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
