/// A call-quality ESTIMATE from the narrowband ITU-T G.107 E-model (see `EModel`): one-way
/// mouth-to-ear delay and effective loss (network loss + late discards, each packet counted
/// once) with the loss burstiness give R and MOS. With the provisional Opus Ie/Bpl values the
/// figures are indicative only; always label them as an estimate in output.
public struct QualityEstimate: Sendable, Equatable, Hashable, Codable {
    /// Label to print next to the figures.
    public static let label = "estimate (E-model)"

    /// Mouth-to-ear one-way delay used for Idd, in milliseconds (network + buffer + codec).
    public var oneWayDelayMilliseconds: Double
    /// Effective packet loss Ppl in percent (0...100).
    public var effectiveLossPercent: Double
    /// G.107 BurstR used (1 = random loss).
    public var burstRatio: Double
    /// Conversational R (with the delay impairment), narrowband scale.
    public var rFactor: Double
    /// Conversational MOS (MOS-CQ), 1...4.5.
    public var mos: Double
    /// Listening R (delay impairment left out).
    public var listeningRFactor: Double
    /// Listening MOS (MOS-LQ), 1...4.5.
    public var listeningMOS: Double
    /// Name of the codec impairment values used.
    public var codecName: String

    /// Computes the estimate from already combined figures.
    /// - Parameters:
    ///   - oneWayDelayMilliseconds: mouth-to-ear delay in ms (negative/non-finite → 0).
    ///   - effectiveLossPercent: 0...100 (clamped by `EModel`).
    ///   - burstRatio: G.107 BurstR (1 = random).
    public init(
        oneWayDelayMilliseconds: Double, effectiveLossPercent: Double, burstRatio: Double = 1,
        codec: CodecImpairment = .opusProvisional
    ) {
        self.oneWayDelayMilliseconds = oneWayDelayMilliseconds
        self.effectiveLossPercent = effectiveLossPercent
        self.burstRatio = burstRatio
        self.codecName = codec.name
        rFactor = EModel.rFactor(
            oneWayDelayMilliseconds: oneWayDelayMilliseconds, packetLossPercent: effectiveLossPercent,
            burstRatio: burstRatio, codec: codec)
        listeningRFactor = EModel.rFactor(
            oneWayDelayMilliseconds: 0, packetLossPercent: effectiveLossPercent, burstRatio: burstRatio, codec: codec)
        mos = EModel.mos(rFactor: rFactor)
        listeningMOS = EModel.mos(rFactor: listeningRFactor)
    }

    /// Combines receiver measurements: delay = network one-way + jitter buffer + codec; loss =
    /// (network lost + late) / expected, where late packets arrived (so are not in `lost`).
    /// - Parameters:
    ///   - networkOneWayDelayMilliseconds: network delay in ms (e.g. RTT / 2 or a measured
    ///     one-way latency with synchronised clocks).
    ///   - jitterBufferDelayMilliseconds: current playout delay in ms.
    ///   - codecDelayMilliseconds: frame duration + look-ahead in ms.
    ///   - expectedPackets: packets expected (RFC 3550 A.3); ≤ 0 means no loss figure (0 %).
    ///   - networkLostPackets: packets never received (negative values count as 0).
    ///   - latePackets: packets received too late to play.
    public init(
        networkOneWayDelayMilliseconds: Double, jitterBufferDelayMilliseconds: Double,
        codecDelayMilliseconds: Double = 0, expectedPackets: Int64, networkLostPackets: Int64,
        latePackets: Int64, burstRatio: Double = 1, codec: CodecImpairment = .opusProvisional
    ) {
        let lossPercent: Double
        if expectedPackets > 0 {
            let lost = max(0, networkLostPackets) + max(0, latePackets)
            lossPercent = min(100, Double(lost) * 100 / Double(expectedPackets))
        } else {
            lossPercent = 0
        }
        let delays = [networkOneWayDelayMilliseconds, jitterBufferDelayMilliseconds, codecDelayMilliseconds]
        self.init(
            oneWayDelayMilliseconds: delays.reduce(0) { $0 + ($1.isFinite ? max(0, $1) : 0) },
            effectiveLossPercent: lossPercent, burstRatio: burstRatio, codec: codec)
    }
}
