/// Counts of values on a 1 ms grid, for the playout replay: bucket `k` holds values `v` (ns) with
/// `k = ⌊v / 1 ms⌋`, i.e. `[k, k + 1)` ms. Buckets are allocated on demand between the lowest and
/// highest used, at most `limitBuckets` either side of 0 (±10 s); values beyond are counted in the
/// outermost bucket. Memory is at most 2 × 10 000 counts, whatever the number of samples.
struct MillisecondHistogram: Sendable {
    /// Buckets on each side of 0: 10 000 (10 s).
    static let limitBuckets = 10_000
    static let bucketNanoseconds: Int64 = 1_000_000

    /// Counts of buckets 0, 1, 2 …
    private var positive: [Int] = []
    /// Counts of buckets −1, −2, −3 …
    private var negative: [Int] = []
    /// Samples added.
    private(set) var total = 0
    /// Sum of the values added (ns), for exact means.
    private(set) var sumNanoseconds: Double = 0

    /// The bucket of `nanoseconds` (floor division), clamped to ±`limitBuckets`.
    static func bucket(ofNanoseconds nanoseconds: Int64) -> Int {
        let quotient = nanoseconds / bucketNanoseconds
        let floor = nanoseconds % bucketNanoseconds < 0 ? quotient - 1 : quotient
        return Int(min(max(floor, Int64(-limitBuckets)), Int64(limitBuckets - 1)))
    }

    /// Adds one value (ns).
    mutating func add(nanoseconds: Int64) {
        sumNanoseconds += Double(nanoseconds)
        add(bucket: Self.bucket(ofNanoseconds: nanoseconds))
    }

    private mutating func add(bucket: Int) {
        total += 1
        if bucket >= 0 {
            if bucket >= positive.count { positive.append(contentsOf: repeatElement(0, count: bucket + 1 - positive.count)) }
            positive[bucket] += 1
        } else {
            let index = -1 - bucket
            if index >= negative.count { negative.append(contentsOf: repeatElement(0, count: index + 1 - negative.count)) }
            negative[index] += 1
        }
    }

    /// Samples in bucket `bucket`.
    func count(bucket: Int) -> Int {
        if bucket >= 0 { return bucket < positive.count ? positive[bucket] : 0 }
        let index = -1 - bucket
        return index < negative.count ? negative[index] : 0
    }

    /// The lowest bucket holding a sample; nil when empty.
    var lowestBucket: Int? {
        if let index = negative.lastIndex(where: { $0 > 0 }) { return -1 - index }
        return positive.firstIndex { $0 > 0 }
    }

    /// The highest bucket holding a sample; nil when empty.
    var highestBucket: Int? {
        if let index = positive.lastIndex(where: { $0 > 0 }) { return index }
        return negative.firstIndex { $0 > 0 }.map { -1 - $0 }
    }

    /// The lowest bucket `b` such that at least `quantile` (0...1) of the samples lie in buckets
    /// `≤ b`; nil when empty.
    func quantileBucket(_ quantile: Double) -> Int? {
        guard let low = lowestBucket, let high = highestBucket else { return nil }
        let needed = max(1, Int((quantile * Double(total)).rounded(.up)))
        var seen = 0
        for bucket in low...high {
            seen += count(bucket: bucket)
            if seen >= needed { return bucket }
        }
        return high
    }

    /// `(bucket, samples in buckets above it)` for every bucket from the lowest to the highest
    /// used, in order: the late-loss counts of a fixed delay ending at each bucket.
    func countsAbove() -> [(bucket: Int, above: Int)] {
        guard let low = lowestBucket, let high = highestBucket else { return [] }
        var result: [(bucket: Int, above: Int)] = []
        result.reserveCapacity(high - low + 1)
        var remaining = total
        for bucket in low...high {
            remaining -= count(bucket: bucket)
            result.append((bucket, remaining))
        }
        return result
    }
}
