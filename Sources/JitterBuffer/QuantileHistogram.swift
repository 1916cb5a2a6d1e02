/// Histogram of relative delays (1 ms buckets) with exponential forgetting and an incrementally
/// maintained quantile, so adding a sample is O(1) amortised (no per-sample decay pass).
///
/// Forgetting is lazy: each new sample weighs `1/forget` times the previous one; counts are
/// rescaled when the weight gets large. Until `1/(1 − forget)` samples exist, weights are equal so
/// that early estimates are plain empirical quantiles.
///
/// Memory: the counts cover `bucketCount` buckets but are allocated only up to the highest bucket
/// reached so far (at first ``initialAllocatedBuckets``, then doubling), so a stream whose delays
/// stay within tens of milliseconds holds a few hundred bytes, not the full range (8 KB: 1,000
/// buckets for the default 500 ms maximum delay). Buckets not allocated hold zero weight, so every result is the one the
/// full-size table gives.
struct QuantileHistogram: Sendable {
    static let bucketNanoseconds: Int64 = 1_000_000

    private var counts: [Double]
    /// Buckets covered (values above go in the last); `counts` holds the first ones.
    private let bucketCount: Int
    static let initialAllocatedBuckets = 32
    private var total: Double = 0
    private var weight: Double = 1
    private var quantileIndex = 0
    private var massAbove: Double = 0
    private let quantile: Double
    /// Per-sample forgetting factor; may change between samples (``DelayEstimator``).
    var forget: Double
    private(set) var samples: Int64 = 0

    /// `buckets` 1 ms buckets (values above go in the last one); `quantile` in 0.5...0.9999.
    init(quantile: Double, forget: Double, buckets: Int) {
        self.quantile = quantile
        self.forget = forget
        bucketCount = max(2, buckets)
        counts = Array(repeating: 0, count: min(bucketCount, Self.initialAllocatedBuckets))
    }

    /// Buckets allocated now (for memory figures).
    var allocatedBuckets: Int { counts.count }

    /// Allocates buckets through `bucket` (doubling, at most `bucketCount`): rare, only when a
    /// delay beyond every earlier one arrives.
    private mutating func allocate(through bucket: Int) {
        var size = counts.count
        while size <= bucket { size *= 2 }
        size = min(size, bucketCount)
        var grown = [Double](repeating: 0, count: size)
        for index in counts.indices { grown[index] = counts[index] }
        counts = grown
    }

    /// The quantile in nanoseconds (upper edge of its bucket); nil before any sample.
    var quantileNanoseconds: Int64? {
        @inline(__always) get { samples == 0 ? nil : Int64(quantileIndex + 1) * Self.bucketNanoseconds }
    }

    mutating func add(_ relativeNanoseconds: Int64) {
        let bucket = Int(min(max(0, relativeNanoseconds) / Self.bucketNanoseconds, Int64(bucketCount - 1)))
        if bucket >= counts.count { allocate(through: bucket) }
        samples += 1
        let step = Double(samples) * (1 - forget) < 1 ? 1 : forget
        counts[bucket] += weight
        total += weight
        if bucket > quantileIndex { massAbove += weight }
        weight /= step
        if weight > 1e100 { rescale() }
        let allowed = (1 - quantile) * total
        while massAbove > allowed, quantileIndex < bucketCount - 1 {
            quantileIndex += 1
            if quantileIndex >= counts.count { allocate(through: quantileIndex) }
            massAbove -= counts[quantileIndex]
        }
        while quantileIndex > 0, massAbove + counts[quantileIndex] <= allowed {
            massAbove += counts[quantileIndex]
            quantileIndex -= 1
        }
    }

    private mutating func rescale() {
        let factor = 1 / weight
        total = 0
        massAbove = 0
        for index in counts.indices {
            counts[index] *= factor
            total += counts[index]
            if index > quantileIndex { massAbove += counts[index] }
        }
        weight = 1
    }
}
