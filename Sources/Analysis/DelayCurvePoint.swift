/// One point of the late-loss against fixed playout delay curve.
public struct DelayCurvePoint: Encodable, Sendable {
    public var delayMilliseconds: Double
    public var lateLossPercent: Double

    enum CodingKeys: String, CodingKey {
        case delayMilliseconds = "delay_ms"
        case lateLossPercent = "late_loss_percent"
    }
}
