import JitterbugSupport

/// A 64-bit NTP timestamp (RFC 5905 §6): 32-bit seconds since 1900-01-01 00:00 UTC plus a
/// 32-bit binary fraction of a second (unit 2^-32 s ≈ 233 ps).
///
/// The seconds field wraps every 2^32 s (era 1 starts 2036-02-07). Conversions to Unix time use
/// the RFC 4330 §3 convention: seconds with the top bit clear are taken to be in era 1.
public struct NTPTimestamp: Sendable, Hashable {
    /// Seconds between the NTP epoch (1900) and the Unix epoch (1970): 2 208 988 800.
    public static let unixEpochOffsetSeconds: UInt32 = 2_208_988_800

    /// Whole seconds since 1900 (modulo 2^32).
    public var seconds: UInt32
    /// Fraction of a second in units of 2^-32 s.
    public var fraction: UInt32

    public init(seconds: UInt32, fraction: UInt32) {
        self.seconds = seconds
        self.fraction = fraction
    }

    /// Builds from the 64-bit wire value (seconds in the high word).
    public init(rawValue: UInt64) {
        self.seconds = UInt32(truncatingIfNeeded: rawValue >> 32)
        self.fraction = UInt32(truncatingIfNeeded: rawValue)
    }

    /// The 64-bit wire value (seconds in the high word).
    public var rawValue: UInt64 { UInt64(seconds) << 32 | UInt64(fraction) }

    /// Builds from a `Duration` since the Unix epoch (1970-01-01 00:00 UTC). The fraction is
    /// truncated to 2^-32 s; seconds wrap modulo 2^32 (NTP eras).
    public init(sinceUnixEpoch duration: Duration) {
        var (wholeSeconds, attoseconds) = duration.components
        if attoseconds < 0 {  // Negative durations carry a negative fractional part.
            wholeSeconds -= 1
            attoseconds += 1_000_000_000_000_000_000
        }
        // fraction = attoseconds * 2^32 / 10^18, computed in 128 bits to avoid overflow.
        let product = UInt64(attoseconds).multipliedFullWidth(by: 1 << 32)
        let (quotient, _) = UInt64(1_000_000_000_000_000_000).dividingFullWidth(product)
        self.seconds = UInt32(truncatingIfNeeded: wholeSeconds &+ Int64(Self.unixEpochOffsetSeconds))
        self.fraction = UInt32(truncatingIfNeeded: quotient)
    }

    /// Builds from seconds since the Unix epoch (sub-microsecond precision is not guaranteed).
    /// Non-finite or absurd inputs (|x| ≥ 2^52 s) map to the Unix epoch instead of trapping.
    public init(unixSeconds: Double) {
        let safe = unixSeconds.isFinite && abs(unixSeconds) < 4_503_599_627_370_496 ? unixSeconds : 0
        let whole = safe.rounded(.down)
        let fractionValue = ((safe - whole) * 4_294_967_296).rounded(.down)
        self.seconds = UInt32(truncatingIfNeeded: Int64(whole) &+ Int64(Self.unixEpochOffsetSeconds))
        self.fraction = UInt32(min(max(fractionValue, 0), 4_294_967_295))
    }

    /// Seconds since the Unix epoch in the NTP era inferred per RFC 4330 §3.
    public var unixSeconds: Double {
        Double(unixWholeSeconds) + Double(fraction) / 4_294_967_296
    }

    /// Time since the Unix epoch as a `Duration` (exact to the attosecond floor of the fraction).
    public var sinceUnixEpoch: Duration {
        // attoseconds = fraction * 10^18 / 2^32; the product fits in 128 bits, the result in 64.
        let product = UInt64(fraction).multipliedFullWidth(by: 1_000_000_000_000_000_000)
        let attoseconds = (product.high << 32) | (product.low >> 32)
        return Duration(secondsComponent: unixWholeSeconds, attosecondsComponent: Int64(attoseconds))
    }

    /// The middle 32 bits (low 16 of seconds, high 16 of fraction): the RTCP LSR field and the
    /// "A" arrival time of RFC 3550 §6.4.1, in units of 1/65536 s.
    public var middle32: UInt32 {
        (seconds & 0xFFFF) << 16 | fraction >> 16
    }

    private var unixWholeSeconds: Int64 {
        let eraSeconds: Int64 = seconds & 0x8000_0000 == 0 ? 1 << 32 : 0
        return Int64(seconds) + eraSeconds - Int64(Self.unixEpochOffsetSeconds)
    }
}
