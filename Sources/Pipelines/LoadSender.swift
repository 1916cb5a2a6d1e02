import JitterbugSupport
import Opus
import Reports
import Media
import RTP

/// Drives many RTP streams from one process for load tests: Opus frames are encoded once and
/// reused, so the sender is not the bottleneck. Streams start staggered across one frame time
/// (stream s sends at k × frame + s × frame / N), or, unpaced, as fast as batches go out.
public struct LoadSender: Sendable {
    public struct Configuration: Sendable {
        /// Concurrent streams, 1...10000, each with its own SSRC and sequence numbers.
        public var streams: Int
        public var encoder: OpusEncoderConfiguration
        public var payloadType: UInt8
        public var duration: Duration
        /// Send as fast as possible instead of on the frame schedule (`--rate max`).
        public var unpaced: Bool
        /// Datagrams handed to the transport per flush (so NIO can use sendmmsg).
        public var batchSize: Int

        public init(
            streams: Int, encoder: OpusEncoderConfiguration = OpusEncoderConfiguration(), payloadType: UInt8 = 111,
            duration: Duration, unpaced: Bool = false, batchSize: Int = 64
        ) {
            self.streams = streams
            self.encoder = encoder
            self.payloadType = payloadType
            self.duration = duration
            self.unpaced = unpaced
            self.batchSize = batchSize
        }
    }

    public let configuration: Configuration

    public init(configuration: Configuration) { self.configuration = configuration }

    /// Frames encoded once and reused: one second of a tone, at constant bit rate, so that every
    /// datagram of a run has the same size and a batch can leave as few UDP GSO sends (VBR frames
    /// differ by a few bytes, which would leave nothing to coalesce).
    func encodedFrames() throws -> [[UInt8]] {
        var settings = configuration.encoder
        settings.constantBitrate = true
        let encoder = try OpusEncoder(settings)
        var tone = ToneSource(
            frequencyHz: 440, durationSeconds: nil,
            format: AudioFormat(sampleRate: settings.sampleRate, channels: settings.channels))
        let count = max(1, Int(Duration.seconds(1) / settings.frameDuration.duration))
        return try (0..<count).map { _ in
            try encoder.encode(try tone.read(frames: settings.frameSamples) ?? [])
        }
    }

    /// Sends until the duration has passed; returns packets and bytes handed to `transmit`.
    public func run<Random: RandomNumberGenerator>(
        clock: ContinuousClock = ContinuousClock(), random: inout Random, wallClock: () -> Duration = WallClock.now,
        transmit: ([[UInt8]]) async throws -> Void
    ) async throws -> SenderSummary {
        let frames = try encodedFrames()
        let streams = max(1, configuration.streams)
        var packetizers = (0..<streams).map { _ in
            RTPPacketizer(payloadType: configuration.payloadType, clockRate: 48_000, generator: &random)
        }
        let frame = configuration.encoder.frameDuration.duration
        let ticksPerFrame = UInt32(configuration.encoder.frameDuration.samples(atSampleRate: 48_000))
        var summary = SenderSummary()
        summary.ssrc = packetizers.first?.ssrc ?? 0
        var perStream = packetizers.map { SenderStreamCount(ssrc: $0.ssrc) }
        let start = clock.now
        var packetIndex = 0
        var batch: [[UInt8]] = []
        batch.reserveCapacity(configuration.batchSize)
        while true {
            let now = start.duration(to: clock.now)
            if now >= configuration.duration { break }
            // Packet g belongs to stream g % N, frame g / N, due at frame × (g / N) + frame × s / N.
            while batch.count < configuration.batchSize {
                let stream = packetIndex % streams
                let frameIndex = packetIndex / streams
                let due = frame * frameIndex + frame * stream / streams
                guard configuration.unpaced || due <= now else { break }
                let sendTime = NTPTimestamp(sinceUnixEpoch: wallClock()).ntp64ExtensionElement()
                let packet = packetizers[stream].makePacket(
                    payload: frames[frameIndex % frames.count],
                    timestampOffsetSamples: UInt32(truncatingIfNeeded: frameIndex) &* ticksPerFrame,
                    marker: frameIndex == 0, extensions: [sendTime])
                let bytes = packet.serialized()
                perStream[stream].packets += 1
                perStream[stream].bytes += bytes.count
                batch.append(bytes)
                packetIndex += 1
            }
            if !batch.isEmpty {
                try await transmit(batch)
                summary.packets += batch.count
                summary.bytes += batch.reduce(0) { $0 + $1.count }
                batch.removeAll(keepingCapacity: true)
                if configuration.unpaced || batch.count == configuration.batchSize { continue }
            }
            if !configuration.unpaced {
                let stream = packetIndex % streams
                let due = frame * (packetIndex / streams) + frame * stream / streams
                try await clock.sleep(until: start.advanced(by: min(due, configuration.duration)))
            }
        }
        summary.frames = packetIndex
        summary.streams = perStream
        summary.durationSeconds = start.duration(to: clock.now).seconds
        return summary
    }
}
