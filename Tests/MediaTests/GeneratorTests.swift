import Foundation
import Testing

@testable import Media

@Suite struct GeneratorTests {
    @Test(arguments: [
        (440.0, 48000), (1000.0, 48000), (1000.0, 8000), (3000.0, 16000), (997.0, 24000), (250.0, 12000),
    ])
    func toneHasRequestedFrequencyCountAndLevel(frequency: Double, rate: Int) throws {
        let format = AudioFormat(sampleRate: rate, channels: 1)
        var tone = ToneSource(frequencyHz: frequency, durationSeconds: 1, format: format)
        let samples = try readEverything(&tone)
        #expect(samples.count == rate)
        #expect(try tone.read(frames: 10) == nil)
        let measured = SignalAnalysis.dominantFrequency(samples: samples, format: format)
        #expect(abs(measured - frequency) < 0.5, "measured \(measured) Hz")
        // −6 dBFS peak = 32767 · 10^(−6/20) = 16422.4; a sine's RMS is 3.01 dB below its peak.
        #expect(abs(SignalAnalysis.peak(samples) - 16422) <= 1)
        #expect(abs(SignalAnalysis.rmsDBFS(samples) - (-6 - 3.0103)) < 0.05)
    }

    @Test func stereoToneDuplicatesChannels() throws {
        var tone = ToneSource(frequencyHz: 500, amplitudeDBFS: 0, durationSeconds: 0.5, format: .opusStereo)
        let samples = try tone.readAll()
        #expect(samples.count == 24000 * 2)
        let left = SignalAnalysis.channel(0, of: samples, channels: 2)
        let right = SignalAnalysis.channel(1, of: samples, channels: 2)
        #expect(left == right)
        #expect(SignalAnalysis.peak(samples) == 32767)
        #expect(samples[0] == 0)
    }

    @Test func chunkSizeDoesNotChangeTheSignal() throws {
        var small = ToneSource(frequencyHz: 1234.5, durationSeconds: 0.2, format: .opusMono)
        var large = small
        #expect(try readEverything(&small, chunkFrames: 7) == readEverything(&large, chunkFrames: 48000))
        var sweepA = try SweepSource(startHz: 100, endHz: 5000, durationSeconds: 0.3)
        var sweepB = sweepA
        #expect(try readEverything(&sweepA, chunkFrames: 13) == readEverything(&sweepB, chunkFrames: 960))
    }

    @Test func infiniteToneKeepsProducing() throws {
        var tone = ToneSource(frequencyHz: 440, durationSeconds: nil)
        for _ in 0..<200 {
            let chunk = try #require(try tone.read(frames: 960))
            #expect(chunk.count == 960)
        }
    }

    @Test func shortFinalChunkThenNil() throws {
        var silence = SilenceSource(durationSeconds: 0.025, format: AudioFormat(sampleRate: 8000, channels: 2))
        #expect(try silence.read(frames: 0) == [])
        #expect(try silence.read(frames: 160)?.count == 320)
        #expect(try silence.read(frames: 160)?.count == 80)  // 200 frames in 25 ms at 8 kHz
        #expect(try silence.read(frames: 160) == nil)
        #expect(try silence.read(frames: 160) == nil)
    }

    @Test func silenceIsZero() throws {
        var silence = SilenceSource(durationSeconds: 1, format: .opusMono)
        let samples = try silence.readAll()
        #expect(samples.count == 48000)
        #expect(samples.allSatisfy { $0 == 0 })
        #expect(SignalAnalysis.rmsDBFS(samples) == -.infinity)
    }

    @Test(arguments: [SweepSource.Shape.logarithmic, .linear])
    func sweepStartsAndEndsAtItsFrequencies(shape: SweepSource.Shape) throws {
        let format = AudioFormat(sampleRate: 48000, channels: 1)
        var sweep = try SweepSource(startHz: 200, endHz: 4000, durationSeconds: 2, shape: shape, format: format)
        let reference = sweep
        let samples = try sweep.readAll()
        #expect(samples.count == 96000)
        #expect(reference.frequencyHz(atSeconds: 0) == 200)
        #expect(abs(reference.frequencyHz(atSeconds: 2) - 4000) < 1e-9)
        // Over a 0.1 s window the measured frequency is the window's mean frequency:
        // (phase(t1) − phase(t0)) / (t1 − t0) — close to f0 at the start and f1 at the end.
        for (start, end) in [(0.0, 0.1), (1.9, 2.0)] {
            let window = Array(samples[Int(start * 48000)..<Int(end * 48000)])
            let expected = (reference.phaseCycles(atSeconds: end) - reference.phaseCycles(atSeconds: start)) / (end - start)
            let measured = SignalAnalysis.dominantFrequency(samples: window, format: format)
            #expect(abs(measured - expected) / expected < 0.02, "window \(start)s: \(measured) vs \(expected)")
        }
    }

    @Test func sweepRejectsBadArguments() {
        #expect(throws: MediaError.self) { try SweepSource(startHz: 0, endHz: 1000, durationSeconds: 1) }
        #expect(throws: MediaError.self) { try SweepSource(startHz: 100, endHz: 1000, durationSeconds: 0) }
        #expect(throws: Never.self) { try SweepSource(startHz: 0, endHz: 1000, durationSeconds: 1, shape: .linear) }
    }

    @Test func noiseIsRepeatableForASeed() throws {
        var a = NoiseSource(seed: 42, durationSeconds: 0.5, format: .opusStereo)
        var b = NoiseSource(seed: 42, durationSeconds: 0.5, format: .opusStereo)
        var c = NoiseSource(seed: 43, durationSeconds: 0.5, format: .opusStereo)
        let samplesA = try readEverything(&a, chunkFrames: 333)
        let samplesB = try readEverything(&b, chunkFrames: 960)
        let samplesC = try c.readAll()
        #expect(samplesA.count == 48000)
        #expect(samplesA == samplesB)
        #expect(samplesA != samplesC)
        // Channels are independent noise, not copies.
        #expect(SignalAnalysis.channel(0, of: samplesA, channels: 2) != SignalAnalysis.channel(1, of: samplesA, channels: 2))
        // Uniform in [−A, A]: RMS = A/√3, mean ≈ 0.
        let peak = 32767 * pow(10, -6.0 / 20)
        #expect(Double(SignalAnalysis.peak(samplesA)) <= peak.rounded())
        let expectedRMS = peak / 3.0.squareRoot() / 32768
        #expect(abs(SignalAnalysis.rms(samplesA) / expectedRMS - 1) < 0.03)
        let mean = samplesA.reduce(0.0) { $0 + Double($1) } / Double(samplesA.count)
        #expect(abs(mean) < 200)
    }
}
