/// Internal `Duration` ↔ number conversions (kept internal so they never clash with other
/// targets' public extensions in a client that imports several of them).
extension Duration {
    /// Seconds as a `Double` (division, not multiplication by 1e-18, so that round values such
    /// as 0.125 s stay exact).
    var sessionSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// Milliseconds as a `Double`.
    var sessionMilliseconds: Double {
        Double(components.seconds) * 1_000 + Double(components.attoseconds) / 1e15
    }

    /// A duration from seconds; non-finite values become zero.
    static func sessionSeconds(_ seconds: Double) -> Duration {
        seconds.isFinite ? .seconds(seconds) : .zero
    }
}
