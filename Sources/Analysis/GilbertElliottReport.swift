/// Two-state Gilbert–Elliott fit: p = P(loss | received), r = P(received | loss).
public struct GilbertElliottReport: Encodable, Sendable {
    public var p: Double
    public var r: Double
}
