import ArgumentParser
import JitterbugSupport
import Pipelines
import Telemetry

/// `send --telemetry SOURCE` options.
struct TelemetrySendOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Send sensor telemetry instead of audio: imu, counter, sine, a CSV file (header row), or jsonl (JSON Lines from --input, - for stdin).",
        valueName: "source"))
    var telemetry: String?

    // A transformed option shows no default of its own: the help text says it (as before).
    @Option(help: ArgumentHelp("Telemetry sample rate, e.g. 100hz, 1khz, 0.5hz; with --streams, max sends unpaced. (default: 100hz)", valueName: "rate"),
            transform: SendRate.argument)
    var rate: SendRate = .hundredHertz

    @Option(help: ArgumentHelp("Telemetry samples per RTP packet, 1 to 1000.", valueName: "n"))
    var samplesPerFrame: Int = 1

    func validate() throws {
        guard telemetry != nil else { return }
        guard (1...1000).contains(samplesPerFrame) else {
            throw ValidationError("invalid --samples-per-frame '\(samplesPerFrame)': expected 1 to 1000")
        }
    }

    /// The sender and its source for `--telemetry`: generated sources run for 10 s unless
    /// `duration` says otherwise; files run to their end.
    func makeSender(payloadType: UInt8, duration: Duration?, input: String?) throws -> (TelemetrySender, any TelemetrySource) {
        guard case .paced(let rate) = rate else { throw ValidationError("--rate max (unpaced) goes with --streams N") }
        let kind: TelemetrySourceKind
        do {
            kind = try TelemetrySourceKind(parsing: telemetry ?? "imu", input: input)
        } catch {
            throw ValidationError("invalid --telemetry: \(error)")
        }
        let source: any TelemetrySource
        do {
            source = try kind.makeSource(startMicroseconds: WallClock.now().wholeMicroseconds, rate: rate)
        } catch {
            throw RuntimeError("\(error)")
        }
        let isSynthetic = switch kind {
        case .csv, .jsonLines: false
        default: true
        }
        var configuration = TelemetrySender.Configuration(
            rate: rate, samplesPerFrame: samplesPerFrame, payloadType: payloadType,
            duration: duration ?? (isSynthetic ? .seconds(10) : nil))
        configuration.packetizer.payloadType = payloadType
        return (TelemetrySender(configuration: configuration), source)
    }
}
