/// Converts text cells (CSV) and JSON literals into typed ``TelemetryValue``s.
enum TelemetryValueParser {
    /// Parses `text` as a value of `type`. Floats accept decimal and exponent notation plus
    /// `NaN`, `inf`/`Infinity` (signed); integers must be whole and in range; bools accept
    /// `true`/`false`/`1`/`0` (case-insensitive). `nil` when `text` does not fit `type`.
    static func parse(_ text: String, as type: TelemetryValueType) -> TelemetryValue? {
        switch type {
        case .float32: Float(text).map { .float32($0) }
        case .float64: Double(text).map { .float64($0) }
        case .int16: Int16(text).map { .int16($0) }
        case .int32: Int32(text).map { .int32($0) }
        case .bool:
            switch text.lowercased() {
            case "true", "1": .bool(true)
            case "false", "0": .bool(false)
            default: nil
            }
        }
    }

    /// The input problem for `text` that did not parse as `type`.
    static func problem(_ text: String, type: TelemetryValueType, channel: String) -> TelemetryInputError.Problem {
        type == .bool ? .notABool(channel: channel, text: text) : .notANumber(channel: channel, text: text)
    }

    /// The type inferred from a first data cell: `true`/`false` → bool, a number → float64.
    static func inferType(_ text: String) -> TelemetryValueType? {
        switch text.lowercased() {
        case "true", "false": return .bool
        default: return Double(text) == nil ? nil : .float64
        }
    }

    /// Seconds (decimal) → whole microseconds, rounded to nearest; nil if not finite or out
    /// of Int64 range.
    static func microseconds(fromSeconds seconds: Double) -> Int64? {
        let micros = (seconds * 1_000_000).rounded()
        guard micros.isFinite, abs(micros) < 9.2e18 else { return nil }
        return Int64(micros)
    }
}
