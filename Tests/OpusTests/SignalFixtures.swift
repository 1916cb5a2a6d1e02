import Foundation

/// Deterministic test signals and quality measures (no dependency on the Media target).
enum SignalFixtures {
    /// `seconds` of a sine at `frequencyHertz`, amplitude `amplitude` of full scale, identical in
    /// every channel, interleaved.
    static func sine(
        frequencyHertz: Double = 1_000, sampleRate: Int, channels: Int, seconds: Double, amplitude: Double = 0.5
    ) -> [Int16] {
        let frames = Int(Double(sampleRate) * seconds)
        var output = [Int16](repeating: 0, count: frames * channels)
        for frame in 0..<frames {
            let value = Int16(amplitude * 32_767 * sin(2 * Double.pi * frequencyHertz * Double(frame) / Double(sampleRate)))
            for channel in 0..<channels { output[frame * channels + channel] = value }
        }
        return output
    }

    /// Mono voice-like signal: 12 harmonics of a pitch gliding 110 ↔ 220 Hz (period 0.7 s) under a
    /// 3 Hz syllable envelope. Unlike a steady sine it is hard to extrapolate, so concealment
    /// (PLC) visibly loses to in-band FEC.
    static func voiceLike(sampleRate: Int, seconds: Double) -> [Int16] {
        let frames = Int(Double(sampleRate) * seconds)
        var output = [Int16](repeating: 0, count: frames)
        var phase = 0.0
        for frame in 0..<frames {
            let time = Double(frame) / Double(sampleRate)
            let pitch = 165 + 55 * sin(2 * Double.pi * time / 0.7)
            phase += 2 * Double.pi * pitch / Double(sampleRate)
            var value = 0.0
            for harmonic in 1...12 where Double(harmonic) * pitch < Double(sampleRate) / 2 {
                value += sin(Double(harmonic) * phase) / Double(harmonic)
            }
            let envelope = 0.55 + 0.45 * sin(2 * Double.pi * 3 * time)
            output[frame] = Int16(0.3 * 32_767 * envelope * value / 2)
        }
        return output
    }

    /// One channel of interleaved samples as Double.
    static func channel(_ samples: [Int16], _ index: Int, of channels: Int) -> [Double] {
        stride(from: index, to: samples.count, by: channels).map { Double(samples[$0]) }
    }

    /// Lag (output index − input index) in `range` maximising the normalised cross-correlation,
    /// searched on a window of `windowLength` input samples starting at `windowStart`.
    static func bestLag(
        reference: [Double], output: [Double], range: ClosedRange<Int>, windowStart: Int, windowLength: Int
    ) -> Int {
        var best = (lag: 0, score: -Double.infinity)
        reference.withUnsafeBufferPointer { ref in
            output.withUnsafeBufferPointer { out in
                for lag in range {
                    let lo = max(windowStart, -lag)
                    let hi = min(windowStart + windowLength, out.count - lag, ref.count)
                    guard hi - lo > windowLength / 2 else { continue }
                    var dot = 0.0, energy = 0.0
                    for index in lo..<hi {
                        let y = out[index + lag]
                        dot += ref[index] * y
                        energy += y * y
                    }
                    let score = energy > 0 ? dot / energy.squareRoot() : -Double.infinity
                    if score > best.score { best = (lag, score) }
                }
            }
        }
        return best.lag
    }

    /// SNR in dB of `output` against `reference` over reference indices `range`, with `output`
    /// shifted by `lag`: 10·log10(Σref² / Σ(ref − out)²).
    static func snrDecibels(reference: [Double], output: [Double], lag: Int, range: Range<Int>) -> Double {
        var signal = 0.0, noise = 0.0
        for index in range where index + lag >= 0 && index + lag < output.count && index < reference.count {
            let error = reference[index] - output[index + lag]
            signal += reference[index] * reference[index]
            noise += error * error
        }
        return 10 * log10(signal / max(noise, 1e-9))
    }

    /// Root-mean-square of `samples`.
    static func rms(_ samples: [Double]) -> Double {
        guard !samples.isEmpty else { return 0 }
        return (samples.reduce(0) { $0 + $1 * $1 } / Double(samples.count)).squareRoot()
    }
}
