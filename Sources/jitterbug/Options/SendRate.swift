import ArgumentParser
import Telemetry

/// `send --rate`: a telemetry sample rate (`100hz`, `1khz`, `0.5hz`), or `max`: unpaced, for
/// `--streams N` load tests.
enum SendRate: Sendable, Hashable, CustomStringConvertible {
    case paced(TelemetryRate)
    case unpaced

    /// The default, 100 Hz (100 000 mHz is within range, so the fallback never happens).
    static let hundredHertz: SendRate = (try? TelemetryRate(millihertz: 100_000)).map(SendRate.paced) ?? .unpaced

    var description: String {
        switch self {
        case .paced(let rate): "\(rate)"
        case .unpaced: "max"
        }
    }

    /// Transform for `@Option(transform:)`, so the error names the value's problem and the accepted forms.
    static func argument(_ text: String) throws -> SendRate {
        if text == "max" { return .unpaced }
        do {
            return .paced(try TelemetryRate(parsing: text))
        } catch {
            // The rate's own error names the value and the accepted forms; `max` is the one more.
            throw ArgumentFormatError(description: "\(error) (or max: unpaced, with --streams)")
        }
    }
}
