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

    // A transformed option shows no default of its own: the help text says it.
    @Option(help: ArgumentHelp(
        "How many per second. With --streams: packets per second per stream, e.g. 50, 300k, 1.5k, or max (unpaced); default one per frame time. Each packet is one --frame of audio, so RTP timestamps advance by the frame duration per packet: at another rate the media clock runs fast or slow (--frame 2.5ms gives 400 packets/s in real time). With --telemetry: samples per second, e.g. 100hz, 1khz, 0.5hz (default: 100hz).",
        valueName: "rate"),
            transform: SendRate.argument)
    var rate: SendRate?

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
        let rate = try (rate ?? .telemetryDefault).telemetryRate()
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
