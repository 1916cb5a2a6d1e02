/// Packets per second, stored exactly in millihertz (packets per 1000 s) so that a schedule
/// built from it never drifts: `send --streams N --rate R` paces each stream at R.
///
/// Range 0.001 ... 10,000,000 packets/s. Parses a plain decimal with an optional `k` (× 1000)
/// or `M` (× 1,000,000) multiplier and an optional `hz`: `50`, `300000`, `300k`, `1.5k`,
/// `100hz`, `1khz`.
public struct PacketRate: Sendable, Hashable, CustomStringConvertible {
    /// Largest accepted rate: 10 million packets/s (10^10 mHz).
    public static let maxMillihertz: Int64 = 10_000_000_000
    /// The forms ``init(parsing:)`` accepts, for error messages.
    public static let acceptedForms = "packets per second such as 50, 300000, 300k, 1.5k or 1khz (0.001 to 10M)"

    /// Packets per 1000 seconds.
    public let millihertz: Int64

    /// - Throws: ``PacketRateError/outOfRange(_:)`` unless 1 ≤ `millihertz` ≤ ``maxMillihertz``.
    public init(millihertz: Int64) throws(PacketRateError) {
        guard (1...Self.maxMillihertz).contains(millihertz) else { throw .outOfRange("\(millihertz) mHz") }
        self.millihertz = millihertz
    }

    /// Parses `50`, `300000`, `300k`, `1.5k`, `2M`, `100hz`, `1khz` (case-insensitive, spaces
    /// allowed before the unit).
    public init(parsing text: String) throws(PacketRateError) {
        var rest = Substring(text.lowercased())
        while rest.first?.isWhitespace == true { rest = rest.dropFirst() }
        while rest.last?.isWhitespace == true { rest = rest.dropLast() }
        guard !rest.isEmpty else { throw .notARate(text) }
        if rest.hasSuffix("hz") { rest = rest.dropLast(2) }
        var decimals = 3
        if rest.last == "k" {
            decimals = 6
            rest = rest.dropLast()
        } else if rest.last == "m" {
            decimals = 9
            rest = rest.dropLast()
        }
        while rest.last?.isWhitespace == true { rest = rest.dropLast() }
        guard let scaled = Self.scaledDecimal(rest, decimals: decimals) else { throw .notARate(text) }
        guard (1...Self.maxMillihertz).contains(scaled) else { throw .outOfRange(text) }
        millihertz = scaled
    }

    /// The rate in packets per second.
    public var packetsPerSecond: Double { Double(millihertz) / 1000 }

    /// `300k`, `1.5k`, `50`, `0.5`: the shortest form ``init(parsing:)`` reads back.
    public var description: String {
        let (unit, scale): (String, Int64) = millihertz >= 1_000_000 ? ("k", 1_000_000) : ("", 1000)
        let whole = millihertz / scale
        var fraction = String(millihertz % scale)
        guard fraction != "0" else { return "\(whole)\(unit)" }
        let width = scale == 1000 ? 3 : 6
        fraction = String(repeating: "0", count: width - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return "\(whole).\(fraction)\(unit)"
    }

    /// Unsigned `digits[.digits]` scaled by 10^`decimals`; nil when not a plain decimal, finer
    /// than 1 mHz, or too large.
    private static func scaledDecimal(_ text: Substring, decimals: Int) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return nil }
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !whole.isEmpty || !fraction.isEmpty, fraction.count <= decimals, whole.count <= 12,
            whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit)
        else { return nil }
        let padded = String(whole) + fraction + String(repeating: "0", count: decimals - fraction.count)
        return Int64(padded)
    }
}

/// Why a packet rate such as `300k` was rejected; the description names the value and the
/// accepted forms.
public enum PacketRateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not a plain decimal with an optional k/M multiplier and hz, or finer than 0.001.
    case notARate(String)
    /// Zero, or above 10M packets/s.
    case outOfRange(String)

    public var description: String {
        switch self {
        case .notARate(let text): "'\(text)' is not a rate; expected \(PacketRate.acceptedForms)"
        case .outOfRange(let text): "rate '\(text)' is out of range; expected \(PacketRate.acceptedForms)"
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
