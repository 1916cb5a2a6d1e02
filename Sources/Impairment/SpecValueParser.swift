/// Why a single value was rejected; wrapped into `ImpairmentSpecError` with the term.
struct SpecValueError: Error {
    var reason: String
}

/// Strict parsers for spec values. Rates need `%`, times need a unit, rates of bits need an SI
/// bit unit: a bare number is always an error, so `loss=5` cannot silently mean 500 %.
enum SpecValueParser {
    /// Unsigned decimal `D+[.D+]` with at most `fractionDigits` decimals, scaled by
    /// 10^fractionDigits: ("1.5", 3) → 1500. Overflow is an error.
    static func fixedPoint(_ text: Substring, fractionDigits: Int) throws(SpecValueError) -> Int {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let wholeText = parts[0]
        let fractionText = parts.count > 1 ? parts[1] : ""
        guard !wholeText.isEmpty, wholeText.allSatisfy(\.isASCIIDigit),
            parts.count == 1 || (!fractionText.isEmpty && fractionText.allSatisfy(\.isASCIIDigit))
        else { throw SpecValueError(reason: "'\(text)' is not a plain decimal number") }
        guard fractionText.count <= fractionDigits else {
            throw SpecValueError(reason: "'\(text)' has more than \(fractionDigits) decimals")
        }
        var value = 0
        let padded = fractionText + String(repeating: "0", count: fractionDigits - fractionText.count)
        for character in wholeText + padded {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(character.asciiValue ?? 48) - 48)
            guard !o1, !o2 else { throw SpecValueError(reason: "'\(text)' is too large") }
            value = sum
        }
        return value
    }

    /// `P%`, 0 ≤ P ≤ 100, at most 4 decimals.
    static func probability(_ text: Substring) throws(SpecValueError) -> Probability {
        guard text.hasSuffix("%") else {
            throw SpecValueError(reason: "'\(text)' has no '%' (rates are written as percentages, e.g. 5%)")
        }
        let ppm = try fixedPoint(text.dropLast(), fractionDigits: 4)
        guard let probability = Probability(partsPerMillion: ppm) else {
            throw SpecValueError(reason: "'\(text)' is over 100%")
        }
        return probability
    }

    /// `N[.N]us|ms|s` with a resolution of 1 µs.
    static func duration(_ text: Substring) throws(SpecValueError) -> Duration {
        let units: [(suffix: String, decimals: Int)] = [("us", 0), ("ms", 3), ("s", 6)]
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            let micros: Int
            do {
                micros = try fixedPoint(number, fractionDigits: unit.decimals)
            } catch {
                throw SpecValueError(reason: error.reason + " (times have a resolution of 1us)")
            }
            // Keep far from Int64 overflow when converted to attoseconds later.
            guard micros <= 1_000_000 * 86_400 * 365 else {
                throw SpecValueError(reason: "'\(text)' is longer than a year")
            }
            return .microseconds(micros)
        }
        throw SpecValueError(reason: "'\(text)' has no time unit (use us, ms or s)")
    }

    /// `N[.N]bit|kbit|mbit|gbit` (SI, 1 kbit = 1000 bit/s) or `unlimited`; > 0, whole bits/s.
    static func rate(_ text: Substring) throws(SpecValueError) -> RateLimit {
        if text == "unlimited" { return .unlimited }
        if text.hasSuffix("bps") {
            throw SpecValueError(reason: "'\(text)': bytes-per-second units are not accepted (tc's 'bps' means bytes/s); use bit, kbit, mbit or gbit")
        }
        let units: [(suffix: String, decimals: Int)] = [("gbit", 9), ("mbit", 6), ("kbit", 3), ("bit", 0)]
        for unit in units where text.hasSuffix(unit.suffix) {
            let bits = try fixedPoint(text.dropLast(unit.suffix.count), fractionDigits: unit.decimals)
            guard bits > 0 else { throw SpecValueError(reason: "rate must be above 0 (use rate=unlimited for none)") }
            return .bitsPerSecond(bits)
        }
        throw SpecValueError(reason: "'\(text)' has no rate unit (use bit, kbit, mbit or gbit)")
    }

    /// A whole number of packets ≥ 1.
    static func packetCount(_ text: Substring) throws(SpecValueError) -> Int {
        let count = try fixedPoint(text, fractionDigits: 0)
        guard count >= 1 else { throw SpecValueError(reason: "limit must be at least 1 packet") }
        return count
    }

    /// An unsigned 64-bit decimal seed.
    static func seed(_ text: Substring) throws(SpecValueError) -> UInt64 {
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let seed = UInt64(text) else {
            throw SpecValueError(reason: "'\(text)' is not an unsigned 64-bit decimal integer")
        }
        return seed
    }

    /// `START+LENGTH`, LENGTH > 0.
    static func blackhole(_ text: Substring) throws(SpecValueError) -> BlackholeWindow {
        let parts = text.split(separator: "+", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw SpecValueError(reason: "'\(text)' is not START+LENGTH") }
        let window = BlackholeWindow(start: try duration(parts[0]), length: try duration(parts[1]))
        guard window.length > .zero else { throw SpecValueError(reason: "blackhole length must be above 0") }
        return window
    }
}

extension Character {
    /// 0-9 only (not other Unicode digits).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
