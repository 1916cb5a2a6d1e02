/// Estimates the playout delay needed: the distribution of each packet's arrival delay relative
/// to the fastest recent packet, with exponential forgetting, and a quantile of it; plus the clock
/// drift between sender and receiver. Times are nanoseconds (Int64) for speed.
///
/// - Relative delay `d = arrival − mediaTime(timestamp)`; the *baseline* is the minimum `d` over the
///   last 2 s (20 buckets of 100 ms); `r = d − baseline ≥ 0` goes into a 1 ms histogram.
/// - Two ``QuantileHistogram``s: the configured quantile with ~12 s memory (fast: follows a delay
///   spike within tens of packets), and an optional tail guard (higher quantile, longer memory).
/// - Drift: minimum `d` per 2 s window; least-squares slope over the last 64 windows (~2 min).
struct DelayEstimator: Sendable {
    static let baselineBucketNanoseconds: Int64 = 100_000_000
    static let baselineBuckets = 20
    static let driftWindowNanoseconds: Int64 = 2_000_000_000
    static let driftWindows = 64

    /// Fast estimate: the configured quantile over ~12 s.
    private var fast: QuantileHistogram
    /// Tail guard: a higher quantile over a longer memory, so recurring spikes and reordering that
    /// the fast quantile treats as outliers still keep late loss low.
    private var guardTail: QuantileHistogram?
    var samples: Int64 {
        @inline(__always) get { fast.samples }
    }

    private var baselineMinimum: [Int64]
    private var baselineEpoch: [Int64]
    /// ``baseline(now:)`` for the bucket epoch `cachedEpoch` (Int64.min: none), kept current by
    /// ``add(arrival:delay:)``: asked on every packet and tick, the 20-bucket scan ran only once
    /// per 100 ms bucket.
    private var cachedEpoch: Int64 = .min
    private var cachedBaseline: Int64 = .max

    /// One drift window: its middle (ns) and its minimum delay (ns).
    private struct DriftPoint {
        var x: Double
        var y: Double
    }

    private var driftPoints: [DriftPoint] = []
    private var driftNext = 0
    private var driftWindowIndex: Int64 = .min
    private var driftWindowMinimum: Int64 = .max
    private(set) var driftPPM: Double = 0

    init(quantile: Double, forget: Double, guardQuantile: Double?, guardForget: Double, maximumDelayNanoseconds: Int64) {
        let buckets = Int(min(max(maximumDelayNanoseconds / QuantileHistogram.bucketNanoseconds * 2, 200), 20_000))
        fast = QuantileHistogram(quantile: quantile, forget: forget, buckets: buckets)
        guardTail = guardQuantile.map { QuantileHistogram(quantile: $0, forget: guardForget, buckets: buckets) }
        baselineMinimum = Array(repeating: .max, count: Self.baselineBuckets)
        baselineEpoch = Array(repeating: .min, count: Self.baselineBuckets)
        // Sized once: growing it every few windows would allocate on the receive path.
        driftPoints.reserveCapacity(Self.driftWindows)
    }

    /// Target relative delay in nanoseconds: max of the fast quantile and the tail guard; nil before any sample.
    var quantileNanoseconds: Int64? {
        @inline(__always) get {
            guard let value = fast.quantileNanoseconds else { return nil }
            return max(value, guardTail?.quantileNanoseconds ?? 0)
        }
    }

    /// Sets the tail guard's forgetting factor (time-scaled playout keeps a longer memory).
    mutating func setGuardForget(_ forget: Double) {
        guardTail?.forget = forget
    }

    /// Minimum relative delay over the last 2 s before `now`, nil if none.
    mutating func baseline(now: Int64) -> Int64? {
        let epoch = now / Self.baselineBucketNanoseconds
        if epoch != cachedEpoch {
            cachedEpoch = epoch
            cachedBaseline = scanBaseline(epoch: epoch)
        }
        return cachedBaseline == .max ? nil : cachedBaseline
    }

    /// The minimum over the buckets whose epoch is within 20 of `epoch`.
    private func scanBaseline(epoch: Int64) -> Int64 {
        var best = Int64.max
        for index in 0..<Self.baselineBuckets where baselineEpoch[index] > epoch - Int64(Self.baselineBuckets) {
            best = min(best, baselineMinimum[index])
        }
        return best
    }

    /// With time-scaling, the tail guard counts only the packets that could be late, the others
    /// as 0; this is the slot granularity (one frame) it allows for, ns. The buffer then holds
    /// its slot on an underrun (conceals until a packet comes), so a packet is late only when a
    /// later one overtook it while the playout point sat between the two arrivals: an in-order
    /// packet never is, however long it took (NetEq's reorder optimizer makes the same cut),
    /// nor one whose overtaker itself came after the slot the current target gives it (a
    /// stall releasing its queue in a shuffled order: the held playout point takes them all).
    /// nil: every packet counts (whole-frame playout).
    var guardMarginNanoseconds: Int64?

    /// Whether a packet `relative` ns above the baseline, overtaken `overtaken` ns before it
    /// came (nil: in order, `Int64.max`: unknown), could be late: its overtaker came (relative
    /// to this packet's slot) before the current target plus `margin`.
    private func mayBeLate(relative: Int64, overtaken: Int64?, margin: Int64) -> Bool {
        guard let overtaken else { return false }
        guard let target = quantileNanoseconds else { return true }
        return relative - min(overtaken, relative) < target + margin
    }

    /// Adds one packet: `delay = arrival − mediaTime`, both in ns; `overtakenNanoseconds` how
    /// long ago a later packet arrived before it (nil in order). Returns the relative delay r.
    @discardableResult
    mutating func add(arrival: Int64, delay: Int64, overtakenNanoseconds: Int64? = nil) -> Int64 {
        let epoch = arrival / Self.baselineBucketNanoseconds
        let slot = Int(epoch.remainderReportingOverflow(dividingBy: Int64(Self.baselineBuckets)).partialValue)
        let index = slot < 0 ? slot + Self.baselineBuckets : slot
        if baselineEpoch[index] != epoch {
            baselineEpoch[index] = epoch
            baselineMinimum[index] = delay
            cachedEpoch = .min  // a bucket left the window: rescan on the next query
        } else if delay < baselineMinimum[index] {
            baselineMinimum[index] = delay
            // The bucket is in the cached window when its epoch is (the scan's own condition).
            if cachedEpoch != .min, epoch > cachedEpoch - Int64(Self.baselineBuckets) {
                cachedBaseline = min(cachedBaseline, delay)
            }
        }
        let relative = max(0, delay - (baseline(now: arrival) ?? delay))
        fast.add(relative)
        if guardTail != nil {
            let counted = guardMarginNanoseconds.map { mayBeLate(relative: relative, overtaken: overtakenNanoseconds, margin: $0) } ?? true
            guardTail?.add(counted ? relative : 0)
        }
        trackDrift(arrival: arrival, delay: delay)
        return relative
    }

    /// Forgets the timing reference (new stream: new timestamp origin) but keeps the network's
    /// delay distribution, which does not depend on the sender.
    mutating func resetTiming() {
        for index in 0..<Self.baselineBuckets {
            baselineMinimum[index] = .max
            baselineEpoch[index] = .min
        }
        cachedEpoch = .min
        driftPoints.removeAll(keepingCapacity: true)
        driftNext = 0
        driftWindowIndex = .min
        driftWindowMinimum = .max
        driftPPM = 0
    }

    private mutating func trackDrift(arrival: Int64, delay: Int64) {
        let window = arrival / Self.driftWindowNanoseconds
        if window != driftWindowIndex {
            if driftWindowIndex != .min, driftWindowMinimum != .max {
                let x = (Double(driftWindowIndex) + 0.5) * Double(Self.driftWindowNanoseconds)
                // A ring of the last `driftWindows` (the slope does not depend on their order):
                // `removeFirst` allocated in debug builds.
                let point = DriftPoint(x: x, y: Double(driftWindowMinimum))
                if driftPoints.count < Self.driftWindows {
                    driftPoints.append(point)
                } else {
                    driftPoints[driftNext] = point
                    driftNext = (driftNext + 1) % Self.driftWindows
                }
                driftPPM = Self.slopePPM(driftPoints)
            }
            driftWindowIndex = window
            driftWindowMinimum = .max
        }
        driftWindowMinimum = min(driftWindowMinimum, delay)
    }

    /// Sender-relative drift: the relative delay falls by `ppm` µs per second when the sender's
    /// clock runs fast, so drift = −slope × 10⁶. Needs 8 windows (16 s) before it reports.
    private static func slopePPM(_ points: [DriftPoint]) -> Double {
        guard points.count >= 8 else { return 0 }
        // Index loops over the buffer: `reduce` and `for … in` over the array allocated per
        // element in debug builds, once per 2 s window (TimeScalingAllocationTests).
        return points.withUnsafeBufferPointer { points in
            var sumX = 0.0
            var sumY = 0.0
            for index in 0..<points.count {
                sumX += points[index].x
                sumY += points[index].y
            }
            let meanX = sumX / Double(points.count)
            let meanY = sumY / Double(points.count)
            var sxy = 0.0
            var sxx = 0.0
            for index in 0..<points.count {
                let dx = points[index].x - meanX
                sxy += dx * (points[index].y - meanY)
                sxx += dx * dx
            }
            return sxx == 0 ? 0 : -sxy / sxx * 1_000_000
        }
    }
}
