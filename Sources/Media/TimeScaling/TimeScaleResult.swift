/// What one ``TimeScaler`` call did to a block of decoded PCM.
public struct TimeScaleResult: Sendable, Equatable {
    /// Why a time-scaling request was declined (the samples were left unchanged).
    public enum Declined: Sendable, Equatable {
        /// The block holds fewer than two of the shortest periods (2 × 2.5 ms) per channel, or the
        /// caller's limit is below the shortest period (2.5 ms).
        case tooShort
        /// The signal is audible and not periodic enough: the best normalised correlation
        /// (−1...1) was below the threshold, so a splice could be heard.
        case notPeriodic(correlation: Double)
    }

    /// Why the splice was allowed.
    public enum Reason: Sendable, Equatable {
        /// Level below ``TimeScaler/quietLevelDBFS``: silence, DTX or comfort noise.
        case quiet
        /// Audible, but one period matched the next with correlation at or above the threshold.
        case periodic
    }

    /// Samples per channel removed (accelerate) or inserted (preemptive expand); 0 when declined.
    public let samplesPerChannel: Int
    /// Best normalised cross-correlation found at ``samplesPerChannel`` (−1...1; 0 when too short).
    public let correlation: Double
    /// Why the splice was made, or `nil` when declined.
    public let reason: Reason?
    /// Why it was declined, or `nil` when a splice was made.
    public let declined: Declined?

    /// Whether samples were removed or inserted.
    public var applied: Bool { samplesPerChannel > 0 }

    static func done(_ samplesPerChannel: Int, correlation: Double, reason: Reason) -> TimeScaleResult {
        TimeScaleResult(samplesPerChannel: samplesPerChannel, correlation: correlation, reason: reason, declined: nil)
    }

    static func declined(_ why: Declined, correlation: Double = 0) -> TimeScaleResult {
        TimeScaleResult(samplesPerChannel: 0, correlation: correlation, reason: nil, declined: why)
    }
}
