import JitterbugSupport
import Reports
import Telemetry
import RTP

/// Sends telemetry frames as RTP (payload type 100 by default, 90 kHz clock): every
/// `samplesPerFrame` samples from the source make one frame, sent the moment its last sample's
/// capture time comes (absolute deadlines on `clock`, like the audio sender), with the schema
/// announced inline in the first frame and then periodically so late joiners can decode.
///
/// Capture times are wall-clock stamps the source made; they are mapped onto `clock` by one
/// wall/monotonic pairing at the start of the run. (Sending one frame time after the frame's
/// start, as before, held every sample back by one sample period, and a source created before the
/// sockets were ready added that setup time too: 50 + ~9 ms of "latency" at 20 Hz that the network
/// never caused.)
public struct TelemetrySender: Sendable {
    public struct Configuration: Sendable {
        public var rate: TelemetryRate
        /// Samples per RTP packet, 1...1000.
        public var samplesPerFrame: Int
        public var payloadType: UInt8
        /// Stop after this much time; `nil` runs until the source ends.
        public var duration: Duration?
        public var packetizer: TelemetryPacketizerConfiguration

        public init(
            rate: TelemetryRate, samplesPerFrame: Int = 1, payloadType: UInt8 = TelemetryPayloadCodec.defaultPayloadType,
            duration: Duration? = nil
        ) {
            self.rate = rate
            self.samplesPerFrame = samplesPerFrame
            self.payloadType = payloadType
            self.duration = duration
            self.packetizer = TelemetryPacketizerConfiguration(payloadType: payloadType)
        }

        /// Time covered by one frame.
        public var frameDuration: Duration {
            .microseconds(rate.offsetMicroseconds(sampleIndex: Int64(samplesPerFrame)))
        }
    }

    public let configuration: Configuration

    public init(configuration: Configuration) { self.configuration = configuration }

    /// Streams `source` until it ends or the duration is reached.
    public func run<C: Clock, Random: RandomNumberGenerator>(
        source: inout any TelemetrySource,
        clock: C,
        random: inout Random,
        wallClock: () -> Duration = WallClock.now,
        onPacket: (RTPPacket) -> Void = { _ in },
        transmit: ([UInt8]) async throws -> Void
    ) async throws -> SenderSummary where C.Duration == Duration {
        var packetizer = RTPPacketizer(
            payloadType: configuration.payloadType, clockRate: configuration.packetizer.clockRateHz, generator: &random)
        var frames = TelemetryPacketizer(schema: source.schema, configuration: configuration.packetizer)
        var summary = SenderSummary()
        summary.ssrc = packetizer.ssrc
        let start = clock.now
        let wallStartMicroseconds = wallClock().wholeMicroseconds
        let pacer = FramePacer(frameDuration: max(configuration.frameDuration, .microseconds(1)))
        let limit = configuration.duration.map { pacer.frameCount(for: $0) }
        var index = 0
        while limit.map({ index < $0 }) ?? true {
            guard let samples = try source.next(count: configuration.samplesPerFrame), !samples.isEmpty else { break }
            // A frame leaves when its last sample has been captured (at once if that is past).
            let lastCapture = samples[samples.count - 1].captureMicroseconds
            let due = Duration.microseconds(max(0, lastCapture - wallStartMicroseconds))
            try await clock.sleep(until: start.advanced(by: due), tolerance: nil)
            let offset = start.duration(to: clock.now)
            let frame = try frames.makeFrame(samples: samples, now: offset)
            let packet = packetizer.makePacket(
                payload: frame.payload, timestampOffsetSamples: frame.rtpTimestamp, marker: frame.schemaInline,
                extensions: [])
            let bytes = packet.serialized()
            summary.maxLatenessMilliseconds = max(summary.maxLatenessMilliseconds, max(.zero, offset - due).milliseconds)
            onPacket(packet)
            try await transmit(bytes)
            summary.frames += 1
            summary.packets += 1
            summary.bytes += bytes.count
            index += 1
        }
        summary.durationSeconds = pacer.deadline(ofFrame: index).seconds
        return summary
    }
}
