/// RFC 3611 §4.7.2 burst/gap figures of the capture's loss pattern (Gmin 16).
public struct BurstGapReport: Encodable, Sendable {
    public var burstDensity: Double
    public var gapDensity: Double
    public var burstDurationMilliseconds: Double
    public var gapDurationMilliseconds: Double

    enum CodingKeys: String, CodingKey {
        case burstDensity = "burst_density"
        case gapDensity = "gap_density"
        case burstDurationMilliseconds = "burst_duration_ms"
        case gapDurationMilliseconds = "gap_duration_ms"
    }
}
