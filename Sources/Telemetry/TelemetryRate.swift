/// A fixed sample rate, stored exactly in millihertz so sample times never drift.
///
/// Range 1 mHz (one sample per 1000 s) ... 100 kHz. Parses `100hz`, `100 Hz`, `1khz`, `0.5hz`
/// and bare numbers (taken as Hz).
public struct TelemetryRate: Sendable, Hashable {
    /// Largest accepted rate: 100 kHz.
    public static let maxMillihertz: Int64 = 100_000_000

    /// Samples per 1000 seconds.
    public let millihertz: Int64

    /// - Throws: `.outOfRange` unless 1 ≤ `millihertz` ≤ ``maxMillihertz``.
    public init(millihertz: Int64) throws(TelemetryRateError) {
        guard (1...Self.maxMillihertz).contains(millihertz) else { throw .outOfRange("\(millihertz) mHz") }
        self.millihertz = millihertz
    }

    /// Parses text such as `100hz`, `1khz`, `0.5hz` or `250` (Hz).
    public init(parsing text: String) throws(TelemetryRateError) {
        let trimmed = text.trimmingWhitespace().lowercased()
        guard !trimmed.isEmpty else { throw .empty }
        let numberPart = String(trimmed.prefix { $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" })
        guard !numberPart.isEmpty else { throw .notANumber(text) }
        let unit = trimmed.dropFirst(numberPart.count).trimmingWhitespace()
        let decimalsForMillihertz: Int
        switch unit {
        case "", "hz": decimalsForMillihertz = 3
        case "khz": decimalsForMillihertz = 6
        default: throw .unknownUnit(unit)
        }
        guard let scaled = Self.scaledDecimal(numberPart, decimals: decimalsForMillihertz) else {
            let parts = numberPart.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), numberPart != "." {
                throw .tooPrecise(text)
            }
            throw .notANumber(text)
        }
        guard (1...Self.maxMillihertz).contains(scaled) else { throw .outOfRange(text) }
        millihertz = scaled
    }

    /// The rate in Hz.
    public var hertz: Double { Double(millihertz) / 1000 }

    /// Microseconds from sample 0 to sample `index` (≥ 0), rounded down; exact for any index,
    /// saturating at `Int64.max`.
    public func offsetMicroseconds(sampleIndex index: Int64) -> Int64 {
        let (high, low) = UInt64(max(0, index)).multipliedFullWidth(by: 1_000_000_000)
        let divisor = UInt64(millihertz)
        guard high < divisor else { return .max }
        let quotient = divisor.dividingFullWidth((high, low)).quotient
        return Int64(exactly: quotient) ?? .max
    }

    /// Parses unsigned `digits[.digits]` into an integer scaled by 10^`decimals`; nil when not
    /// a plain decimal, too precise, or too large.
    private static func scaledDecimal(_ text: String, decimals: Int) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return nil }
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), fraction.count <= decimals,
            whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit), whole.count <= 12
        else { return nil }
        let padded = String(whole) + fraction + String(repeating: "0", count: decimals - fraction.count)
        return Int64(padded.isEmpty ? "0" : padded)
    }
}
