/// One-way delay from Jitterbug's send-time header extension (sender and capture clocks must
/// agree), ms.
public struct OneWayDelayReport: Encodable, Sendable {
    public var packets: UInt64
    public var p50: Double
    public var p99: Double
    public var max: Double
}
