import Foundation
import JitterbugSupport
import JitterbugTestSupport
import Media
import Opus
import Testing

@testable import Analysis

/// The adaptive replay's decoded audio: a 440 Hz tone encoded with Opus, a few packets dropped,
/// replayed with `decodeOpus` into a WAV, read back with Media's reader and with ffprobe.
@Suite struct PlayoutOpusDecodeTests {
    static let frames = 150  // 3 s of 20 ms frames
    static let dropped: Set<Int> = [40, 41, 90]

    /// Encoded frames, in order (in-band FEC on, as the sender's `--fec`; SILK, which carries it).
    static func encodedTone() throws -> [[UInt8]] {
        let encoder = try OpusEncoder(
            OpusEncoderConfiguration(bitrate: 32_000, application: .voip, inbandFEC: true, expectedLossPercent: 20, signal: .voice))
        var tone = ToneSource(frequencyHz: 440, durationSeconds: Double(frames) * 0.02, format: .opusMono)
        var packets: [[UInt8]] = []
        while let pcm = try tone.read(frames: 960), pcm.count == 960 {
            packets.append(try encoder.encode(pcm))
        }
        return packets
    }

    @Test func decodedToneHasTheStreamsLengthAndFrequency() async throws {
        let packets = try Self.encodedTone()
        try #require(packets.count == Self.frames)
        try await TemporaryDirectory.with(prefix: "jitterbug-playout") { directory in
            let wav = directory.appendingPathComponent("adaptive.wav").path
            var simulation = try PlayoutSimulation(
                policies: [.adaptive, .fixed(delayMilliseconds: 50)], clockRateHertz: 48_000, decodeOpus: true, wavPath: wav)
            var random = SplitMix64(seed: 440)
            for (index, payload) in packets.enumerated() where !Self.dropped.contains(index) {
                // 30 ms in transit plus up to 6 ms of jitter: no reordering, nothing late at 50 ms.
                // The packet after a loss comes as fast as the fastest: at one frame of playout
                // delay, it is then in the buffer when the lost frame's slot comes (FEC's need).
                let jitter = Self.dropped.contains(index - 1) ? 0 : Int64(random.nextUnitInterval() * 6_000_000)
                let arrival = Int64(index) * 20_000_000 + 30_000_000 + jitter
                simulation.arrival(
                    sequenceNumber: UInt16(1_000 + index), timestamp: UInt32(index * 960), marker: index == 0,
                    arrivalNanoseconds: arrival, payload: payload[...])
            }
            let results = try simulation.finish()
            let adaptive = try #require(results.first)
            #expect(adaptive.name == "adaptive")
            #expect(adaptive.lateLossPercent == 0)
            // Network loss 3 of 150 = 2 % (the fixed buffer conceals all three). The adaptive
            // buffer rebuilds a lost frame from the next packet's LBRR when that packet arrived and
            // carries it: 41 from 42 and 90 from 91; 40 (followed by the lost 41) is concealed.
            let recoverable = Self.dropped.filter { !Self.dropped.contains($0 + 1) && ((try? OpusPacket.hasLBRR(packets[$0 + 1])) ?? false) }
            try #require(!recoverable.isEmpty, "no LBRR in the packets after the losses")
            let expectedConcealed = 100 * Double(Self.dropped.count - recoverable.count) / Double(Self.frames)
            #expect(abs(adaptive.concealedPercent - expectedConcealed) < 1e-9, "\(adaptive.concealedPercent) %, \(recoverable.count) recoverable")
            #expect(results[1].concealedPercent == 2)

            let reader = try AudioFileReader(path: wav)
            #expect(reader.format == AudioFormat(sampleRate: 48_000, channels: 1))
            let samples = try reader.readAll()
            reader.close()
            #expect(samples.count == simulation.samplesWritten)
            // The stream lasts 150 frames from first to last: within one frame of that, with the
            // dropped frames concealed in place (no gap closes up the timeline).
            #expect(abs(samples.count - Self.frames * 960) <= 960, "\(samples.count) samples")
            // No gap: after the decoder's start-up frame, never 1 ms of digital silence (a
            // concealed frame is quieter, as in libopus's PLC, but not silent).
            var silentRun = 0
            var longestSilentRun = 0
            for sample in samples.dropFirst(960) {
                silentRun = sample == 0 ? silentRun + 1 : 0
                longestSilentRun = max(longestSilentRun, silentRun)
            }
            #expect(longestSilentRun < 48, "longest silent run \(longestSilentRun) samples")
            // Every frame in its slot: frames 50 ..< 88, away from the losses, equal what a
            // decoder fed every packet makes of them (a frame missing or added earlier would shift
            // them by 20 ms, 8.8 cycles of the tone, and the SNR would collapse).
            let reference = try Self.decodedWithoutLoss(packets)
            let window = (50 * 960)..<(88 * 960)
            let snr = SignalAnalysis.snr(reference: Array(reference[window]), test: Array(samples[window]))
            #expect(snr > 20, "SNR \(snr) dB")
            let shifted = SignalAnalysis.snr(reference: Array(reference[window]), test: Array(samples[(51 * 960)..<(89 * 960)]))
            #expect(shifted < 5, "SNR one frame off \(shifted) dB")
            let frequency = SignalAnalysis.dominantFrequency(samples: samples, format: .opusMono)
            #expect(abs(frequency - 440) < 2, "\(frequency) Hz")

            if let ffprobe = ExternalProgram.which("ffprobe") {
                let probe = try CommandRunner.run(
                    ffprobe, ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=sample_rate,channels,duration",
                              "-of", "default=noprint_wrappers=1", wav])
                #expect(probe.exitCode == 0)
                let fields = Dictionary(
                    probe.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
                        let parts = line.split(separator: "=", maxSplits: 1)
                        return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
                    }, uniquingKeysWith: { first, _ in first })
                #expect(fields["sample_rate"] == "48000")
                #expect(fields["channels"] == "1")
                let duration = try #require(fields["duration"].flatMap(Double.init))
                #expect(abs(duration - Double(samples.count) / 48_000) < 0.001)
                #expect(abs(duration - 3.0) <= 0.02)
            }
        }
    }

    /// Every packet decoded in order by a fresh decoder: the loss-free reference.
    static func decodedWithoutLoss(_ packets: [[UInt8]]) throws -> [Int16] {
        let decoder = try OpusDecoder(sampleRate: 48_000, channels: 1)
        return try packets.flatMap { try decoder.decode($0) }
    }

    @Test func unwritableWAVFailsAtCreation() {
        #expect(throws: (any Error).self) {
            try PlayoutSimulation(policies: [.adaptive], clockRateHertz: 48_000, decodeOpus: true, wavPath: "/nonexistent-dir/x.wav")
        }
    }

    /// Opus DTX as our sender does it: 1 s of tone, 1 s of silence, 1 s of tone; frames the
    /// encoder marks DTX are not sent (sequence numbers stay consecutive, timestamps jump; libopus
    /// still sends a packet every 400 ms of silence). Constant 30 ms transit. The silence is no
    /// loss: nothing late or concealed, and the WAV keeps the stream's 3 s with the silence in place.
    @Test func dtxGapsAreNotLoss() async throws {
        let encoder = try OpusEncoder(OpusEncoderConfiguration(application: .voip, dtx: true))
        var tone = ToneSource(frequencyHz: 440, durationSeconds: nil, format: .opusMono)
        var sent: [(frame: Int, payload: [UInt8])] = []
        for frame in 0..<Self.frames {
            guard let pcm = try tone.read(frames: 960) else { break }
            let payload = try encoder.encode((50..<100).contains(frame) ? [Int16](repeating: 0, count: 960) : pcm)
            if !encoder.isDTXFrame(payload) { sent.append((frame, payload)) }
        }
        try #require(sent.count < Self.frames - 20, "DTX suppressed only \(Self.frames - sent.count) frames")
        try await TemporaryDirectory.with(prefix: "jitterbug-playout") { directory in
            let wav = directory.appendingPathComponent("dtx.wav").path
            var simulation = try PlayoutSimulation(
                policies: [.adaptive, .fixed(delayMilliseconds: 50)], clockRateHertz: 48_000, decodeOpus: true, wavPath: wav)
            for (index, packet) in sent.enumerated() {
                simulation.arrival(
                    sequenceNumber: UInt16(index), timestamp: UInt32(packet.frame * 960),
                    marker: index > 0 && sent[index - 1].frame != packet.frame - 1,
                    arrivalNanoseconds: Int64(packet.frame) * 20_000_000 + 30_000_000, payload: packet.payload[...])
            }
            let results = try simulation.finish()
            #expect(results.allSatisfy { $0.lateLossPercent == 0 && $0.concealedPercent == 0 }, "\(results)")
            let reader = try AudioFileReader(path: wav)
            let samples = try reader.readAll()
            reader.close()
            #expect(abs(samples.count - Self.frames * 960) <= 960, "\(samples.count) samples")
            // The tone in its place after the silence: 440 Hz over the last second.
            let tail = Array(samples.suffix(48_000 - 960))
            #expect(abs(SignalAnalysis.dominantFrequency(samples: tail, format: .opusMono) - 440) < 2)
            // And silence (well under the tone's level) in the middle of the gap.
            let middle = Array(samples[(70 * 960)..<(80 * 960)])
            #expect(SignalAnalysis.rms(middle) < 100, "RMS \(SignalAnalysis.rms(middle))")
        }
    }
}
