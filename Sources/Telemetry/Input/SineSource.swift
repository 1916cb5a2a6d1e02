import Foundation

/// Synthetic source: one float64 channel `value` = amplitude × sin(2π × frequency × t), with
/// t in seconds since sample 0, computed from the sample index (no phase drift).
public struct SineSource: TelemetrySource, Sendable {
    public let schema: TelemetrySchema
    /// Sine frequency in Hz.
    public let frequencyHz: Double
    /// Peak value (unitless).
    public let amplitude: Double
    /// Samples to produce, or `nil` for endless.
    public let sampleLimit: Int64?
    private var clock: TelemetrySampleClock

    /// - Parameter startMicroseconds: capture time of sample 0 (µs since Unix epoch).
    public init(
        schemaID: UInt16 = 1, startMicroseconds: Int64, rate: TelemetryRate, frequencyHz: Double = 1,
        amplitude: Double = 1, sampleLimit: Int64? = nil
    ) {
        schema = TelemetrySchema(id: schemaID, uncheckedChannels: [TelemetryChannel(name: "value", type: .float64)])
        clock = TelemetrySampleClock(startMicroseconds: startMicroseconds, rate: rate)
        self.frequencyHz = frequencyHz
        self.amplitude = amplitude
        self.sampleLimit = sampleLimit
    }

    public mutating func next(count: Int) -> [TelemetrySample]? {
        let available = sampleLimit.map { max(0, $0 - clock.nextIndex) } ?? Int64(count)
        let take = Int(min(Int64(max(1, count)), available))
        guard take > 0 else { return nil }
        return (0..<take).map { _ in
            let index = clock.advance()
            let seconds = clock.offsetSeconds(sampleIndex: index)
            let value = amplitude * sin(2 * Double.pi * frequencyHz * seconds)
            return TelemetrySample(captureMicroseconds: clock.captureMicroseconds(sampleIndex: index), values: [.float64(value)])
        }
    }
}
