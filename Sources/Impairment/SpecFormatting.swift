import JitterbugSupport

/// Exact, locale-free rendering of spec values (integers only, never floating-point formatting).
enum SpecFormatting {
    /// `value / 10^fractionDigits` in decimal without trailing zeros: (50000, 4) → "5",
    /// (5000, 4) → "0.5", (1, 4) → "0.0001". Negative values get a leading "-".
    static func fixedPoint(_ value: Int, fractionDigits: Int) -> String {
        value.fixedPointText(fractionDigits: fractionDigits, trimmingTrailingZeros: true)
    }

    /// A time in the largest unit that represents it exactly: `30s`, `40ms`, `1500us`, `0ms`.
    /// Sub-microsecond parts are dropped (the spec's resolution is 1 µs).
    static func duration(_ duration: Duration) -> String {
        let micros = duration.wholeMicroseconds
        if micros == 0 { return "0ms" }
        if micros % 1_000_000 == 0 { return "\(micros / 1_000_000)s" }
        if micros % 1_000 == 0 { return "\(micros / 1_000)ms" }
        return "\(micros)us"
    }
}
