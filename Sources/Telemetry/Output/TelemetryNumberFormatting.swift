/// Deterministic text for numbers in sink output (identical on every platform).
enum TelemetryNumberFormatting {
    /// Shortest round-trip decimal (Swift's `description`); non-finite values as `NaN`,
    /// `Infinity`, `-Infinity`. `quoteNonFinite` wraps those in quotes for JSON, which has no
    /// literal for them.
    static func text(_ value: TelemetryValue, quoteNonFinite: Bool) -> String {
        switch value {
        case .float32(let number): floatText(Double(number), finiteText: number.description, quote: quoteNonFinite)
        case .float64(let number): floatText(number, finiteText: number.description, quote: quoteNonFinite)
        case .int16(let number): String(number)
        case .int32(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        }
    }

    private static func floatText(_ number: Double, finiteText: String, quote: Bool) -> String {
        let special: String
        if number.isNaN {
            special = "NaN"
        } else if number.isInfinite {
            special = number < 0 ? "-Infinity" : "Infinity"
        } else {
            return finiteText
        }
        return quote ? "\"\(special)\"" : special
    }

    /// Microseconds as milliseconds with exactly three decimals (`12.345`, `-0.250`), computed
    /// in integers so there is no rounding.
    static func milliseconds(fromMicroseconds micros: Int64) -> String {
        let magnitude = micros.magnitude
        let fraction = String(magnitude % 1000)
        let padded = String(repeating: "0", count: 3 - fraction.count) + fraction
        return (micros < 0 ? "-" : "") + "\(magnitude / 1000).\(padded)"
    }

    /// `text` as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
