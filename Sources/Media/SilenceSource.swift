/// Digital silence (all zeros).
public struct SilenceSource: AudioSource, Sendable {
    public let format: AudioFormat
    private var budget: FrameBudget

    /// - Parameter durationSeconds: length in seconds, or `nil` for endless silence.
    public init(durationSeconds: Double?, format: AudioFormat = .opusMono) {
        self.format = format
        self.budget = FrameBudget(durationSeconds: durationSeconds, sampleRate: format.sampleRate)
    }

    public mutating func read(frames: Int) throws -> [Int16]? {
        guard let count = budget.take(frames) else { return nil }
        return [Int16](repeating: 0, count: count * format.channels)
    }
}
