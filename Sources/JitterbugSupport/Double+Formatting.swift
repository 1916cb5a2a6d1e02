/// Locale-independent number text for interval lines, tables and reports (no Foundation, no
/// exponent), the one formatter the package uses.
extension Double {
    /// Fixed-point text with exactly `decimals` digits (0–9) after the point, rounded half away
    /// from zero; "nan", "inf", "-inf" for non-finite values; magnitudes beyond 9.2e15 fall back
    /// to `description` rather than overflow.
    package func formatted(decimals: Int) -> String {
        guard isFinite else { return isNaN ? "nan" : (self > 0 ? "inf" : "-inf") }
        let digits = Swift.max(0, Swift.min(decimals, 9))
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(self) * scale).rounded()
        guard scaled < 9.2e15 else { return description }
        let integer = Int64(scaled)
        let divisor = Int64(scale)
        let whole = integer / divisor
        let fraction = integer % divisor
        let sign = self < 0 && integer != 0 ? "-" : ""
        guard digits > 0 else { return "\(sign)\(whole)" }
        let fractionText = String(fraction)
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }
}

extension String {
    /// Right-aligned in `width` columns (longer text is kept whole).
    package func padded(left width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    /// Left-aligned in `width` columns (longer text is kept whole).
    package func padded(right width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

extension UInt32 {
    /// `0x` and eight hex digits, as Wireshark shows SSRCs.
    package var hex: String {
        let digits = String(self, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}

extension BinaryInteger {
    /// `self / 10^fractionDigits` as exact decimal text, computed in integers so nothing is
    /// rounded: `12345.fixedPointText(fractionDigits: 3)` is "12.345", `-250` gives "-0.250";
    /// with `trimmingTrailingZeros`, 50000 at 4 digits is "5" and 5000 is "0.5".
    /// `fractionDigits` is clamped to 0–18.
    package func fixedPointText(fractionDigits: Int, trimmingTrailingZeros: Bool = false) -> String {
        let digits = Swift.max(0, Swift.min(fractionDigits, 18))
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let magnitude = UInt64(truncatingIfNeeded: self.magnitude)
        let whole = magnitude / scale
        var fraction = magnitude % scale
        let sign = self < 0 && magnitude != 0 ? "-" : ""
        var shown = digits
        if trimmingTrailingZeros {
            while shown > 0, fraction % 10 == 0 {
                fraction /= 10
                shown -= 1
            }
        }
        guard shown > 0 else { return "\(sign)\(whole)" }
        let fractionText = String(fraction)
        return "\(sign)\(whole)." + String(repeating: "0", count: shown - fractionText.count) + fractionText
    }
}
