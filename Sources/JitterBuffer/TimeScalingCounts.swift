/// Time-scaling done by the player on this buffer's frames, as reported to
/// ``JitterBuffer/recordTimeScaling(samplesPerChannel:sampleRate:)``.
public struct TimeScalingCounts: Sendable, Equatable {
    /// Frames shortened by one pitch period (accelerate).
    public var accelerateCount: Int64 = 0
    /// Total time removed by accelerate, ns.
    public var acceleratedNanoseconds: Int64 = 0
    /// Frames lengthened by one pitch period (preemptive expand).
    public var expandCount: Int64 = 0
    /// Total time inserted by preemptive expand, ns.
    public var expandedNanoseconds: Int64 = 0
    /// Ticks that held their slot on an underrun (nothing buffered, concealed until a packet
    /// came: NetEq's expand).
    public var underrunHoldTicks: Int64 = 0
    /// Lost frames whose slot such a hold had already concealed (merged: not concealed again).
    public var underrunHoldCoveredLostFrames: Int64 = 0
    /// Sum of the playout delay (above the fastest recent packet) over played frames, ns.
    public var playedDelaySumNanoseconds: Int64 = 0
    /// Frames played from their own packet (the count behind ``meanPlayedDelayMilliseconds``).
    public var playedFrames: Int64 = 0

    /// Creates empty counts.
    public init() {}

    /// Mean playout delay above the fastest recent packet over played frames, ms (0 before any).
    public var meanPlayedDelayMilliseconds: Double {
        playedFrames > 0 ? Double(playedDelaySumNanoseconds) / Double(playedFrames) / 1e6 : 0
    }
}
