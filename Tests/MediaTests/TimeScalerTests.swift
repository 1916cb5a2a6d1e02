import Foundation
import JitterbugTestSupport
import Testing

@testable import Media

@Suite struct TimeScalerTests {
    /// 20 ms at 48 kHz, samples per channel.
    static let frame = 960

    /// Runs `source` through the scaler in 20 ms blocks: accelerate, keep, expand, keep, ...
    /// Returns the output and the reported samples per channel removed and inserted.
    static func alternate(_ source: [Int16], channels: Int) -> (output: [Int16], removed: Int, inserted: Int, results: [TimeScaleResult]) {
        var scaler = TimeScaler(sampleRate: 48000, channels: channels, maximumBlockSamples: frame)
        var output: [Int16] = [], removed = 0, inserted = 0, results: [TimeScaleResult] = []
        var block: [Int16] = []
        block.reserveCapacity(2 * frame * channels)
        var index = 0, start = 0
        while start + frame * channels <= source.count {
            block.removeAll(keepingCapacity: true)
            block.append(contentsOf: source[start..<(start + frame * channels)])
            switch index % 4 {
            case 0:
                let result = scaler.accelerate(&block)
                removed += result.samplesPerChannel
                results.append(result)
            case 2:
                let result = scaler.preemptiveExpand(&block)
                inserted += result.samplesPerChannel
                results.append(result)
            default: break
            }
            output += block
            index += 1
            start += frame * channels
        }
        return (output, removed, inserted, results)
    }

    /// Largest |x[n+1] − x[n]| of one channel.
    static func maximumStep(_ samples: [Int16], channels: Int = 1, channel: Int = 0) -> Int {
        var best = 0
        var i = channel + channels
        while i < samples.count {
            best = max(best, abs(Int(samples[i]) - Int(samples[i - channels])))
            i += channels
        }
        return best
    }

    @Test func toneKeepsItsFrequencyAndHasNoClick() throws {
        var tone = ToneSource(frequencyHz: 440, amplitudeDBFS: -6, durationSeconds: 3, format: .opusMono)
        let input = try tone.readAll()
        let (output, removed, inserted, results) = Self.alternate(input, channels: 1)
        // Every block is periodic: each request is honoured with a lag of 2.5–10 ms.
        #expect(results.allSatisfy { $0.applied && $0.reason == .periodic })
        #expect(results.allSatisfy { (120...480).contains($0.samplesPerChannel) && $0.correlation > 0.99 })
        #expect(output.count == input.count - removed + inserted)
        #expect(removed > 0 && inserted > 0)
        let measured = SignalAnalysis.dominantFrequency(samples: output, format: .opusMono)
        #expect(abs(measured - 440) < 1, "measured \(measured) Hz")
        // The tone's own largest step: 2·A·sin(π·440/48000) = 2 · 16422 · 0.02879 ≈ 945.8 at
        // −6 dBFS (946 after rounding to Int16). The cross-fade may add one LSB of rounding; a
        // click (a splice at the wrong lag, or without a cross-fade) is hundreds of LSB more.
        let ownStep = Self.maximumStep(input)
        #expect((945...946).contains(ownStep))
        let step = Self.maximumStep(output)
        #expect(step <= ownStep + 1, "largest step \(step), the tone's own \(ownStep)")
    }

    @Test func stereoToneSplicesBothChannelsAlike() throws {
        var left = ToneSource(frequencyHz: 440, amplitudeDBFS: -6, durationSeconds: 1, format: .opusMono)
        var right = ToneSource(frequencyHz: 440, amplitudeDBFS: -12, durationSeconds: 1, format: .opusMono, startPhaseCycles: 0.25)
        let l = try left.readAll(), r = try right.readAll()
        var stereo: [Int16] = []
        for i in 0..<l.count { stereo += [l[i], r[i]] }
        let (output, removed, inserted, _) = Self.alternate(stereo, channels: 2)
        #expect(output.count == stereo.count - 2 * removed + 2 * inserted)
        for channel in 0..<2 {
            let own = Self.maximumStep(stereo, channels: 2, channel: channel)
            #expect(Self.maximumStep(output, channels: 2, channel: channel) <= own + 1)  // one LSB of rounding
            let measured = SignalAnalysis.dominantFrequency(samples: output, format: .opusStereo, channel: channel)
            #expect(abs(measured - 440) < 1, "channel \(channel): \(measured) Hz")
        }
    }

    @Test func loudNoiseIsDeclinedAndLeftUnchanged() throws {
        var noise = NoiseSource(seed: 3, amplitudeDBFS: -10, durationSeconds: 0.02, format: .opusMono)
        let input = try noise.readAll()
        var scaler = TimeScaler(sampleRate: 48000, channels: 1, maximumBlockSamples: Self.frame)
        var block = input
        let accelerated = scaler.accelerate(&block)
        #expect(block == input)
        #expect(!accelerated.applied)
        guard case .notPeriodic(let correlation) = accelerated.declined else {
            Issue.record("expected notPeriodic, got \(accelerated)")
            return
        }
        #expect(correlation < 0.9)
        #expect(!scaler.preemptiveExpand(&block).applied)
        #expect(block == input)
    }

    @Test func quietNoiseAndSilenceAreSplicedAsQuiet() throws {
        var noise = NoiseSource(seed: 5, amplitudeDBFS: -60, durationSeconds: 0.02, format: .opusMono)
        var block = try noise.readAll()
        var scaler = TimeScaler(sampleRate: 48000, channels: 1, maximumBlockSamples: Self.frame)
        let result = scaler.accelerate(&block)
        #expect(result.reason == .quiet)
        #expect(block.count == Self.frame - result.samplesPerChannel)
        var silence = [Int16](repeating: 0, count: Self.frame)
        let expanded = scaler.preemptiveExpand(&silence)
        #expect(expanded.reason == .quiet)
        #expect(silence.count == Self.frame + expanded.samplesPerChannel)
        #expect(silence.allSatisfy { $0 == 0 })
    }

    @Test func shortBlocksAreDeclined() {
        var scaler = TimeScaler(sampleRate: 48000, channels: 1, maximumBlockSamples: Self.frame)
        var block = [Int16](repeating: 100, count: 239)  // < 2 × 2.5 ms
        #expect(scaler.accelerate(&block).declined == .tooShort)
        #expect(block.count == 239)
        var empty: [Int16] = []
        #expect(scaler.preemptiveExpand(&empty).declined == .tooShort)
    }

    @Test func fifteenMillisecondPeriodsNeedThirtyMillisecondBlocks() throws {
        // A 66.67 Hz tone (period exactly 720 samples = 15 ms) in a 40 ms block.
        var tone = ToneSource(frequencyHz: 48000.0 / 720, amplitudeDBFS: -6, durationSeconds: 0.04, format: .opusMono)
        var block = try tone.readAll()
        var scaler = TimeScaler(sampleRate: 48000, channels: 1, maximumBlockSamples: 2 * Self.frame)
        let result = scaler.accelerate(&block)
        #expect(result.samplesPerChannel == 720 && result.reason == .periodic)
        #expect(block.count == 1920 - 720)
    }

    @Test func steadyStateCallsDoNotGrowTheBlockBeyondItsReservation() throws {
        var tone = ToneSource(frequencyHz: 440, amplitudeDBFS: -6, durationSeconds: 0.02, format: .opusMono)
        let input = try tone.readAll()
        var scaler = TimeScaler(sampleRate: 48000, channels: 1, maximumBlockSamples: Self.frame)
        var block: [Int16] = []
        block.reserveCapacity(Self.frame + scaler.maximumLag)
        let capacity = block.capacity
        for _ in 0..<50 {
            block.removeAll(keepingCapacity: true)
            block.append(contentsOf: input)
            _ = scaler.preemptiveExpand(&block)
            _ = scaler.accelerate(&block)
        }
        #expect(block.capacity == capacity)
    }
}

extension TimeScalerTests {
    /// The same splice without the cross-fade (a hard cut one period on) would click: this is
    /// what the step check above would catch. At a lag that is not a period the cut is large.
    @Test func aHardCutAtTheWrongLagIsWhatTheStepCheckCatches() throws {
        var tone = ToneSource(frequencyHz: 440, amplitudeDBFS: -6, durationSeconds: 0.02, format: .opusMono)
        let input = try tone.readAll()
        let cut = Array(input[0..<100]) + Array(input[(100 + 150)...])  // 150 samples: 1.375 periods
        #expect(Self.maximumStep(cut) > 2 * Self.maximumStep(input))
    }

    @Test func limitCapsTheLagAndBelowTheShortestPeriodDeclines() throws {
        var tone = ToneSource(frequencyHz: 440, amplitudeDBFS: -6, durationSeconds: 0.02, format: .opusMono)
        let input = try tone.readAll()
        var scaler = TimeScaler(sampleRate: 48000, channels: 1, maximumBlockSamples: Self.frame)
        var block = input
        let capped = scaler.accelerate(&block, maximumSamples: 200)
        // Only one period (109.1 samples) fits 120...200 poorly; the best lag is at most 200.
        #expect(capped.samplesPerChannel <= 200)
        block = input
        #expect(scaler.preemptiveExpand(&block, maximumSamples: 100).declined == .tooShort)
        #expect(block == input)
    }
}
