import JitterbugSupport
import Opus
import Media
import RTP
import Pipelines
import Synchronization
import Testing

@Suite struct AudioSenderTests {
    /// 10 minutes of 20 ms frames leave as 30,000 packets spanning 600 s ± 50 ms, even though
    /// every wake-up overshoots its deadline by 1 ms (absolute deadlines, no accumulated drift).
    @Test func tenMinutesOfFramesDoNotDrift() async throws {
        let clock = SteppingClock(overshoot: .milliseconds(1))
        let encoder = OpusEncoderConfiguration(bitrate: 16_000, complexity: 0)
        let sender = AudioSender(configuration: AudioSenderConfiguration(encoder: encoder, duration: .seconds(600)))
        var source = SilenceSource(durationSeconds: nil, format: .opusMono)
        var random = SplitMix64(seed: 7)
        let sendTimes = Mutex<[Duration]>([])
        let timestamps = Mutex<[UInt32]>([])
        let summary = try await sender.run(
            source: &source, clock: clock, random: &random,
            onPacket: { packet in timestamps.withLock { $0.append(packet.header.timestamp) } }
        ) { _ in
            sendTimes.withLock { $0.append(clock.now.offset) }
        }
        let times = sendTimes.withLock { $0 }
        #expect(summary.packets == 30_000)
        #expect(times.count == 30_000)
        let span = (times.last ?? .zero) - (times.first ?? .zero) + .milliseconds(20)
        #expect(abs((span - .seconds(600)).milliseconds) <= 50)
        #expect(summary.maxLatenessMilliseconds <= 1.001)
        let stamps = timestamps.withLock { $0 }
        #expect(zip(stamps, stamps.dropFirst()).allSatisfy { $1 &- $0 == 960 })
    }

    /// RTP timestamps run at 48 kHz whatever the input rate (RFC 7587 §4.1), the first packet has
    /// the marker bit, and the sequence numbers are consecutive.
    @Test func timestampsUseTheOpusClockAtAnyInputRate() async throws {
        let format = AudioFormat(sampleRate: 16_000, channels: 1)
        let encoder = OpusEncoderConfiguration(sampleRate: 16_000, frameDuration: .ms10, bitrate: 16_000)
        let sender = AudioSender(configuration: AudioSenderConfiguration(encoder: encoder, payloadType: 100))
        var source = ToneSource(frequencyHz: 440, durationSeconds: 0.1, format: format)
        var random = SplitMix64(seed: 1)
        let packets = Mutex<[RTPPacket]>([])
        let summary = try await sender.run(
            source: &source, clock: SteppingClock(), random: &random,
            onPacket: { p in packets.withLock { $0.append(p) } }
        ) { bytes in
            #expect((try? RTPPacket(parsing: bytes))?.header.payloadType == 100)
        }
        let sent = packets.withLock { $0 }
        #expect(summary.packets == 10)
        #expect(sent.first?.header.marker == true)
        #expect(sent.dropFirst().allSatisfy { !$0.header.marker })
        #expect(zip(sent, sent.dropFirst()).allSatisfy { $1.header.timestamp &- $0.header.timestamp == 480 })
        #expect(zip(sent, sent.dropFirst()).allSatisfy { $1.header.sequenceNumber &- $0.header.sequenceNumber == 1 })
        #expect(sent.allSatisfy { !$0.header.extensions.isEmpty })
    }

    /// With DTX, digital silence is mostly not sent.
    @Test func dtxSuppressesSilence() async throws {
        let encoder = OpusEncoderConfiguration(application: .voip, dtx: true)
        let sender = AudioSender(configuration: AudioSenderConfiguration(encoder: encoder))
        var source = SilenceSource(durationSeconds: 2, format: .opusMono)
        var random = SplitMix64(seed: 3)
        let summary = try await sender.run(source: &source, clock: SteppingClock(), random: &random) { _ in }
        #expect(summary.frames == 100)
        #expect(summary.dtxFramesSuppressed > 50)
        #expect(summary.packets == summary.frames - summary.dtxFramesSuppressed)
    }
}

