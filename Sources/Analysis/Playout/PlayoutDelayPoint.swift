/// One point of the hindsight-optimal fixed playout delay curve.
public struct PlayoutDelayPoint: Sendable, Codable, Equatable {
    /// Fixed playout delay above the fastest packet's transit, ms.
    public var delayMilliseconds: Double
    /// Packets that would have arrived later than that, % of packets received.
    public var lateLossPercent: Double

    public init(delayMilliseconds: Double, lateLossPercent: Double) {
        self.delayMilliseconds = delayMilliseconds
        self.lateLossPercent = lateLossPercent
    }
}
