import JitterbugSupport

/// Synthetic 6-axis IMU at rest: float32 channels `ax`, `ay`, `az` (m/s², gravity on z) and
/// `gx`, `gy`, `gz` (rad/s), each with seeded white noise plus a slowly drifting bias.
///
/// The same seed, start time and rate always yield the same samples.
public struct IMUSource: TelemetrySource, Sendable {
    /// Channel names in schema order.
    public static let channelNames = ["ax", "ay", "az", "gx", "gy", "gz"]

    public let schema: TelemetrySchema
    public let configuration: IMUSourceConfiguration
    /// Samples to produce, or `nil` for endless.
    public let sampleLimit: Int64?
    private var clock: TelemetrySampleClock
    private var generator: SplitMix64
    /// Current bias per axis: accelerometer x, y, z then gyroscope x, y, z.
    private var bias = [Double](repeating: 0, count: 6)

    /// - Parameter startMicroseconds: capture time of sample 0 (µs since Unix epoch).
    public init(
        schemaID: UInt16 = 1, startMicroseconds: Int64, rate: TelemetryRate, seed: UInt64,
        sampleLimit: Int64? = nil, configuration: IMUSourceConfiguration = .init()
    ) {
        schema = TelemetrySchema(
            id: schemaID, uncheckedChannels: Self.channelNames.map { TelemetryChannel(name: $0, type: .float32) })
        clock = TelemetrySampleClock(startMicroseconds: startMicroseconds, rate: rate)
        generator = SplitMix64(seed: seed)
        self.configuration = configuration
        self.sampleLimit = sampleLimit
    }

    public mutating func next(count: Int) -> [TelemetrySample]? {
        let available = sampleLimit.map { max(0, $0 - clock.nextIndex) } ?? Int64(count)
        let take = Int(min(Int64(max(1, count)), available))
        guard take > 0 else { return nil }
        return (0..<take).map { _ in makeSample() }
    }

    private mutating func makeSample() -> TelemetrySample {
        let index = clock.advance()
        if index > 0 {
            let stepSeconds = clock.offsetSeconds(sampleIndex: index) - clock.offsetSeconds(sampleIndex: index - 1)
            let root = stepSeconds.squareRoot()
            for axis in 0..<6 {
                let walk = axis < 3 ? configuration.accelerometerDriftPerRootSecond : configuration.gyroscopeDriftPerRootSecond
                bias[axis] += walk * root * generator.nextGaussian()
            }
        }
        var values: [TelemetryValue] = []
        values.reserveCapacity(6)
        for axis in 0..<6 {
            let truth = axis == 2 ? configuration.gravityMetersPerSecondSquared : 0
            let sigma = axis < 3
                ? configuration.accelerometerNoiseMetersPerSecondSquared : configuration.gyroscopeNoiseRadiansPerSecond
            values.append(.float32(Float(truth + bias[axis] + sigma * generator.nextGaussian())))
        }
        return TelemetrySample(captureMicroseconds: clock.captureMicroseconds(sampleIndex: index), values: values)
    }
}
