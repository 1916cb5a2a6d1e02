import JitterbugSupport

/// Deterministic white noise: independent uniform samples per channel from a seeded PRNG.
///
/// The same seed always yields the same samples on every platform (SplitMix64, no global
/// randomness).
public struct NoiseSource: AudioSource, Sendable {
    public let format: AudioFormat
    /// Peak level in dBFS (0 dBFS = 32767); samples are uniform in [−peak, +peak].
    public let amplitudeDBFS: Double
    public let seed: UInt64

    private var budget: FrameBudget
    private var generator: SplitMix64

    /// - Parameter durationSeconds: length in seconds, or `nil` for endless noise.
    public init(seed: UInt64, amplitudeDBFS: Double = -6, durationSeconds: Double?, format: AudioFormat = .opusMono) {
        self.format = format
        self.amplitudeDBFS = amplitudeDBFS
        self.seed = seed
        self.budget = FrameBudget(durationSeconds: durationSeconds, sampleRate: format.sampleRate)
        self.generator = SplitMix64(seed: seed)
    }

    public mutating func read(frames: Int) throws -> [Int16]? {
        guard let count = budget.take(frames) else { return nil }
        let amplitude = Level.amplitude(dBFS: amplitudeDBFS)
        var out = [Int16]()
        out.reserveCapacity(count * format.channels)
        for _ in 0..<(count * format.channels) {
            out.append(Level.quantize(amplitude * (2 * generator.nextUnitInterval() - 1)))
        }
        return out
    }
}
