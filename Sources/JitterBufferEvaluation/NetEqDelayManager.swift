/// NetEq's delay manager (WebRTC `modules/audio_coding/neteq/delay_manager.cc`,
/// `underrun_optimizer.cc`, `reorder_optimizer.cc`; defaults of `DelayManager::Config`):
///
/// - Underrun optimizer: each packet's arrival delay relative to the fastest recent packet;
///   the largest per 500 ms (`resample_interval_ms`) goes into a histogram of 100 buckets of
///   20 ms with forget factor 0.983 and start weight 2; the optimal delay is
///   `(1 + quantile 0.95 bucket) × 20 ms`.
/// - Reorder optimizer: a second histogram (forget factor 0.9993, start weight 2) of the
///   arrival delay of reordered packets (bucket 0 for in-order ones); the delay minimising
///   `delay above the underrun target + 20 ms per % of reordered packets still late`.
/// - Target: the larger of the two; 80 ms (`kStartDelayMs`) until the first update; reordered
///   packets do not feed the underrun optimizer.
package struct NetEqDelayManager: Sendable {
    static let bucketMilliseconds = 20.0
    static let startDelayMilliseconds = 80.0

    private var underrun = NetEqHistogram(bucketCount: 100, forgetFactor: 0.983, startForgetWeight: 2)
    private var reorder = NetEqHistogram(bucketCount: 100, forgetFactor: 0.9993, startForgetWeight: 2)
    private let quantile = 0.95
    private let resampleIntervalMilliseconds = 500.0
    private let millisecondsPerLossPercent = 20.0
    private var resampleStart: Double?
    private var maximumInIntervalMilliseconds = 0.0
    private var underrunOptimalMilliseconds: Double?

    /// The current target delay, ms above the fastest recent packet.
    package private(set) var targetMilliseconds = NetEqDelayManager.startDelayMilliseconds

    /// A delay manager with NetEq's defaults.
    package init() {}

    /// One packet arrived at `nowMilliseconds` with `arrivalDelayMilliseconds` above the fastest
    /// recent packet; `reordered` when an RTP-newer packet arrived before it.
    package mutating func update(arrivalDelayMilliseconds delay: Double, reordered: Bool, nowMilliseconds: Double) {
        if !reordered { updateUnderrun(delay, now: nowMilliseconds) }
        let target = underrunOptimalMilliseconds ?? Self.startDelayMilliseconds
        let index = reordered ? Int(delay / Self.bucketMilliseconds) : 0
        reorder.add(index)
        let reorderOptimal = (1 + Double(minimizeReorderCost(baseDelayMilliseconds: target))) * Self.bucketMilliseconds
        targetMilliseconds = max(target, reorderOptimal)
    }

    private mutating func updateUnderrun(_ delay: Double, now: Double) {
        let start = resampleStart ?? now
        resampleStart = start
        var sample: Double?
        if now - start > resampleIntervalMilliseconds {
            sample = maximumInIntervalMilliseconds
            resampleStart = now
            maximumInIntervalMilliseconds = 0
        }
        maximumInIntervalMilliseconds = max(maximumInIntervalMilliseconds, delay)
        guard let sample else { return }
        underrun.add(Int(sample / Self.bucketMilliseconds))
        underrunOptimalMilliseconds = (1 + Double(underrun.quantile(quantile))) * Self.bucketMilliseconds
    }

    /// `ReorderOptimizer::MinimizeCostFunction`: bucket i costs `max(0, 20 i − base)` ms plus
    /// `100 × 20 ms × P(reordered delay beyond bucket i)`.
    private func minimizeReorderCost(baseDelayMilliseconds: Double) -> Int {
        var lossProbability = 1.0
        var best = 0
        var bestCost = Double.infinity
        for (index, probability) in reorder.buckets.enumerated() {
            lossProbability -= probability
            let delay = max(0, Double(index) * Self.bucketMilliseconds - baseDelayMilliseconds)
            let cost = delay + 100 * millisecondsPerLossPercent * max(0, lossProbability)
            if cost < bestCost {
                bestCost = cost
                best = index
            }
            if lossProbability <= 0 { break }
        }
        return best
    }
}
