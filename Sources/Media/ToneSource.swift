import Foundation

/// A deterministic sine tone, identical on every channel.
public struct ToneSource: AudioSource, Sendable {
    public let format: AudioFormat
    /// Tone frequency in Hz; limit: below `format.sampleRate / 2` to avoid aliasing.
    public let frequencyHz: Double
    /// Peak level in dBFS (0 dBFS = 32767); the default −6 dBFS leaves codec headroom.
    public let amplitudeDBFS: Double

    private var budget: FrameBudget
    /// Phase in cycles, kept in [0, 1) so precision does not decay over long runs.
    private var phaseCycles: Double = 0

    /// - Parameters:
    ///   - durationSeconds: length in seconds, or `nil` for an endless tone.
    ///   - startPhaseCycles: initial phase as a fraction of a cycle (0 = sine starts at zero).
    public init(
        frequencyHz: Double,
        amplitudeDBFS: Double = -6,
        durationSeconds: Double?,
        format: AudioFormat = .opusMono,
        startPhaseCycles: Double = 0
    ) {
        self.format = format
        self.frequencyHz = frequencyHz
        self.amplitudeDBFS = amplitudeDBFS
        self.budget = FrameBudget(durationSeconds: durationSeconds, sampleRate: format.sampleRate)
        self.phaseCycles = startPhaseCycles - startPhaseCycles.rounded(.down)
    }

    public mutating func read(frames: Int) throws -> [Int16]? {
        guard let count = budget.take(frames) else { return nil }
        let amplitude = Level.amplitude(dBFS: amplitudeDBFS)
        let increment = frequencyHz / Double(max(1, format.sampleRate))
        var mono = [Int16]()
        mono.reserveCapacity(count)
        for _ in 0..<count {
            mono.append(Level.quantize(amplitude * sin(2 * Double.pi * phaseCycles)))
            phaseCycles += increment
            phaseCycles -= phaseCycles.rounded(.down)
        }
        return Level.interleave(mono, channels: format.channels)
    }
}
