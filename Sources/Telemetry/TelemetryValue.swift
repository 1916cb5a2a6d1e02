/// One channel value of one sample. The case must match the channel's ``TelemetryValueType``.
///
/// Equality is bitwise for floats (see `TelemetryValue+Equatable.swift`) so that NaN payloads
/// survive a round trip comparison.
public enum TelemetryValue: Sendable {
    case float32(Float)
    case float64(Double)
    case int16(Int16)
    case int32(Int32)
    case bool(Bool)

    /// The wire type this value encodes as.
    public var type: TelemetryValueType {
        switch self {
        case .float32: .float32
        case .float64: .float64
        case .int16: .int16
        case .int32: .int32
        case .bool: .bool
        }
    }

    /// The value widened to `Double` (bool: 0 or 1), for plotting and sinks.
    public var doubleValue: Double {
        switch self {
        case .float32(let value): Double(value)
        case .float64(let value): value
        case .int16(let value): Double(value)
        case .int32(let value): Double(value)
        case .bool(let value): value ? 1 : 0
        }
    }
}
