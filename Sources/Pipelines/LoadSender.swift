import JitterbugSupport
import Opus
import Reports
import Media
import RTP

/// Drives many RTP streams from one process for load tests: Opus frames are encoded once and
/// reused, so the sender is not the bottleneck. Each stream sends one packet per frame time, or
/// `rate` packets per second, staggered evenly (stream s sends its packet k at
/// k / rate + s / (N × rate)) on absolute deadlines (``PacketPacer``), a late wake-up sending all
/// that is due in batched writes; or, unpaced, as fast as batches go out.
///
/// Every packet carries one frame: RTP timestamps advance by the frame duration per packet
/// whatever the rate, so at a rate other than one per frame time the media clock runs faster or
/// slower than real time (use `--frame 2.5ms` for 400 packets/s per stream in real time).
public struct LoadSender: Sendable {
    public struct Configuration: Sendable {
        /// Concurrent streams, 1...10000, each with its own SSRC and sequence numbers.
        public var streams: Int
        public var encoder: OpusEncoderConfiguration
        public var payloadType: UInt8
        public var duration: Duration
        /// Send as fast as possible instead of on a schedule (`--rate max`).
        public var unpaced: Bool
        /// Packets per second per stream (`--rate R`); nil: one per frame time.
        public var rate: PacketRate?
        /// Datagrams handed to the transport per flush (so NIO can use sendmmsg).
        public var batchSize: Int

        public init(
            streams: Int, encoder: OpusEncoderConfiguration = OpusEncoderConfiguration(), payloadType: UInt8 = 111,
            duration: Duration, unpaced: Bool = false, rate: PacketRate? = nil, batchSize: Int = 64
        ) {
            self.streams = streams
            self.encoder = encoder
            self.payloadType = payloadType
            self.duration = duration
            self.unpaced = unpaced
            self.rate = rate
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

    /// The schedule of a paced run: `rate` per stream, or one packet per frame time.
    public var pacer: PacketPacer {
        let streams = max(1, configuration.streams)
        if let rate = configuration.rate {
            return PacketPacer(
                streams: streams, rate: rate, duration: configuration.duration, maxBatch: configuration.batchSize)
        }
        return PacketPacer(
            streams: streams, onePer: configuration.encoder.frameDuration.duration, duration: configuration.duration,
            maxBatch: configuration.batchSize)
    }

    /// Sends until the duration has passed (unpaced) or every scheduled packet is out (paced);
    /// returns packets and bytes handed to `transmit`.
    public func run<Random: RandomNumberGenerator>(
        clock: ContinuousClock = ContinuousClock(), random: inout Random, wallClock: () -> Duration = WallClock.now,
        transmit: ([[UInt8]]) async throws -> Void
    ) async throws -> SenderSummary {
        let frames = try encodedFrames()
        let streams = max(1, configuration.streams)
        var packetizers = (0..<streams).map { _ in
            RTPPacketizer(payloadType: configuration.payloadType, clockRate: 48_000, generator: &random)
        }
        let ticksPerFrame = UInt32(configuration.encoder.frameDuration.samples(atSampleRate: 48_000))
        var summary = SenderSummary()
        summary.ssrc = packetizers.first?.ssrc ?? 0
        var perStream = packetizers.map { SenderStreamCount(ssrc: $0.ssrc) }
        var packetIndex = 0
        var batch: [[UInt8]] = []
        batch.reserveCapacity(configuration.batchSize)
        // Packet g belongs to stream g % N and is that stream's packet (frame) g / N.
        func append(packets: Int) {
            for _ in 0..<packets {
                let stream = packetIndex % streams
                let frameIndex = packetIndex / streams
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
        }
        func flush() async throws {
            guard !batch.isEmpty else { return }
            try await transmit(batch)
            summary.packets += batch.count
            summary.bytes += batch.reduce(0) { $0 + $1.count }
            batch.removeAll(keepingCapacity: true)
        }
        let start = clock.now
        if configuration.unpaced {
            while start.duration(to: clock.now) < configuration.duration {
                append(packets: max(1, configuration.batchSize))
                try await flush()
            }
        } else {
            var pacer = self.pacer
            pacing: while true {
                switch pacer.step(at: start.duration(to: clock.now)) {
                case .send(let packets):
                    append(packets: packets)
                    try await flush()
                case .wait(let deadline):
                    try await clock.sleep(until: start.advanced(by: deadline))
                case .finished:
                    break pacing
                }
            }
        }
        summary.frames = packetIndex
        summary.streams = perStream
        summary.durationSeconds = start.duration(to: clock.now).seconds
        return summary
    }
}
