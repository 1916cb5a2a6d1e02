import RTP

/// Jitter-buffer figures for the RFC 3611 VoIP Metrics block, as plain numbers so this target
/// does not depend on the JitterBuffer target. All delays in milliseconds.
public struct JitterBufferFigures: Sendable, Equatable, Hashable {
    /// Current playout delay (what a packet waits on average now), ms.
    public var currentDelayMilliseconds: Double
    /// JB nominal: the delay the buffer aims for, ms.
    public var nominalDelayMilliseconds: Double
    /// JB maximum: the current upper bound of the adaptive delay, ms.
    public var maximumDelayMilliseconds: Double
    /// JB abs max: the largest delay the buffer can ever reach, ms.
    public var absoluteMaximumDelayMilliseconds: Double
    /// Whether the buffer adapts its delay (RX config JBA).
    public var isAdaptive: Bool
    /// RX config JB adjustment rate J, 0...15 (0 = unknown/not reported).
    public var adjustmentRate: UInt8

    public init(
        currentDelayMilliseconds: Double, nominalDelayMilliseconds: Double, maximumDelayMilliseconds: Double,
        absoluteMaximumDelayMilliseconds: Double, isAdaptive: Bool = true, adjustmentRate: UInt8 = 0
    ) {
        self.currentDelayMilliseconds = currentDelayMilliseconds
        self.nominalDelayMilliseconds = nominalDelayMilliseconds
        self.maximumDelayMilliseconds = maximumDelayMilliseconds
        self.absoluteMaximumDelayMilliseconds = absoluteMaximumDelayMilliseconds
        self.isAdaptive = isAdaptive
        self.adjustmentRate = adjustmentRate
    }
}
