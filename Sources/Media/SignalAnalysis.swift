import Foundation

/// Measurements on interleaved Int16 PCM, used by tests, the CLI and interop checks.
///
/// Levels are relative to digital full scale 32768: a full-scale square wave is 0 dBFS RMS and a
/// full-scale sine −3.01 dBFS RMS.
public enum SignalAnalysis {
    /// At most this many frames (taken from the middle of the signal) are analysed for frequency.
    public static let maximumAnalysisFrames = 1 << 17

    /// The samples of one channel as Doubles (channel 0 = left).
    public static func channel(_ channel: Int, of samples: [Int16], channels: Int) -> [Double] {
        guard channels > 0, (0..<channels).contains(channel) else { return [] }
        return stride(from: channel, to: samples.count - (samples.count % channels), by: channels).map {
            Double(samples[$0])
        }
    }

    /// Frequency in Hz of the strongest sinusoid in `channel` (default the first).
    ///
    /// Leading and trailing near-silence (below −40 dB relative to the peak) and DC are ignored.
    /// Method: Hann-windowed FFT peak, refined by a golden-section search of the windowed DTFT
    /// magnitude; for a 1 s tone the error is far below 0.01 Hz. Returns 0 when the signal is
    /// silent or shorter than 16 frames.
    public static func dominantFrequency(samples: [Int16], format: AudioFormat, channel index: Int = 0) -> Double {
        var signal = trimmed(channel(index, of: samples, channels: format.channels))
        guard signal.count >= 16, format.sampleRate > 0 else { return 0 }
        if signal.count > maximumAnalysisFrames {
            let start = (signal.count - maximumAnalysisFrames) / 2
            signal = Array(signal[start..<(start + maximumAnalysisFrames)])
        }
        let n = signal.count
        let mean = signal.reduce(0, +) / Double(n)
        let windowed = (0..<n).map { i in
            (signal[i] - mean) * (0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(n - 1)))
        }
        let size = FFT.paddedLength(n)
        var re = windowed + [Double](repeating: 0, count: size - n)
        var im = [Double](repeating: 0, count: size)
        FFT.transform(real: &re, imaginary: &im)
        // Skip the bins the Hann main lobe of residual DC can reach.
        let firstBin = max(1, 2 * size / n + 1)
        var peakBin = 0
        var peakPower = 0.0
        if firstBin < size / 2 {
            for bin in firstBin..<(size / 2) {
                let power = re[bin] * re[bin] + im[bin] * im[bin]
                if power > peakPower {
                    peakPower = power
                    peakBin = bin
                }
            }
        }
        guard peakPower > 0 else { return 0 }
        let binHz = Double(format.sampleRate) / Double(size)
        let refined = goldenSectionMaximum(
            lower: (Double(peakBin) - 1) * binHz, upper: (Double(peakBin) + 1) * binHz, iterations: 24
        ) { frequency in
            dtftPower(windowed, frequencyHz: frequency, sampleRate: Double(format.sampleRate))
        }
        return refined
    }

    /// RMS level relative to full scale 32768 (0…≈1) over all channels.
    public static func rms(_ samples: [Int16]) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sum = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
        return (sum / Double(samples.count)).squareRoot() / 32768
    }

    /// RMS level in dBFS; −infinity for digital silence or no samples.
    public static func rmsDBFS(_ samples: [Int16]) -> Double {
        let level = rms(samples)
        return level > 0 ? 20 * log10(level) : -Double.infinity
    }

    /// Largest absolute sample value (0…32768).
    public static func peak(_ samples: [Int16]) -> Int {
        samples.reduce(0) { max($0, abs(Int($1))) }
    }

    /// Signal-to-noise ratio in dB of `test` against `reference`, sample by sample over the
    /// common length, with no time alignment: 10·log10(Σref² / Σ(ref − test)²).
    /// +infinity when identical, −infinity when the reference is silent and they differ.
    public static func snr(reference: [Int16], test: [Int16]) -> Double {
        let count = min(reference.count, test.count)
        var signal = 0.0, noise = 0.0
        for i in 0..<count {
            let r = Double(reference[i]), d = r - Double(test[i])
            signal += r * r
            noise += d * d
        }
        if noise == 0 { return .infinity }
        if signal == 0 { return -.infinity }
        return 10 * log10(signal / noise)
    }

    /// Removes leading and trailing samples below −40 dB relative to the peak (at least 2 LSB).
    static func trimmed(_ signal: [Double]) -> [Double] {
        let peak = signal.reduce(0) { max($0, abs($1)) }
        let threshold = max(2, peak * 0.01)
        guard let first = signal.firstIndex(where: { abs($0) >= threshold }),
            let last = signal.lastIndex(where: { abs($0) >= threshold })
        else { return [] }
        return Array(signal[first...last])
    }

    /// |Σ x[i]·e^(−j2πfi/fs)|² with a rotating phasor, renormalised to bound rounding drift.
    static func dtftPower(_ x: [Double], frequencyHz: Double, sampleRate: Double) -> Double {
        let angle = -2 * Double.pi * frequencyHz / sampleRate
        let stepRe = cos(angle), stepIm = sin(angle)
        var wRe = 1.0, wIm = 0.0, sumRe = 0.0, sumIm = 0.0
        x.withUnsafeBufferPointer { buffer in
            for i in 0..<buffer.count {
                let value = buffer[i]
                sumRe += value * wRe
                sumIm += value * wIm
                let nextRe = wRe * stepRe - wIm * stepIm
                wIm = wRe * stepIm + wIm * stepRe
                wRe = nextRe
                if i & 1023 == 1023 {
                    let norm = (wRe * wRe + wIm * wIm).squareRoot()
                    wRe /= norm
                    wIm /= norm
                }
            }
        }
        return sumRe * sumRe + sumIm * sumIm
    }

    /// Maximum of a unimodal function on [lower, upper].
    static func goldenSectionMaximum(
        lower: Double, upper: Double, iterations: Int, _ f: (Double) -> Double
    ) -> Double {
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = lower, b = upper
        var c = b - ratio * (b - a), d = a + ratio * (b - a)
        var fc = f(c), fd = f(d)
        for _ in 0..<iterations {
            if fc > fd {
                b = d
                d = c
                fd = fc
                c = b - ratio * (b - a)
                fc = f(c)
            } else {
                a = c
                c = d
                fc = fd
                d = a + ratio * (b - a)
                fd = f(d)
            }
        }
        return (a + b) / 2
    }
}
