/// What one jitter buffer made of one stream.
public struct PlayoutResult: Sendable, Codable, Equatable {
    /// `PlayoutPolicy.name`.
    public var name: String
    /// Packets that arrived too late to play, % of packets received.
    public var lateLossPercent: Double
    /// Frames played out concealed (network loss + late loss), % of frames played.
    public var concealedPercent: Double
    /// Mean delay from a frame's arrival-time reference to its playout, ms.
    public var meanPlayoutDelayMilliseconds: Double
    public var p99PlayoutDelayMilliseconds: Double
    /// ITU-T G.107 R and MOS for what was played (network + late loss, delay).
    public var rFactor: Double
    public var mos: Double

    public init(
        name: String, lateLossPercent: Double, concealedPercent: Double, meanPlayoutDelayMilliseconds: Double,
        p99PlayoutDelayMilliseconds: Double, rFactor: Double, mos: Double
    ) {
        self.name = name
        self.lateLossPercent = lateLossPercent
        self.concealedPercent = concealedPercent
        self.meanPlayoutDelayMilliseconds = meanPlayoutDelayMilliseconds
        self.p99PlayoutDelayMilliseconds = p99PlayoutDelayMilliseconds
        self.rFactor = rFactor
        self.mos = mos
    }
}
