import JitterbugSupport

/// An optional capture-time column in CSV or JSON Lines input.
///
/// `time` holds seconds (decimal), `time_us` whole microseconds. Times are relative: the first
/// row is placed at the source's start time and later rows keep their offsets from it, so a
/// recorded file replays with its original (possibly variable) spacing.
enum TelemetryTimeColumn: Sendable, Hashable {
    case seconds
    case microseconds

    /// The column name for this unit.
    var name: String { self == .seconds ? "time" : "time_us" }

    init?(name: String) {
        switch name {
        case "time": self = .seconds
        case "time_us": self = .microseconds
        default: return nil
        }
    }

    /// Parses a cell or JSON number literal into µs, or `nil`.
    func microseconds(from text: String) -> Int64? {
        switch self {
        case .seconds: Double(text).flatMap(TelemetryValueParser.microseconds(fromSeconds:))
        case .microseconds: Int64(text)
        }
    }
}
