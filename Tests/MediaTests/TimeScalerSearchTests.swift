import Foundation
import JitterbugTestSupport
import Testing

@testable import Media

/// The coarse-to-fine period search (4 kHz, 12 kHz, full rate around the peaks only) against an
/// exhaustive search of every full-rate lag, written here independently in Double.
@Suite struct TimeScalerSearchTests {
    /// Best lag in `from...through` by normalised correlation of x[0..<lag] with x[lag..<2·lag].
    static func exhaustive(_ x: [Int16], from: Int, through: Int) -> (lag: Int, correlation: Double) {
        var best = (lag: from, correlation: -2.0)
        for lag in from...min(through, x.count / 2) {
            var cross = 0.0, first = 0.0, second = 0.0
            for i in 0..<lag {
                let a = Double(x[i]), b = Double(x[i + lag])
                cross += a * b
                first += a * a
                second += b * b
            }
            let denominator = (first * second).squareRoot()
            let correlation = denominator > 0 ? cross / denominator : 0
            if correlation > best.correlation { best = (lag, correlation) }
        }
        return best
    }

    /// A voiced-like block: `fundamentalHz` and harmonics up to 4 kHz at 1/h, plus noise 40 dB down.
    /// (100 Hz and up in a 20 ms block: a period must fit twice.)
    static func voiced(fundamentalHz: Double, phase: Double, samples: Int, seed: UInt64) -> [Int16] {
        var random = seed
        return (0..<samples).map { n in
            var value = 0.0
            var harmonic = 1
            while Double(harmonic) * fundamentalHz < 4000 {
                value += sin(2 * Double.pi * fundamentalHz * Double(harmonic) * Double(n) / 48000 + phase * Double(harmonic))
                    / Double(harmonic)
                harmonic += 1
            }
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = Double(Int64(random >> 33) % 2001 - 1000) / 1000
            return Int16(clamping: Int((value * 0.25 + noise * 0.0025) * 32767))
        }
    }

    @Test(arguments: [100.0, 118, 140, 163, 190, 220, 247, 280, 330, 400, 455, 520, 610])
    func voicedBlocksGetTheExhaustiveBestCorrelation(fundamentalHz: Double) {
        var scaler = TimeScaler(sampleRate: 48000, channels: 1, maximumBlockSamples: 960)
        for (index, phase) in [0.0, 1.1, 2.3, 4.0].enumerated() {
            let block = Self.voiced(fundamentalHz: fundamentalHz, phase: phase, samples: 960, seed: UInt64(index + 1))
            let reference = Self.exhaustive(block, from: 120, through: 480)
            var scaled = block
            let result = scaler.accelerate(&scaled)
            #expect(reference.correlation > 0.95)
            #expect(result.reason == .periodic, "\(fundamentalHz) Hz: \(result)")
            // The exhaustive best, or a lag as good to within 0.002 (e.g. another period multiple).
            #expect(
                result.correlation > reference.correlation - 0.002,
                "\(fundamentalHz) Hz phase \(phase): lag \(result.samplesPerChannel) \(result.correlation), exhaustive \(reference)")
        }
    }

    @Test func fifteenMillisecondRangeMatchesTheExhaustiveSearch() {
        var scaler = TimeScaler(sampleRate: 48000, channels: 1, maximumBlockSamples: 1920)
        for fundamentalHz in [67.0, 75, 90] {
            let block = Self.voiced(fundamentalHz: fundamentalHz, phase: 0.5, samples: 1920, seed: 9)
            let reference = Self.exhaustive(block, from: 120, through: 720)
            var scaled = block
            let result = scaler.accelerate(&scaled)
            #expect(result.correlation > reference.correlation - 0.002, "\(fundamentalHz) Hz: \(result), exhaustive \(reference)")
        }
    }

    /// Every Opus decode rate: the stages' factors are rate / 4 kHz and rate / 12 kHz (at least 1),
    /// so at 16 kHz the middle stage is the full rate and at 8 kHz the coarse one is half of it.
    @Test(arguments: [8000, 12000, 16000, 24000, 48000])
    func everyOpusRateFindsTheExhaustiveBest(sampleRate: Int) {
        let frame = sampleRate / 50
        var scaler = TimeScaler(sampleRate: sampleRate, channels: 1, maximumBlockSamples: frame)
        for fundamentalHz in [110.0, 173, 240, 311] {
            let block = (0..<frame).map { n in
                var value = 0.0
                for harmonic in 1...5 {
                    value += sin(2 * Double.pi * fundamentalHz * Double(harmonic) * Double(n) / Double(sampleRate)) / Double(harmonic)
                }
                return Int16(clamping: Int(value * 0.25 * 32767))
            }
            let reference = Self.exhaustive(block, from: sampleRate / 400, through: frame / 2)
            var scaled = block
            let result = scaler.accelerate(&scaled)
            #expect(result.reason == .periodic, "\(sampleRate) Hz rate, \(fundamentalHz) Hz: \(result)")
            #expect(
                result.correlation > reference.correlation - 0.002,
                "\(sampleRate) Hz rate, \(fundamentalHz) Hz: \(result), exhaustive \(reference)")
            #expect(scaled.count == frame - result.samplesPerChannel)
        }
    }

    /// On real speech (espeak-ng, resampled to 48 kHz by ffmpeg; skipped without them): every
    /// 20 ms block at 5 ms steps that the exhaustive search finds periodic (≥ 0.9) is spliced as
    /// periodic or quiet, and no block is found periodic that the exhaustive search would not.
    @Test func speechDecisionsMatchTheExhaustiveSearch() throws {
        guard let espeak = ExternalProgram.which("espeak-ng"), let ffmpeg = ExternalProgram.which("ffmpeg") else { return }
        let directory = try TemporaryDirectory.create(prefix: "timescale-search")
        defer { try? FileManager.default.removeItem(at: directory) }
        let wav = directory.appendingPathComponent("speech.wav").path
        let raw = directory.appendingPathComponent("speech.raw").path
        try TimeScalerSpeechTests.run(espeak, ["-w", wav, "The quick brown fox jumps over the lazy dog. She sells sea shells."])
        try TimeScalerSpeechTests.run(ffmpeg, ["-y", "-loglevel", "error", "-i", wav, "-ar", "48000", "-ac", "1", "-f", "s16le", raw])
        let input = try TimeScalerSpeechTests.readRaw(raw)
        var scaler = TimeScaler(sampleRate: 48000, channels: 1, maximumBlockSamples: 960)
        var periodic = 0, missed: [Int] = [], start = 0
        while start + 960 <= input.count {
            let block = Array(input[start..<(start + 960)])
            let reference = Self.exhaustive(block, from: 120, through: 480)
            var scaled = block
            let result = scaler.accelerate(&scaled)
            #expect(result.correlation <= reference.correlation + 1e-4)
            if result.reason == .periodic { periodic += 1 }
            if reference.correlation >= 0.9 && result.reason == nil { missed.append(start) }
            start += 240
        }
        #expect(periodic > 50)
        #expect(missed.isEmpty, "periodic by the exhaustive search, declined: blocks at \(missed)")
    }

    /// The cross-fade (eight samples at a time, rounded by the 1.5 × 2^23 bias, no clamp) against
    /// the same weights in Double with `rounded()`: within one LSB, at full scale too (a sum that
    /// left the Int16 range would wrap by 65536).
    @Test(arguments: [1, 2, 3])
    func crossFadeMatchesADoubleReference(channels: Int) {
        let frames = 37  // not a multiple of 8: the one-at-a-time tail runs too
        var random: UInt64 = 11
        func next() -> Int16 {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int16(truncatingIfNeeded: random >> 40)
        }
        let cases: [([Int16], [Int16])] = [
            ((0..<(frames * channels)).map { _ in next() }, (0..<(frames * channels)).map { _ in next() }),
            (Array(repeating: .min, count: frames * channels), Array(repeating: .max, count: frames * channels)),
            (Array(repeating: .max, count: frames * channels), Array(repeating: .min, count: frames * channels)),
        ]
        for (a, b) in cases {
            var output = a
            output.withUnsafeMutableBufferPointer { output in
                b.withUnsafeBufferPointer { b in
                    guard let target = output.baseAddress, let into = b.baseAddress else { return }
                    TimeScaler.crossFade(target, from: target, into: into, count: frames * channels, channels: channels)
                }
            }
            for k in 0..<(frames * channels) {
                let weight = Double(k / channels + 1) / Double(frames + 1)
                let expected = (Double(a[k]) + (Double(b[k]) - Double(a[k])) * weight).rounded()
                #expect(abs(Double(output[k]) - expected) <= 1, "sample \(k): \(output[k]), expected \(expected)")
            }
        }
    }
}
