import Telemetry

/// What a probe's tests carry: an Opus-encoded tone (the default, scored with the E-model's MOS)
/// or synthetic sensor telemetry (loss, late loss, jitter, delay and RTT; no MOS: nobody hears
/// a telemetry stream).
package enum ProbePayload: Sendable, Hashable {
    /// A sine tone at this frequency (Hz, above 0 and below half the sample rate), encoded with
    /// the probe's codec options.
    case tone(frequencyHz: Double)
    /// A synthetic telemetry source (`imu`, `counter` or `sine`) at `rate` samples per second,
    /// `samplesPerFrame` (1…1000) samples per RTP packet.
    case telemetry(TelemetrySourceKind, rate: TelemetryRate, samplesPerFrame: Int)

    /// The tone of a probe that names no payload: 1 kHz.
    package static let defaultTone = ProbePayload.tone(frequencyHz: 1000)

    /// `audio` or `telemetry`: the `media` field of events.
    package var mediaName: String {
        switch self {
        case .tone: "audio"
        case .telemetry: "telemetry"
        }
    }

    /// Whether a MOS can be given for this payload's tests.
    package var isScoredWithMOS: Bool {
        if case .tone = self { return true }
        return false
    }
}
