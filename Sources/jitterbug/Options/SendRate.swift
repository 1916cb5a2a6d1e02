import ArgumentParser
import Pipelines
import Telemetry

/// `send --rate`: how many per second. With `--streams N`, packets per second per stream
/// (`50`, `300k`, `1.5k`; default one per frame time); with `--telemetry`, samples per second
/// (`100hz`, `1khz`, `0.5hz`; default 100 Hz). `max`: unpaced, for `--streams N` load tests.
enum SendRate: Sendable, Hashable, CustomStringConvertible {
    case paced(PacketRate)
    case unpaced

    /// The forms the option accepts, for its error messages.
    static let acceptedForms = "\(PacketRate.acceptedForms), or max (unpaced, with --streams)"

    /// `--telemetry`'s default: 100 samples per second.
    static let telemetryDefault: SendRate = (try? PacketRate(millihertz: 100_000)).map(SendRate.paced) ?? .unpaced

    var description: String {
        switch self {
        case .paced(let rate): "\(rate)"
        case .unpaced: "max"
        }
    }

    /// The paced rate; nil for `max`.
    var packetRate: PacketRate? {
        guard case .paced(let rate) = self else { return nil }
        return rate
    }

    /// This rate as a telemetry sample rate (at most 100 kHz).
    /// - Throws: `ValidationError` naming the value and the accepted range.
    func telemetryRate() throws -> TelemetryRate {
        guard case .paced(let rate) = self else { throw ValidationError("--rate max (unpaced) goes with --streams N") }
        do {
            return try TelemetryRate(millihertz: rate.millihertz)
        } catch {
            throw ValidationError("invalid --rate '\(rate)' for --telemetry: expected 0.001 Hz to 100 kHz, e.g. 100hz or 1khz")
        }
    }

    /// Transform for `@Option(transform:)`, so the error names the value and the accepted forms.
    static func argument(_ text: String) throws -> SendRate {
        if text.lowercased() == "max" { return .unpaced }
        do {
            return .paced(try PacketRate(parsing: text))
        } catch {
            throw ArgumentFormatError(description: "\(error), or max (unpaced, with --streams)")
        }
    }
}
