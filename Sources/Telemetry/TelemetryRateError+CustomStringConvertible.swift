extension TelemetryRateError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .empty:
            "empty rate; expected e.g. 100hz, 1khz or 0.5hz"
        case .notANumber(let text):
            "'\(text)' is not a number; expected e.g. 100hz, 1khz or 0.5hz"
        case .unknownUnit(let unit):
            "unknown rate unit '\(unit)'; use hz or khz"
        case .tooPrecise(let text):
            "'\(text)' is finer than the 0.001 Hz resolution"
        case .outOfRange(let text):
            "rate '\(text)' is outside 0.001 Hz ... 100 kHz"
        }
    }
}
