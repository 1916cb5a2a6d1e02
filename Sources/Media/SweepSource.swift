import Foundation

/// A deterministic sine sweep (chirp) from `startHz` to `endHz`, identical on every channel.
///
/// The instantaneous frequency is `f0·(f1/f0)^(t/T)` for `.logarithmic` and
/// `f0 + (f1−f0)·t/T` for `.linear`, where T is the duration. The phase is computed in closed
/// form from the frame index, so chunk boundaries never introduce discontinuities.
public struct SweepSource: AudioSource, Sendable {
    public enum Shape: Sendable, Equatable {
        /// Equal time per octave; needs both frequencies > 0.
        case logarithmic
        /// Equal time per Hz.
        case linear
    }

    public let format: AudioFormat
    public let startHz: Double
    public let endHz: Double
    public let durationSeconds: Double
    public let shape: Shape
    /// Peak level in dBFS (0 dBFS = 32767).
    public let amplitudeDBFS: Double

    private var budget: FrameBudget
    private var frameIndex = 0

    /// - Throws: `MediaError(.invalidArgument)` for a non-positive duration, or a logarithmic
    ///   sweep with a frequency ≤ 0.
    public init(
        startHz: Double,
        endHz: Double,
        durationSeconds: Double,
        shape: Shape = .logarithmic,
        amplitudeDBFS: Double = -6,
        format: AudioFormat = .opusMono
    ) throws {
        guard durationSeconds > 0, durationSeconds.isFinite else {
            throw MediaError(.invalidArgument, "sweep duration must be > 0 seconds (got \(durationSeconds))")
        }
        if shape == .logarithmic, !(startHz > 0 && endHz > 0) {
            throw MediaError(
                .invalidArgument, "a logarithmic sweep needs frequencies > 0 Hz (got \(startHz) → \(endHz))")
        }
        self.format = format
        self.startHz = startHz
        self.endHz = endHz
        self.durationSeconds = durationSeconds
        self.shape = shape
        self.amplitudeDBFS = amplitudeDBFS
        self.budget = FrameBudget(durationSeconds: durationSeconds, sampleRate: format.sampleRate)
    }

    /// Instantaneous frequency in Hz at `timeSeconds` from the start.
    public func frequencyHz(atSeconds timeSeconds: Double) -> Double {
        let progress = timeSeconds / durationSeconds
        switch shape {
        case .linear: return startHz + (endHz - startHz) * progress
        case .logarithmic: return startHz * pow(endHz / startHz, progress)
        }
    }

    /// Accumulated phase in cycles at `timeSeconds` (integral of the instantaneous frequency).
    public func phaseCycles(atSeconds t: Double) -> Double {
        switch shape {
        case .linear:
            return startHz * t + (endHz - startHz) * t * t / (2 * durationSeconds)
        case .logarithmic:
            let ratio = endHz / startHz
            if abs(ratio - 1) < 1e-12 { return startHz * t }
            let k = log(ratio) / durationSeconds
            return startHz * (exp(k * t) - 1) / k
        }
    }

    public mutating func read(frames: Int) throws -> [Int16]? {
        guard let count = budget.take(frames) else { return nil }
        let amplitude = Level.amplitude(dBFS: amplitudeDBFS)
        let rate = Double(max(1, format.sampleRate))
        var mono = [Int16]()
        mono.reserveCapacity(count)
        for _ in 0..<count {
            let cycles = phaseCycles(atSeconds: Double(frameIndex) / rate)
            let fraction = cycles - cycles.rounded(.down)
            mono.append(Level.quantize(amplitude * sin(2 * Double.pi * fraction)))
            frameIndex += 1
        }
        return Level.interleave(mono, channels: format.channels)
    }
}
