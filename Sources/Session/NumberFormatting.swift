/// Locale-independent fixed-point formatting (no Foundation, no exponent) for report text.
enum NumberFormatting {
    /// `value` with exactly `decimals` digits after the point, rounded half away from zero;
    /// "nan", "inf", "-inf" for non-finite values; values beyond ±9.2e15 fall back to `description`.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let digits = max(0, min(decimals, 9))
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9.2e15 else { return value.description }
        let integer = Int64(scaled)
        let divisor = Int64(scale)
        let whole = integer / divisor
        let fraction = integer % divisor
        let sign = value < 0 && integer != 0 ? "-" : ""
        guard digits > 0 else { return "\(sign)\(whole)" }
        let fractionText = String(fraction)
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }

    /// The shortest decimal text of a value already rounded to a few decimals, valid as a JSON
    /// number ("12.5", "3.0", "1e-05" are all valid JSON).
    static func json(_ value: Double) -> String {
        value.description
    }

    /// `text` right-aligned in `width` columns (longer text is kept whole).
    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// `text` left-aligned in `width` columns (longer text is kept whole).
    static func padRight(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
