import Foundation
import Testing

@testable import Media

@Suite struct SignalAnalysisTests {
    @Test func frequencyIgnoresSilencePaddingAndDC() throws {
        let format = AudioFormat(sampleRate: 48000, channels: 1)
        var tone = ToneSource(frequencyHz: 1234.5, amplitudeDBFS: -12, durationSeconds: 1, format: format)
        let body = try tone.readAll().map { Int16(clamping: Int($0) + 3000) }  // DC offset
        let padded = [Int16](repeating: 0, count: 14400) + body + [Int16](repeating: 0, count: 24000)
        let measured = SignalAnalysis.dominantFrequency(samples: padded, format: format)
        #expect(abs(measured - 1234.5) < 0.05, "measured \(measured)")
    }

    @Test(arguments: [(100.3, 8000), (1000.25, 48000), (7777.7, 16000), (19000.0, 48000)])
    func frequencyIsPreciseForOneSecondTones(frequency: Double, rate: Int) throws {
        let format = AudioFormat(sampleRate: rate, channels: 1)
        var tone = ToneSource(frequencyHz: frequency, amplitudeDBFS: -1, durationSeconds: 1, format: format, startPhaseCycles: 0.3)
        let measured = SignalAnalysis.dominantFrequency(samples: try tone.readAll(), format: format)
        #expect(abs(measured - frequency) < 0.01, "measured \(measured)")
    }

    @Test func frequencyOfSecondChannelAndNoisyTone() throws {
        var left = ToneSource(frequencyHz: 300, durationSeconds: 1, format: .opusMono)
        var right = ToneSource(frequencyHz: 2500, amplitudeDBFS: -20, durationSeconds: 1, format: .opusMono)
        var noise = NoiseSource(seed: 7, amplitudeDBFS: -30, durationSeconds: 1, format: .opusMono)
        let l = try left.readAll(), r = try right.readAll(), n = try noise.readAll()
        var stereo: [Int16] = []
        for i in 0..<l.count {
            stereo += [l[i], Int16(clamping: Int(r[i]) + Int(n[i]))]
        }
        #expect(abs(SignalAnalysis.dominantFrequency(samples: stereo, format: .opusStereo) - 300) < 0.5)
        #expect(abs(SignalAnalysis.dominantFrequency(samples: stereo, format: .opusStereo, channel: 1) - 2500) < 0.5)
    }

    @Test func silentOrTinyInputGivesZero() {
        #expect(SignalAnalysis.dominantFrequency(samples: [Int16](repeating: 0, count: 4800), format: .opusMono) == 0)
        #expect(SignalAnalysis.dominantFrequency(samples: [], format: .opusMono) == 0)
        #expect(SignalAnalysis.dominantFrequency(samples: [100, -100, 100], format: .opusMono) == 0)
    }

    @Test func levels() {
        // ±16384 square wave: RMS = 0.5 of full scale = 20·log10(0.5) = −6.0206 dBFS.
        let square = (0..<1000).map { $0 % 2 == 0 ? Int16(16384) : Int16(-16384) }
        #expect(SignalAnalysis.rms(square) == 0.5)
        #expect(abs(SignalAnalysis.rmsDBFS(square) + 6.0206) < 1e-4)
        #expect(SignalAnalysis.peak([3, -32768, 5]) == 32768)
        #expect(SignalAnalysis.rms([]) == 0)
    }

    @Test func snrMatchesHandComputedValue() {
        let reference = [Int16](repeating: 1000, count: 100)
        #expect(SignalAnalysis.snr(reference: reference, test: reference) == .infinity)
        // Error of 10 everywhere: 10·log10(1000² / 10²) = 40 dB.
        let test = reference.map { $0 + 10 }
        #expect(abs(SignalAnalysis.snr(reference: reference, test: test) - 40) < 1e-9)
        #expect(SignalAnalysis.snr(reference: [0, 0], test: [1, 1]) == -.infinity)
    }
}
