import JitterbugSupport
import Opus
import Reports
import Media
import RTP

/// Reads audio frames, encodes them with Opus, packetizes them as RTP and hands each packet to
/// `transmit` at its frame deadline on `clock` (absolute deadlines: no drift).
///
/// The transport is a closure so the same sender drives UDP, TCP, an impairment stage or a test.
public struct AudioSender: Sendable {
    public let configuration: AudioSenderConfiguration

    public init(configuration: AudioSenderConfiguration) {
        self.configuration = configuration
    }

    /// Streams `source` until it ends or `configuration.duration` is reached.
    /// - Parameters:
    ///   - clock: paces frames; inject a test clock to check the deadline math.
    ///   - wallClock: time since the Unix epoch for the send-time extension.
    ///   - random: draws the SSRC, first sequence number and first timestamp.
    ///   - transmit: sends one serialized RTP packet.
    public func run<C: Clock, Source: AudioSource, Random: RandomNumberGenerator>(
        source: inout Source,
        clock: C,
        wallClock: () -> Duration = WallClock.now,
        random: inout Random,
        onPacket: (RTPPacket) -> Void = { _ in },
        transmit: ([UInt8]) async throws -> Void
    ) async throws -> SenderSummary where C.Duration == Duration {
        let config = configuration.encoder
        let encoder = try OpusEncoder(config)
        let pacer = FramePacer(frameDuration: config.frameDuration.duration)
        let samplesPerFrame = config.frameDuration.samples(atSampleRate: config.sampleRate)
        let ticksPerFrame = UInt32(config.frameDuration.samples(atSampleRate: AudioSenderConfiguration.opusClockRate))
        let frameLimit = configuration.duration.map { pacer.frameCount(for: $0) }
        var packetizer = RTPPacketizer(
            payloadType: configuration.payloadType,
            clockRate: AudioSenderConfiguration.opusClockRate,
            generator: &random)
        var summary = SenderSummary()
        summary.ssrc = packetizer.ssrc
        var talkspurtStart = true
        let start = clock.now
        var frameIndex = 0
        while frameLimit.map({ frameIndex < $0 }) ?? true {
            guard var pcm = try source.read(frames: samplesPerFrame) else { break }
            if pcm.count < samplesPerFrame * config.channels {
                // The last partial frame is padded with silence: Opus takes whole frames only.
                pcm.append(contentsOf: repeatElement(0, count: samplesPerFrame * config.channels - pcm.count))
            }
            let payload = try encoder.encode(pcm)
            summary.frames += 1
            try await clock.sleep(until: start.advanced(by: pacer.deadline(ofFrame: frameIndex)), tolerance: nil)
            let timestamp = UInt32(truncatingIfNeeded: frameIndex) &* ticksPerFrame
            frameIndex += 1
            if encoder.isDTXFrame(payload) {
                // RFC 7587 §3.1.3: during DTX nothing is sent; the next packet starts a talkspurt.
                summary.dtxFramesSuppressed += 1
                talkspurtStart = true
                continue
            }
            var extensions: [RTPHeaderExtensionElement] = []
            if let id = configuration.sendTimeExtensionID {
                extensions.append(NTPTimestamp(sinceUnixEpoch: wallClock()).ntp64ExtensionElement(id: id))
            }
            let packet = packetizer.makePacket(
                payload: payload, timestampOffsetSamples: timestamp, marker: talkspurtStart, extensions: extensions)
            talkspurtStart = false
            let bytes = packet.serialized()
            let lateness = pacer.lateness(ofFrame: frameIndex - 1, sentAt: start.duration(to: clock.now))
            summary.maxLatenessMilliseconds = max(summary.maxLatenessMilliseconds, lateness.milliseconds)
            onPacket(packet)
            try await transmit(bytes)
            summary.packets += 1
            summary.bytes += bytes.count
        }
        summary.durationSeconds = pacer.deadline(ofFrame: frameIndex).seconds
        return summary
    }
}
