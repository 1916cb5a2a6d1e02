/// A probability stored exactly as an integer number of parts per million (ppm), so that a
/// spec such as `loss=0.5%` parses, compares and prints back without floating-point drift.
///
/// Limits: 0 ... 1_000_000 ppm (0 % ... 100 %); resolution 0.0001 %.
public struct Probability: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Parts per million, 0 ... 1_000_000.
    public let partsPerMillion: Int

    /// 0 %.
    public static let zero = Probability(clampingPartsPerMillion: 0)
    /// 100 %.
    public static let one = Probability(clampingPartsPerMillion: 1_000_000)

    /// Fails when `partsPerMillion` is outside 0 ... 1_000_000.
    public init?(partsPerMillion: Int) {
        guard (0...1_000_000).contains(partsPerMillion) else { return nil }
        self.partsPerMillion = partsPerMillion
    }

    /// Clamps into 0 ... 1_000_000 ppm.
    public init(clampingPartsPerMillion value: Int) {
        partsPerMillion = min(max(value, 0), 1_000_000)
    }

    /// The probability as a fraction in [0, 1].
    public var fraction: Double { Double(partsPerMillion) / 1_000_000 }

    /// True for 0 %.
    public var isZero: Bool { partsPerMillion == 0 }

    /// Percent with up to four decimals and no trailing zeros, e.g. `5%`, `0.5%`, `0.0001%`.
    public var description: String {
        SpecFormatting.fixedPoint(partsPerMillion, fractionDigits: 4) + "%"
    }

    public static func < (lhs: Probability, rhs: Probability) -> Bool {
        lhs.partsPerMillion < rhs.partsPerMillion
    }
}
