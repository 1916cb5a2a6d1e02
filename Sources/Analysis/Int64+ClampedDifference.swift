extension Int64 {
    /// `self − other`, clamped to Int64's range instead of trapping: capture timestamps and
    /// send times are input, and input must never crash the analysis.
    func clampedDifference(_ other: Int64) -> Int64 {
        let (difference, overflow) = subtractingReportingOverflow(other)
        guard overflow else { return difference }
        return other < 0 ? .max : .min
    }
}
