/// What one jitter buffer made of one stream.
public struct PlayoutResult: Sendable, Codable, Equatable {
    /// `PlayoutPolicy.name`.
    public var name: String
    /// Packets that arrived too late to play, % of packets received.
    public var lateLossPercent: Double
    /// Frames played out concealed (network loss + late loss), % of frames played.
    public var concealedPercent: Double
    /// Mean playout delay of the frames played from data, ms: the instant a frame leaves the
    /// buffer minus the instant it would have arrived as fast as the stream's fastest packet
    /// (`media time + smallest transit`); the same definition for every policy (see
    /// ``PlayoutSimulation``).
    public var meanPlayoutDelayMilliseconds: Double
    /// 99th percentile of the same, ms (lower edge of its 1 ms bucket).
    public var p99PlayoutDelayMilliseconds: Double
    /// ITU-T G.107 R for what was played: loss = `concealedPercent`, mouth-to-ear delay = mean
    /// playout delay + a stated constant (``PlayoutSimulation/mouthToEarExtraMilliseconds``).
    public var rFactor: Double
    /// G.107 Annex B MOS from `rFactor` (1 ... 4.5).
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
