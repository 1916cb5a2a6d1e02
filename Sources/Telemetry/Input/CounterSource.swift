/// Synthetic source: one int32 channel `counter` that increments by 1 per sample (wrapping at
/// Int32.max), at a fixed rate. Useful for checking loss and order end to end.
public struct CounterSource: TelemetrySource, Sendable {
    public let schema: TelemetrySchema
    /// Samples to produce, or `nil` for endless.
    public let sampleLimit: Int64?
    private var clock: TelemetrySampleClock
    private var value: Int32

    /// - Parameters:
    ///   - startMicroseconds: capture time of sample 0 (µs since Unix epoch).
    ///   - startValue: counter value of sample 0.
    public init(
        schemaID: UInt16 = 1, startMicroseconds: Int64, rate: TelemetryRate, startValue: Int32 = 0,
        sampleLimit: Int64? = nil
    ) {
        schema = TelemetrySchema(id: schemaID, uncheckedChannels: [TelemetryChannel(name: "counter", type: .int32)])
        clock = TelemetrySampleClock(startMicroseconds: startMicroseconds, rate: rate)
        value = startValue
        self.sampleLimit = sampleLimit
    }

    public mutating func next(count: Int) -> [TelemetrySample]? {
        let available = sampleLimit.map { max(0, $0 - clock.nextIndex) } ?? Int64(count)
        let take = Int(min(Int64(max(1, count)), available))
        guard take > 0 else { return nil }
        return (0..<take).map { _ in
            let index = clock.advance()
            defer { value &+= 1 }
            return TelemetrySample(captureMicroseconds: clock.captureMicroseconds(sampleIndex: index), values: [.int32(value)])
        }
    }
}
