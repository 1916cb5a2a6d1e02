import Stats

/// Bursts and gaps of loss in the decoded stream: loss runs, the RFC 3611 burst/gap metrics
/// (Gmin 16), and the two-state Gilbert-Elliott transition estimates.
public struct LossPatternSummary: Sendable, Equatable, Codable {
    /// Runs of consecutive lost frames.
    public var bursts: Int
    public var meanBurstLength: Double
    public var longestBurst: Int
    /// p: probability of a loss after a received frame.
    public var goodToBad: Double
    /// r: probability of a received frame after a loss.
    public var badToGood: Double
    /// RFC 3611 §4.7.2 figures.
    public var burstDensity: Double
    public var gapDensity: Double
    public var burstDurationMilliseconds: Double
    public var gapDurationMilliseconds: Double

    public init(_ analyzer: LossPatternAnalyzer, frameMilliseconds: Double) {
        let runs = analyzer.lossRuns
        let metrics = analyzer.exactBurstGapMetrics(packetDurationMilliseconds: frameMilliseconds)
        bursts = Int(runs.runCount)
        meanBurstLength = runs.meanRunLength
        longestBurst = runs.maximumRunLength
        goodToBad = analyzer.goodToBadProbability
        badToGood = analyzer.badToGoodProbability
        burstDensity = metrics.burstDensity
        gapDensity = metrics.gapDensity
        burstDurationMilliseconds = metrics.burstDurationMilliseconds
        gapDurationMilliseconds = metrics.gapDurationMilliseconds
    }

    enum CodingKeys: String, CodingKey {
        case bursts
        case meanBurstLength = "mean_burst_length"
        case longestBurst = "longest_burst"
        case goodToBad = "p_good_to_bad"
        case badToGood = "r_bad_to_good"
        case burstDensity = "burst_density"
        case gapDensity = "gap_density"
        case burstDurationMilliseconds = "burst_duration_ms"
        case gapDurationMilliseconds = "gap_duration_ms"
    }
}
