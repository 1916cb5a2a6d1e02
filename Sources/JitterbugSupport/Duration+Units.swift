/// `Duration` ↔ number conversions, the one set the package uses. Names say the unit.
extension Duration {
    /// This duration in (fractional) seconds. Division rather than multiplication by 1e-18, so
    /// round values such as 0.125 s stay exact.
    /// (`components` is read once: each read is a 128-bit division.)
    package var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// This duration in (fractional) milliseconds.
    package var milliseconds: Double {
        let parts = components
        return Double(parts.seconds) * 1_000 + Double(parts.attoseconds) / 1e15
    }

    /// Whole microseconds, truncated toward zero and saturated to the `Int64` range.
    package var wholeMicroseconds: Int64 {
        let parts = components
        let (scaled, overflow) = parts.seconds.multipliedReportingOverflow(by: 1_000_000)
        if overflow { return parts.seconds < 0 ? .min : .max }
        let (sum, overflow2) = scaled.addingReportingOverflow(parts.attoseconds / 1_000_000_000_000)
        if overflow2 { return parts.seconds < 0 ? .min : .max }
        return sum
    }

    /// A duration of `seconds`; non-finite values become zero, values beyond ±2^62 s saturate
    /// (`Duration.seconds(_:)` traps on both).
    package static func seconds(finite seconds: Double) -> Duration {
        guard seconds.isFinite else { return .zero }
        let limit = 4.6e18
        return .seconds(Swift.min(Swift.max(seconds, -limit), limit))
    }
}
