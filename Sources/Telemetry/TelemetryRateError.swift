/// Why a sample rate string such as `100hz` was rejected.
public enum TelemetryRateError: Error, Sendable, Hashable {
    /// Nothing but whitespace was given.
    case empty
    /// The numeric part is not a plain decimal number (digits with at most one `.`).
    case notANumber(String)
    /// The unit is neither `hz` nor `khz` (case-insensitive).
    case unknownUnit(String)
    /// More decimals than the 1 mHz resolution can hold (3 for hz, 6 for khz).
    case tooPrecise(String)
    /// Zero, or above ``TelemetryRate/maxMillihertz``.
    case outOfRange(String)
}
