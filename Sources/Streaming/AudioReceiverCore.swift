import Codec
import JitterBuffer
import Media
import NIOCore
import RTP
import Stats

/// The receiver's state machine: datagrams in (with their arrival time), decoded audio out.
///
/// Demultiplexes by (source address, SSRC) into per-stream statistics; the first stream to pass
/// RFC 3550 A.1 probation is decoded through the jitter buffer, others are only counted. No I/O
/// and no clock: the runner passes times in and hands the output to its sink. Not thread-safe:
/// the runner keeps it behind a mutex.
public final class AudioReceiverCore {
    public let configuration: AudioReceiverConfiguration
    private let write: ([Int16], AudioFormat) throws -> Void
    private var streams: [StreamKey: StreamState] = [:]
    private(set) var primary: StreamKey?
    private(set) var playout: AudioPlayout?
    private(set) var telemetry: TelemetryPlayout?
    private var rejections = RejectionCounters()
    private var otherStreamPackets = 0
    private(set) var oneWayDelay = LatencyHistogram()
    private var delayVariation = DelayVariation()
    var reporting = ReceiverReporting(ssrc: UInt32.random(in: 1...UInt32.max))
    /// Arrival time of the last datagram accepted into a stream.
    public private(set) var lastArrival: Duration?
    private var lastWallClock: Duration = .zero

    /// - Parameter write: receives decoded interleaved samples in playout order, with their format
    ///   (fixed once the first stream is chosen).
    public init(configuration: AudioReceiverConfiguration, write: @escaping ([Int16], AudioFormat) throws -> Void) {
        self.configuration = configuration
        self.write = write
    }

    /// Per-stream bookkeeping; only the primary stream has a playout path.
    struct StreamState {
        var statistics: RTPReceptionStatistics
        /// Packets seen during A.1 probation, replayed into the jitter buffer once valid.
        var probation: [JitterBufferPacket] = []
    }

    /// Handles one datagram that arrived at `arrival` (monotonic offset) / `wallClock` (Unix time).
    public func receive(_ bytes: [UInt8], from source: SocketAddress, arrival: Duration, wallClock: Duration) throws {
        guard bytes.count <= configuration.maxPacketBytes else { return rejections.count("oversize") }
        if bytes.count >= 2, RTCPCompound.isRTCP(bytes) {
            return receiveRTCP(bytes, from: source, arrival: arrival, wallClock: wallClock)
        }
        let packet: RTPPacket
        do {
            packet = try RTPPacket(parsing: bytes, limits: RTPParseLimits(maxPacketBytes: configuration.maxPacketBytes))
        } catch {
            return rejections.count(error.reason)
        }
        let header = packet.header
        if let expected = configuration.payloadType, header.payloadType != expected {
            return rejections.count("unexpected_payload_type")
        }
        if configuration.payloadType == nil, !(96...127).contains(header.payloadType) {
            return rejections.count("unexpected_payload_type")
        }
        let key = StreamKey(source: source, ssrc: header.ssrc)
        guard var stream = streams[key] ?? newStream(for: key, payloadType: header.payloadType) else {
            return rejections.count("stream_table_full")
        }
        defer { streams[key] = stream }
        lastArrival = arrival
        lastWallClock = wallClock
        let verdict = stream.statistics.record(
            sequenceNumber: header.sequenceNumber, rtpTimestamp: header.timestamp,
            arrival: arrival, payloadBytes: packet.payload.count)
        if primary == nil, stream.statistics.isValid { try promote(key, current: packet) }
        guard key == primary else {
            if verdict == .probation, stream.probation.count < RTPReceptionStatistics.minimumSequential {
                stream.probation.append(bufferPacket(packet, arrival: arrival))
            } else {
                otherStreamPackets += 1
            }
            return
        }
        var sendTime: Duration?
        if let id = configuration.sendTimeExtensionID,
            let element = header.extensions.first(where: { $0.id == id }),
            let sent = NTPTimestamp(ntp64Element: element)
        {
            sendTime = sent.sinceUnixEpoch
            oneWayDelay.record(wallClock - sent.sinceUnixEpoch)
            reporting.intervalLatency.record(wallClock - sent.sinceUnixEpoch)
            delayVariation.record(oneWayDelay: wallClock - sent.sinceUnixEpoch)
        }
        configuration.packetTrace?(
            PacketTraceRecord(
                sequenceNumber: header.sequenceNumber, rtpTimestamp: header.timestamp, arrivalWallClock: wallClock,
                sendWallClock: sendTime))
        let queued = stream.probation
        stream.probation.removeAll()
        for early in queued { insert(early, into: &stream) }
        insert(bufferPacket(packet, arrival: arrival), into: &stream)
    }

    private func newStream(for key: StreamKey, payloadType: UInt8) -> StreamState? {
        guard streams.count < configuration.maxStreams else { return nil }
        // Opus uses a 48 kHz RTP clock (RFC 7587); our telemetry uses 90 kHz.
        let clock = payloadType == configuration.telemetryPayloadType ? 90_000 : 48_000
        return StreamState(statistics: RTPReceptionStatistics(clockRateHertz: clock))
    }

    private func bufferPacket(_ packet: RTPPacket, arrival: Duration) -> JitterBufferPacket {
        JitterBufferPacket(
            ssrc: packet.header.ssrc, sequenceNumber: packet.header.sequenceNumber,
            timestamp: packet.header.timestamp, arrival: arrival, payload: packet.payload,
            hasFEC: (try? OpusPacket.hasLBRR(packet.payload)) ?? false,
            // A 1-2 byte Opus packet is a DTX frame (RFC 7587 §3.1.3): silence follows.
            isDTX: packet.payload.count <= 2)
    }

    /// Makes `key` the decoded stream: sizes the jitter buffer and decoder from its packets.
    private func promote(_ key: StreamKey, current: RTPPacket) throws {
        primary = key
        _ = reporting.rtcp.registerSource(key.ssrc)
        if current.header.payloadType == configuration.telemetryPayloadType {
            let first = streams[key]?.probation.first?.timestamp ?? current.header.timestamp
            return try startTelemetry(ticksPerFrame: current.header.timestamp &- first)
        }
        guard let first = streams[key]?.probation.first ?? nil else { return }
        try startPlayout(with: first.payload)
    }

    /// Telemetry playout; the frame time comes from the first two packets' 90 kHz timestamps.
    private func startTelemetry(ticksPerFrame: UInt32) throws {
        var jitter = configuration.jitterBuffer
        jitter.mode = .telemetry(deliverLate: configuration.telemetryDeliverLate)
        jitter.clockRate = 90_000
        let microseconds = Int64(ticksPerFrame) * 1_000_000 / 90_000
        // The buffer's frame limits are 2.5 ms ... 120 ms; slower telemetry uses the bound.
        jitter.frameDuration = .microseconds(min(max(microseconds, 2_500), 120_000))
        jitter.initialDelay = min(jitter.initialDelay, jitter.frameDuration)
        telemetry = TelemetryPlayout(jitterBuffer: try JitterBuffer(configuration: jitter))
    }

    private func startPlayout(with payload: [UInt8]) throws {
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
            decoder: try OpusDecoder(sampleRate: rate, channels: channels),
            frameSamples: samples * rate / 48_000)
    }

    private func insert(_ packet: JitterBufferPacket, into stream: inout StreamState) {
        if telemetry != nil {
            if telemetry?.wallMinusMonotonic == nil { telemetry?.wallMinusMonotonic = lastWallClock - packet.arrival }
            if case .late = telemetry?.jitterBuffer.insert(packet) { stream.statistics.recordLatePacket() }
            return
        }
        if playout == nil { try? startPlayout(with: packet.payload) }
        if case .late = playout?.jitterBuffer.insert(packet) { stream.statistics.recordLatePacket() }
    }

    func countRejection(_ reason: String) { rejections.count(reason) }

    func resetIntervalAgeOfInformation() { telemetry?.intervalAgeOfInformation.reset() }

    /// RFC 3550 statistics of the decoded stream, once one is chosen.
    var primaryStatistics: RTPReceptionStatistics? { primary.flatMap { streams[$0]?.statistics } }

    /// Runs `body` on the decoded stream's statistics in place (for RTCP report blocks).
    func withPrimaryStatistics<T>(_ body: (inout RTPReceptionStatistics) -> T) -> T? {
        guard let primary, var stream = streams[primary] else { return nil }
        defer { streams[primary] = stream }
        return body(&stream.statistics)
    }

    /// True once the sender said BYE for the decoded stream.
    public var streamEnded: Bool { reporting.rtcp.hasStreamEnded }

    /// Plays out every frame due at `now` (monotonic); `wallClock` stamps telemetry freshness.
    public func tick(now: Duration, wallClock: Duration = WallClock.now()) throws {
        let active = !streamEnded && lastArrival.map { now - $0 < .seconds(1) } == true
        let output = configuration.telemetryOutput
        try telemetry?.tick(now: now, wallClock: wallClock, sampleFreshness: active) { output?($0) }
        guard let channels = playout?.channels else { return }
        let format = AudioFormat(sampleRate: configuration.outputSampleRate, channels: channels)
        let write = self.write
        try playout?.tick(now: now) { try write($0, format) }
    }

    /// When the next frame is due (same timebase as arrivals), if playout has something to do.
    public var nextPlayoutTime: Duration? { playout?.jitterBuffer.nextPlayoutTime ?? telemetry?.jitterBuffer.nextPlayoutTime }

    /// Ends playout (dropping concealment after the last real frame) and returns the summary.
    public func finish() -> ReceiverSummary {
        playout?.finish()
        telemetry?.jitterBuffer.finish()
        return summary
    }

    /// Figures so far.
    public var summary: ReceiverSummary {
        var s = ReceiverSummary()
        s.rejected = rejections.byReason
        s.otherStreamPackets = otherStreamPackets
        if let primary, let stats = streams[primary]?.statistics {
            s.stream = primary.description
            s.packets = Int64(stats.receivedPackets)
            s.expectedPackets = stats.expectedPackets
            // Duplicates are counted apart, so they cannot hide losses (RFC 3550 A.3 would net them).
            s.lostPackets = stats.lostExcludingDuplicates
            s.lostPercent = stats.expectedPackets > 0 ? Double(s.lostPackets) * 100 / Double(stats.expectedPackets) : 0
            s.duplicatePackets = Int64(stats.duplicatePackets)
            s.outOfOrder = Int64(stats.reorderedPackets)
            s.latePackets = Int64(stats.latePackets)
            s.jitterMilliseconds = stats.jitterMilliseconds
        }
        if let playout {
            s.framesDecoded = playout.framesDecoded
            s.framesRecoveredByFEC = playout.framesFromFEC
            s.framesConcealed = playout.framesConcealed
            s.framesComfortSilence = playout.framesComfortSilence
            s.buffer = BufferLedger(playout.jitterBuffer.ledger)
            let frameMilliseconds = Double(playout.frameSamples) * 1000 / Double(configuration.outputSampleRate)
            s.lossPattern = LossPatternSummary(playout.lossPattern, frameMilliseconds: frameMilliseconds)
            s.outputSampleRate = configuration.outputSampleRate
            s.outputChannels = playout.channels
            s.outputFrames = playout.samplesWritten / max(1, playout.channels)
            s.targetDelayMilliseconds = playout.jitterBuffer.snapshot.targetDelayMilliseconds
        }
        if let telemetry {
            s.telemetry = telemetry.summary
            s.buffer = BufferLedger(telemetry.jitterBuffer.ledger)
            s.targetDelayMilliseconds = telemetry.jitterBuffer.snapshot.targetDelayMilliseconds
        }
        s.roundTripMilliseconds = reporting.rtcp.latestRTT?.milliseconds
        s.rtcpReportsSent = reporting.reportsSent
        s.rtcpReportsReceived = reporting.rtcp.compoundsReceived
        s.senderSaidGoodbye = reporting.rtcp.hasStreamEnded
        if primary != nil {
            let quality = qualityEstimate()
            s.rFactor = quality.rFactor
            s.mos = quality.mos
        }
        if oneWayDelay.count > 0 {
            s.oneWayDelay = oneWayDelay.summary
            s.delayVariation = delayVariation.summary
            let buffer = playout?.jitterBuffer.snapshot.currentDelayMilliseconds ?? 0
            s.mouthToEarMilliseconds = oneWayDelay.percentileMilliseconds(50) + buffer + Self.opusCodecDelayMilliseconds
            s.oneWayDelayP50Milliseconds = oneWayDelay.percentileMilliseconds(50)
            s.oneWayDelayP99Milliseconds = oneWayDelay.percentileMilliseconds(99)
        }
        return s
    }
}
