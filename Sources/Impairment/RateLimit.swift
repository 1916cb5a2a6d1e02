/// A serialisation rate (netem `rate`). `unlimited` means packets leave as soon as they arrive.
///
/// Rates are in bits per second with SI multiples (1 kbit = 1000 bit/s, as in `tc`).
public enum RateLimit: Sendable, Hashable, CustomStringConvertible {
    /// No rate limit.
    case unlimited
    /// At most this many bits per second; always > 0.
    case bitsPerSecond(Int)

    /// The time needed to put `sizeBytes` on the wire, rounded up to whole nanoseconds;
    /// zero when unlimited or the size is not positive.
    public func serialisationTime(sizeBytes: Int) -> Duration {
        guard case .bitsPerSecond(let rate) = self, rate > 0, sizeBytes > 0 else { return .zero }
        // Sizes are capped at 1 GiB so that the quotient fits in 64 bits even at 1 bit/s.
        // Divide rounding up so that no packet takes zero time.
        let bits = UInt64(min(sizeBytes, 1 << 30)) * 8
        let product = bits.multipliedFullWidth(by: 1_000_000_000)
        let (quotient, remainder) = UInt64(rate).dividingFullWidth(product)
        let nanoseconds = remainder == 0 ? quotient : quotient + 1
        return .nanoseconds(Int64(clamping: nanoseconds))
    }

    /// `unlimited`, or the largest exact SI unit: `1mbit`, `1500kbit`, `64kbit`, `1200bit`.
    public var description: String {
        switch self {
        case .unlimited:
            return "unlimited"
        case .bitsPerSecond(let rate):
            for (unit, scale) in [("gbit", 1_000_000_000), ("mbit", 1_000_000), ("kbit", 1_000)]
            where rate % scale == 0 {
                return "\(rate / scale)\(unit)"
            }
            return "\(rate)bit"
        }
    }
}
