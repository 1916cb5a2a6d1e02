import ArgumentParser
import JitterbugSupport
import Probe
import Telemetry

/// `probe --tone`, `--telemetry`, `--rate` and `--samples-per-frame`: what each test carries.
struct ProbePayloadOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Test with a sine tone at this frequency in Hz, above 0 and below half of --sample-rate (default 1000).", valueName: "hz"))
    var tone: Double?

    @Option(help: ArgumentHelp("Test with synthetic sensor telemetry instead of a tone: imu, counter or sine (loss, lateness, jitter, delay and RTT; no MOS).", valueName: "source"))
    var telemetry: String?

    // A transformed option shows no default of its own: the help text says it.
    @Option(help: ArgumentHelp("With --telemetry: samples per second, 0.001 Hz to 100 kHz, e.g. 50hz or 1khz (default 100hz).", valueName: "rate"),
            transform: ProbePayloadOptions.telemetryRate)
    var rate: TelemetryRate?

    @Option(help: ArgumentHelp("With --telemetry: samples per RTP packet, 1 to 1000 (default 1).", valueName: "n"))
    var samplesPerFrame: Int?

    /// The synthetic sources a probe can repeat (files end; a probe tests forever).
    static let telemetrySources = "imu, counter or sine"

    static func telemetryRate(_ text: String) throws -> TelemetryRate {
        do {
            return try TelemetryRate(parsing: text)
        } catch {
            throw ArgumentFormatError(description: "invalid rate '\(text)': expected 0.001 Hz to 100 kHz, e.g. 50hz, 1khz or 0.5hz")
        }
    }

    /// - Parameters:
    ///   - sampleRate: `--sample-rate`, which bounds the tone.
    ///   - test: `--test`: a telemetry test must carry at least one packet.
    func validate(sampleRate: Int, test: Duration) throws {
        if let tone, !(tone > 0 && tone < Double(sampleRate) / 2) {
            throw ValidationError("invalid --tone '\(tone)': expected a frequency in Hz above 0 and below \(sampleRate / 2) (half of --sample-rate \(sampleRate))")
        }
        guard let telemetry else {
            if let rate { throw ValidationError("--rate '\(rate)' goes with --telemetry (samples per second); audio tests send one packet per --frame") }
            if samplesPerFrame != nil { throw ValidationError("--samples-per-frame goes with --telemetry") }
            return
        }
        if tone != nil { throw ValidationError("choose one of --tone and --telemetry") }
        _ = try telemetryKind(telemetry)
        let perPacket = samplesPerFrame ?? 1
        guard (1...1000).contains(perPacket) else {
            throw ValidationError("invalid --samples-per-frame '\(perPacket)': expected 1 to 1000")
        }
        let rate = rate ?? Self.defaultRate
        let packetMicroseconds = rate.offsetMicroseconds(sampleIndex: Int64(perPacket))
        guard packetMicroseconds <= test.wholeMicroseconds else {
            throw ValidationError("--rate \(rate) with --samples-per-frame \(perPacket) sends one packet every \((Double(packetMicroseconds) / 1e6).formatted(decimals: 1)) s: a --test of \(test.seconds.formatted(decimals: 1)) s would carry none; expected a higher --rate or a longer --test")
        }
    }

    /// 100 samples per second, as `send --telemetry`.
    static let defaultRate: TelemetryRate = (try? TelemetryRate(millihertz: 100_000))!

    private func telemetryKind(_ text: String) throws -> TelemetrySourceKind {
        if let kind = try? TelemetrySourceKind(parsing: text) {
            switch kind {
            case .imu, .counter, .sine: return kind
            case .csv, .jsonLines: break
            }
        }
        throw ValidationError("invalid --telemetry '\(text)': expected \(Self.telemetrySources) (a probe repeats its test, so no files)")
    }

    /// What the tests carry, once validated.
    func payload() throws -> ProbePayload {
        guard let telemetry else { return .tone(frequencyHz: tone ?? 1000) }
        return .telemetry(try telemetryKind(telemetry), rate: rate ?? Self.defaultRate, samplesPerFrame: samplesPerFrame ?? 1)
    }
}
