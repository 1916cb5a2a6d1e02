import JitterbugSupport

/// `Duration` in RTP timestamp units, for RFC 3550 A.8 arithmetic (the unit conversions are in
/// JitterbugSupport).
extension Duration {
    /// The instant expressed in RTP timestamp units of `clockRate` Hz, split into a whole part
    /// (reduced modulo 2^32, as RTP timestamps are) and a fraction in `0..<1`.
    ///
    /// Why split: RFC 3550 A.8 works on integer units modulo 2^32, while the floating jitter keeps
    /// the sub-unit part so it is not biased by truncation.
    func rtpUnits(clockRate: Int) -> (whole: UInt32, fraction: Double) {
        let attosecondsPerSecond: Int64 = 1_000_000_000_000_000_000
        let parts = components
        var seconds = parts.seconds
        var attoseconds = parts.attoseconds
        if attoseconds < 0 {
            // Normalise so the sub-second part is in 0..<1 s.
            seconds &-= 1
            attoseconds += attosecondsPerSecond
        }
        let rate = UInt64(max(1, clockRate))
        // Exact: attoseconds × rate needs up to 128 bits; split into whole units and remainder.
        let product = rate.multipliedFullWidth(by: UInt64(attoseconds))
        let (unitsFromFraction, remainder) = UInt64(attosecondsPerSecond).dividingFullWidth(product)
        // Wrapping arithmetic keeps the value correct modulo 2^64, hence modulo 2^32.
        let whole = seconds &* Int64(rate) &+ Int64(truncatingIfNeeded: unitsFromFraction)
        return (UInt32(truncatingIfNeeded: whole), Double(remainder) / Double(attosecondsPerSecond))
    }
}
