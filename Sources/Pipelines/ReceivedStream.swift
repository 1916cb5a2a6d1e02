import Opus
import Telemetry
import JitterBuffer
import Media
import RTP
import Stats

/// One stream at a receiver (source address + SSRC): RFC 3550 statistics, and once it passed
/// A.1 probation its playout path (Opus audio or telemetry) and latency figures.
struct ReceivedStream {
    let key: StreamKey
    /// Opus or telemetry, decided from the stream's first packet (``MediaKind/of(payloadType:payload:mapping:)``).
    let kind: MediaKind
    var statistics: RTPReceptionStatistics
    /// Packets held during A.1 probation (as the statistics hold them), played once valid.
    var probation: [JitterBufferPacket] = []
    var playout: AudioPlayout?
    var telemetry: TelemetryPlayout?
    /// Delay figures at 1 % precision: about 19 KiB each once the first send time arrives
    /// (3 digits would cost 136 KiB per histogram, per stream).
    var oneWayDelay = LatencyHistogram(precision: .twoDigits)
    var delayVariation = DelayVariation(precision: .twoDigits)
    /// Only the primary stream's is filled (interval lines report that stream).
    var intervalLatency = LatencyHistogram(precision: .twoDigits)
    var lastArrival: Duration = .zero
    var lastWallClock: Duration = .zero
    /// The transport of the latest packet, and packets received by UDP [0] and TCP [1].
    var lastPath: ReceivePath = .udp
    var packetsByTransport = [0, 0]
    /// Packets with no payload, turned away before the statistics.
    var emptyPayloadPackets = 0
    /// Bytes (RTP and RTCP) from this stream's sender since its last receiver report: a report
    /// goes only if it is no larger, so a spoofed source can never make us amplify (issue 8).
    var bytesSinceReport = 0
    /// Set when the sender said BYE for this SSRC (RFC 3550 §6.6).
    var goodbyeAt: Duration?

    init(key: StreamKey, kind: MediaKind) {
        self.key = key
        self.kind = kind
        self.statistics = RTPReceptionStatistics(clockRateHertz: kind.clockRateHertz)
    }

    /// Set once the playout path exists (after probation; never unset). Stored, not
    /// `playout != nil || telemetry != nil`: testing an optional of a struct this large
    /// (about 1.5 KiB) copies it first, and these are read on every packet and tick.
    private(set) var isDecoding = false
    /// Set once the playout path is telemetry (see ``isDecoding``). It equals
    /// `isDecoding && kind == .telemetry`, but stored: as a computed property, read in the
    /// mutating `tick`, Swift copied the whole stream (3.8 KiB, with its retains) to call it.
    private(set) var isTelemetryPlayout = false

    /// Sizes the playout path from the packets seen so far (Opus TOC, or telemetry timestamps).
    mutating func startPlayout(current: RTPPacketView, configuration: AudioReceiverConfiguration) throws {
        if kind == .telemetry {
            let first = probation.first?.timestamp ?? current.timestamp
            var jitter = configuration.jitterBuffer
            jitter.mode = .telemetry(deliverLate: configuration.telemetryDeliverLate)
            jitter.clockRate = 90_000
            let microseconds = Int64(current.timestamp &- first) * 1_000_000 / 90_000
            // The buffer's frame limits are 2.5 ms ... 120 ms; slower telemetry uses the bound.
            jitter.frameDuration = .microseconds(min(max(microseconds, 2_500), 120_000))
            jitter.initialDelay = min(jitter.initialDelay, jitter.frameDuration)
            telemetry = TelemetryPlayout(jitterBuffer: try JitterBuffer(configuration: jitter))
            isDecoding = true
            isTelemetryPlayout = true
            return
        }
        let payload = probation.first?.payload ?? Array(current.payload)
        let rate = configuration.outputSampleRate
        let samples = (try? OpusPacket.sampleCount(payload, sampleRate: 48_000)) ?? 960
        let channels = configuration.outputChannels ?? ((try? OpusPacket.channelCount(payload)) ?? 1)
        var jitter = configuration.jitterBuffer
        jitter.clockRate = 48_000
        jitter.frameDuration = .microseconds(Int64(samples) * 1_000_000 / 48_000)
        // Start from one frame of delay: growing later costs one stretched frame, while starting
        // high and shrinking would discard real frames of a clean stream.
        jitter.initialDelay = min(jitter.initialDelay, jitter.frameDuration)
        playout = AudioPlayout(
            jitterBuffer: try JitterBuffer(configuration: jitter),
            decoder: configuration.decodeAudio ? try OpusDecoder(sampleRate: rate, channels: channels) : nil,
            channels: channels, frameSamples: samples * rate / 48_000)
        isDecoding = true
    }

    /// Hands one packet to the playout path; late arrivals are counted in the statistics.
    mutating func insert(_ packet: JitterBufferPacket) {
        packet.payload.withUnsafeBytes { insert(packet, payload: $0) }
    }

    /// ``insert(_:)`` with the payload borrowed from the datagram (`packet.payload` ignored).
    mutating func insert(_ packet: JitterBufferPacket, payload: UnsafeRawBufferPointer) {
        if isTelemetryPlayout {
            // The pairing of the datagram being handled now (both clocks read together), fresh
            // every packet: `packet` may be one held since probation, whose arrival is older
            // than `lastWallClock`, so pairing those two would shift every arrival by the wait.
            telemetry?.wallMinusMonotonic = lastWallClock - lastArrival
            if case .late = telemetry?.jitterBuffer.insert(packet, payload: payload) { statistics.recordLatePacket() }
        } else if case .late = playout?.jitterBuffer.insert(packet, payload: payload) {
            statistics.recordLatePacket()
        }
    }

    /// Records the one-way delay from the sender's send-time extension.
    mutating func recordDelay(_ delay: Duration, isPrimary: Bool) {
        oneWayDelay.record(delay)
        if isPrimary { intervalLatency.record(delay) }
        delayVariation.record(oneWayDelay: delay)
    }

    /// Plays out what is due at `now` (audio to `write` with its format, telemetry records to
    /// `telemetryOutput`). Mutating, so the receiver's tick works on the stream where it lies
    /// (a call taking the stream by value from inside the table's in-place access copies it).
    mutating func tick(
        now: Duration, wallClock: Duration, sampleRate: Int,
        write: (StreamKey, [Int16], AudioFormat) throws -> Void,
        telemetryOutput: (@Sendable (StreamKey, TelemetryRecord) -> Void)?
    ) throws {
        let key = self.key
        if isTelemetryPlayout {
            let active = goodbyeAt == nil && now - lastArrival < .seconds(1)
            try telemetry?.tick(now: now, wallClock: wallClock, sampleFreshness: active) { telemetryOutput?(key, $0) }
        }
        if let channels = playout?.channels {
            let format = AudioFormat(sampleRate: sampleRate, channels: channels)
            try playout?.tick(now: now) { try write(key, $0, format) }
        }
    }

    /// Whether the stream is over at `now`: idle for `streamIdleTimeout` (2 s while still on
    /// probation), or drained after BYE (the primary stream stays for the summary). Mutating
    /// only so it is called on the stream in place, as `tick` is.
    mutating func isFinished(now: Duration, limits: StreamLimits, isPrimary: Bool) -> Bool {
        let idle = now - lastArrival
        guard isDecoding else {
            return idle >= min(limits.streamIdleTimeout, AudioReceiverCore.probationIdleTimeout)
        }
        let drained = goodbyeAt.map { now - $0 >= limits.drainAfterGoodbye } ?? false
        return drained && !isPrimary || idle >= limits.streamIdleTimeout
    }

    /// When this stream next needs a tick: its next frame; telemetry at least every 10 ms (its
    /// freshness figures age between packets). `nil` before playout exists (probation).
    /// Mutating only so the playout path is read where it lies: reading through an optional of
    /// a borrowed stream copies the optional's payload (1.5 KiB) and the jitter buffer (1 KiB)
    /// first, on every packet (the #17 profile: `memmove` 15 % at 3,000 streams).
    mutating func nextTickTime(now: Duration) -> Duration? {
        guard isDecoding else { return nil }
        if isTelemetryPlayout {
            let tenMilliseconds = now + .milliseconds(10)
            return min(telemetry?.nextPlayoutTime() ?? tenMilliseconds, tenMilliseconds)
        }
        return playout?.nextPlayoutTime()
    }

    mutating func finish() {
        playout?.finish()
        telemetry?.jitterBuffer.finish()
    }
}
