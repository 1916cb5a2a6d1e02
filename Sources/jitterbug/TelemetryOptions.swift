import Telemetry
import ArgumentParser

/// `send --telemetry SOURCE` options.
struct TelemetrySendOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Send sensor telemetry instead of audio: imu, counter, sine, a CSV file (header row), or jsonl (JSON Lines from --input, - for stdin).",
        valueName: "source"))
    var telemetry: String?

    @Option(help: ArgumentHelp("Telemetry sample rate, e.g. 100hz, 1khz, 0.5hz; with --streams, max sends unpaced.", valueName: "rate"))
    var rate: String = "100hz"

    @Option(help: ArgumentHelp("Telemetry samples per RTP packet, 1 to 1000.", valueName: "n"))
    var samplesPerFrame: Int = 1

    func validate() throws {
        guard telemetry != nil else { return }
        do { _ = try TelemetryRate(parsing: rate) } catch { throw ValidationError("invalid --rate '\(rate)': \(error)") }
        guard (1...1000).contains(samplesPerFrame) else {
            throw ValidationError("invalid --samples-per-frame '\(samplesPerFrame)': expected 1 to 1000")
        }
    }
}
