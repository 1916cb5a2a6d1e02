/// RFC 3611 §4.7.2 burst/gap metrics (VoIP Metrics report block) as fractions and milliseconds,
/// with the 8/16-bit wire encodings available as computed properties.
public struct BurstGapMetrics: Sendable, Equatable, Hashable, Codable {
    /// Fraction (0...1) of packets within burst periods that were lost or discarded.
    public var burstDensity: Double
    /// Fraction (0...1) of packets within gaps that were lost or discarded.
    public var gapDensity: Double
    /// Mean burst duration in milliseconds.
    public var burstDurationMilliseconds: Double
    /// Mean gap duration in milliseconds.
    public var gapDurationMilliseconds: Double
    /// Lost packets over all packets counted by the A.2 transitions (0...1).
    public var lossRate: Double
    /// Discarded packets over all packets counted by the A.2 transitions (0...1).
    public var discardRate: Double

    /// All zero: nothing lost or discarded yet (RFC 3611 sets the fields to zero).
    public static let none = BurstGapMetrics(
        burstDensity: 0, gapDensity: 0, burstDurationMilliseconds: 0, gapDurationMilliseconds: 0,
        lossRate: 0, discardRate: 0
    )

    public init(
        burstDensity: Double, gapDensity: Double, burstDurationMilliseconds: Double,
        gapDurationMilliseconds: Double, lossRate: Double, discardRate: Double
    ) {
        self.burstDensity = burstDensity
        self.gapDensity = gapDensity
        self.burstDurationMilliseconds = burstDurationMilliseconds
        self.gapDurationMilliseconds = gapDurationMilliseconds
        self.lossRate = lossRate
        self.discardRate = discardRate
    }

    /// Burst density as the 8-bit field: integer part of 256 × density, capped at 255.
    public var burstDensityField: UInt8 { Self.eightBit(burstDensity) }
    /// Gap density as the 8-bit field.
    public var gapDensityField: UInt8 { Self.eightBit(gapDensity) }
    /// Loss rate as the 8-bit field.
    public var lossRateField: UInt8 { Self.eightBit(lossRate) }
    /// Discard rate as the 8-bit field.
    public var discardRateField: UInt8 { Self.eightBit(discardRate) }
    /// Burst duration as the 16-bit field (ms, truncated, capped at 65535).
    public var burstDurationField: UInt16 { Self.sixteenBit(burstDurationMilliseconds) }
    /// Gap duration as the 16-bit field (ms, truncated, capped at 65535).
    public var gapDurationField: UInt16 { Self.sixteenBit(gapDurationMilliseconds) }

    private static func eightBit(_ fraction: Double) -> UInt8 {
        guard fraction.isFinite, fraction > 0 else { return 0 }
        return UInt8(min(255, (fraction * 256).rounded(.down)))
    }

    private static func sixteenBit(_ milliseconds: Double) -> UInt16 {
        guard milliseconds.isFinite, milliseconds > 0 else { return 0 }
        return UInt16(min(65_535, milliseconds.rounded(.down)))
    }
}
