/// Deterministic text for numbers in the CSV sink (identical on every platform); the JSON Lines
/// sink writes the same numbers through `JSONLine`.
enum TelemetryNumberFormatting {
    /// Shortest round-trip decimal (Swift's `description`); non-finite values as `NaN`,
    /// `Infinity`, `-Infinity` (unquoted).
    static func text(_ value: TelemetryValue) -> String {
        switch value {
        case .float32(let number): floatText(Double(number), finiteText: number.description)
        case .float64(let number): floatText(number, finiteText: number.description)
        case .int16(let number): String(number)
        case .int32(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        }
    }

    private static func floatText(_ number: Double, finiteText: String) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return finiteText
    }

    /// Microseconds as milliseconds with exactly three decimals (`12.345`, `-0.250`), computed
    /// in integers so there is no rounding.
    static func milliseconds(fromMicroseconds micros: Int64) -> String {
        let magnitude = micros.magnitude
        let fraction = String(magnitude % 1000)
        let padded = String(repeating: "0", count: 3 - fraction.count) + fraction
        return (micros < 0 ? "-" : "") + "\(magnitude / 1000).\(padded)"
    }
}
