import JitterbugSupport
import Opus
import Reports
import Telemetry
import JitterBuffer
import Media
import NIOCore
import RTP
import SRTP
import Stats

/// The receiver's state machine: datagrams in (with their arrival time), decoded media out.
///
/// Demultiplexes by (source address, SSRC) into per-stream state (at most `maxStreams`);
/// every stream that passes RFC 3550 A.1 probation gets its own jitter buffer and decoder
/// (Opus, or telemetry records). The first such stream is the primary one: its figures are
/// the summary's top level and RTCP reports are about it. Streams end on RTCP BYE or after
/// `streamIdleTimeout` without packets. No I/O and no clock: the runner passes times in and
/// hands the output to its sinks. Not thread-safe: the runner keeps it behind a mutex.
public final class AudioReceiverCore {
    public let configuration: AudioReceiverConfiguration
    private let write: (StreamKey, [Int16], AudioFormat) throws -> Void
    var streams = StreamTable()
    /// Streams in the order they started, for stable output.
    private(set) var order: [StreamKey] = []
    private(set) var primary: StreamKey?
    /// The primary stream's summary once it has ended (BYE or idle).
    private var primaryEnded: ReceiverSummary?
    /// Summaries of streams that ended (BYE or idle), most recent last, bounded.
    private(set) var ended: [ReceiverSummary] = []
    /// When each of `ended` ended (same timebase as arrivals), for `endedSummariesMaxAge`.
    private var endedAt: [Duration] = []
    private(set) var endedCount = 0
    /// Counts of ended streams, so aggregate totals never go backwards.
    private var endedTotals = IntervalCounter.Totals.zero
    private var endedLate: Int64 = 0
    /// Other addresses (the TCP peer of a UDP stream, or the reverse) mapped to their stream.
    private(set) var aliases: [StreamKey: StreamKey] = [:]
    /// The stream `packetTrace` follows.
    private var tracedKey: StreamKey?
    private var rejections = RejectionCounters()
    private var otherStreamPackets = 0
    /// Slots due in this tick (kept to reuse its storage).
    private var dueScratch: [Int] = []
    /// Streams ending in this tick (kept to reuse its storage).
    private var finishedScratch: [StreamKey] = []
    /// Every datagram or TCP frame handed to `receive`, whatever became of it.
    private var datagramsReceived = 0
    var reporting = ReceiverReporting(ssrc: UInt32.random(in: 1...UInt32.max))
    /// Arrival time of the last datagram accepted into a stream.
    public private(set) var lastArrival: Duration?
    /// Set when this core is one shard of a sharded receiver: the stream-start numbering and
    /// the stream table's capacity shared by all shards (``ReceiverShardShared``).
    package var shared: ReceiverShardShared?
    /// Each decoding stream's start number in the shared numbering (sharded receivers only).
    package private(set) var startNumbers: [StreamKey: Int] = [:]
    /// The primary stream's start number in the shared numbering (sharded receivers only).
    package private(set) var primaryStartNumber: Int?

    /// Most ended-stream summaries kept for the final report.
    static let endedSummaryLimit = 1_000

    /// - Parameter write: receives each stream's decoded interleaved samples in playout order,
    ///   with their format (fixed when the stream starts).
    public init(
        configuration: AudioReceiverConfiguration, write: @escaping (StreamKey, [Int16], AudioFormat) throws -> Void
    ) {
        self.configuration = configuration
        self.write = write
    }

    /// Single-output form: only the primary stream's audio reaches `write`.
    public convenience init(configuration: AudioReceiverConfiguration, write: @escaping ([Int16], AudioFormat) throws -> Void) {
        var primaryKey: StreamKey?
        self.init(configuration: configuration) { key, samples, format in
            if primaryKey == nil { primaryKey = key }
            if key == primaryKey { try write(samples, format) }
        }
    }

    /// Handles one datagram (or RFC 4571 frame, `path: .tcp`) that arrived at `arrival`
    /// (monotonic offset) / `wallClock` (Unix time). A stream's packets may come by UDP and TCP
    /// at once (fallback): both land in one stream, keyed by the first address it was seen from,
    /// where duplicates are discarded by sequence number.
    public func receive(
        _ bytes: [UInt8], from source: SocketAddress, arrival: Duration, wallClock: Duration, path: ReceivePath = .udp
    ) throws {
        try bytes.withUnsafeBytes { try receive($0, from: source, arrival: arrival, wallClock: wallClock, path: path) }
    }

    /// ``receive(_:from:arrival:wallClock:path:)-([UInt8],_,_,_,_)`` on borrowed bytes (the
    /// datagram as the socket delivered it). A plain RTP packet of a running stream goes through
    /// parse, statistics and jitter buffer without a heap allocation; SRTP unprotects into a copy.
    public func receive(
        _ bytes: UnsafeRawBufferPointer, from source: SocketAddress, arrival: Duration, wallClock: Duration,
        path: ReceivePath = .udp
    ) throws {
        datagramsReceived += 1
        if !configuration.allowFrom.isEmpty, !configuration.allowFrom.contains(where: { $0.contains(source) }) {
            return rejections.count("not_allowed")
        }
        guard bytes.count <= configuration.maxPacketBytes + 32 else { return rejections.count("oversize") }
        let isRTCP = RTCPCompound.isRTCP(bytes)
        guard let srtp = srtpSession(for: source) else {
            return try receiveClear(bytes, isRTCP: isRTCP, from: source, arrival: arrival, wallClock: wallClock, path: path)
        }
        let clear: [UInt8]
        do {
            clear = isRTCP ? try srtp.unprotectRTCP(Array(bytes)) : try srtp.unprotectRTP(Array(bytes))
        } catch {
            return rejections.count("srtp_\(error.reason)")
        }
        try clear.withUnsafeBytes {
            try receiveClear($0, isRTCP: isRTCP, from: source, arrival: arrival, wallClock: wallClock, path: path)
        }
    }

    /// The SRTP session for datagrams from (and reports to) `source`; nil for clear RTP.
    func srtpSession(for source: SocketAddress) -> SRTPSession? {
        configuration.srtpForSource.map { $0(source) } ?? configuration.srtp
    }

    /// A datagram past the address, size and SRTP checks: RTCP to the reporting side, RTP parsed
    /// in place and handed to its stream.
    private func receiveClear(
        _ bytes: UnsafeRawBufferPointer, isRTCP: Bool, from source: SocketAddress, arrival: Duration,
        wallClock: Duration, path: ReceivePath
    ) throws {
        if isRTCP {
            return receiveRTCP(Array(bytes), from: source, arrival: arrival, wallClock: wallClock, path: path)
        }
        let packet: RTPPacketView
        do {
            packet = try RTPPacketView(validating: bytes, limits: RTPParseLimits(maxPacketBytes: configuration.maxPacketBytes))
        } catch {
            return rejections.count(error.reason)
        }
        if let expected = configuration.payloadType, packet.payloadType != expected {
            return rejections.count("unexpected_payload_type")
        }
        if configuration.payloadType == nil, !(96...127).contains(packet.payloadType) {
            return rejections.count("unexpected_payload_type")
        }
        let exact = StreamKey(source: source, ssrc: packet.ssrc)
        if configuration.latch, let primary, exact != primary, aliases[exact] == nil {
            // Conservative re-latch: same SSRC, and the latched address has gone quiet.
            let quiet = streams[primary].map { arrival - $0.lastArrival >= configuration.relatchAfter } ?? true
            guard packet.ssrc == primary.ssrc, quiet else { return rejections.count("not_latched") }
            aliases[exact] = primary
            reporting.forgetRTCPAddress(of: primary)
            rejections.count("relatched")
        }
        // Known streams take one lookup; only a new address is matched against the others.
        let key = streams.contains(exact) ? exact : aliases[exact] ?? canonicalKey(for: exact)
        if !streams.contains(key) {
            guard let created = newStream(for: key, first: packet) else {
                return rejections.count("stream_table_full")
            }
            streams.insert(created)
        }
        lastArrival = arrival
        // Mutate the stream in place: copying it out and back would copy its buffers per packet.
        reporting.scheduler.noteMedia(rtpBytes: bytes.count, at: arrival)
        // The due time after the packet: its primary status is read then (this packet may start it).
        let limits = StreamLimits(configuration)
        try streams.withStream(key, refreshingDueWith: {
            $0.wakeNanoseconds(now: arrival, limits: limits, isPrimary: key == self.primary)
        }) { stream in
            stream.bytesSinceReport += bytes.count
            stream.lastPath = path
            stream.packetsByTransport[path.isTCP ? 1 : 0] += 1
            try receive(packet, into: &stream, arrival: arrival, wallClock: wallClock)
        }
    }

    /// The stream a new (address, SSRC) belongs to: an existing stream of the same host and SSRC
    /// (the other transport's port), else itself. Remembered, so this scan runs once per address.
    private func canonicalKey(for exact: StreamKey) -> StreamKey {
        let host = exact.source.ipAddress
        let existing = streams.keys.first { $0.ssrc == exact.ssrc && $0.source.ipAddress == host }
        guard let existing, aliases.count < configuration.maxStreams * 4 else { return exact }
        aliases[exact] = existing
        return existing
    }

    /// In-place access to one stream's state (no copy of its buffers).
    @discardableResult
    func withStream<T>(_ key: StreamKey, _ body: (inout ReceivedStream) throws -> T) rethrows -> T? {
        try streams.withStream(key, body)
    }

    private func receive(_ packet: RTPPacketView, into stream: inout ReceivedStream, arrival: Duration, wallClock: Duration) throws {
        let key = stream.key
        stream.lastArrival = arrival
        stream.lastWallClock = wallClock
        // No payload, no media (an Opus packet has at least its TOC byte): turned away before the
        // statistics, so it cannot take the sequence number of the real packet that follows.
        guard !packet.payloadRange.isEmpty else { return stream.emptyPayloadPackets += 1 }
        let verdict = stream.statistics.record(
            sequenceNumber: packet.sequenceNumber, rtpTimestamp: packet.timestamp,
            arrival: arrival, payloadBytes: packet.payloadRange.count)
        var sendTime: Duration?
        if let id = configuration.sendTimeExtensionID, let data = packet.extensionData(id: id),
            let sent = NTPTimestamp(ntp64Data: data)
        {
            sendTime = sent.sinceUnixEpoch
        }
        // The trace follows the first stream seen, from its very first packet.
        if let trace = configuration.packetTrace, tracedKey == nil || tracedKey == key {
            tracedKey = key
            trace(
                PacketTraceRecord(
                    sequenceNumber: packet.sequenceNumber, rtpTimestamp: packet.timestamp,
                    arrivalWallClock: wallClock, sendWallClock: sendTime))
        }
        if !stream.isDecoding {
            guard stream.statistics.isValid else {
                // Held as the statistics hold it (same limit, same order), to be played once valid.
                if verdict == .probation, stream.probation.count < RTPReceptionStatistics.probationHoldLimit {
                    var held = bufferPacket(packet, arrival: arrival)
                    held.payload = Array(packet.payload)
                    stream.probation.append(held)
                }
                return
            }
            try start(&stream, current: packet)
        }
        if !stream.probation.isEmpty {
            let queued = stream.probation
            stream.probation.removeAll()
            for (early, fate) in zip(queued, stream.statistics.validationVerdicts) where fate.isCounted {
                stream.insert(early)
            }
        }
        // Only counted packets reach delay figures and the buffer: a duplicate is already there,
        // and a rejected one (bad sequence, wrong timestamp) must not take a real packet's place.
        guard verdict.isCounted else { return }
        if let sendTime { stream.recordDelay(wallClock - sendTime, isPrimary: key == primary) }
        stream.insert(bufferPacket(packet, arrival: arrival), payload: packet.payload)
    }

    /// A new stream's state, or `nil` when the table is full. (Streams that never pass
    /// probation are dropped by `tick` after 2 s, so a burst of random SSRCs cannot keep new
    /// streams out after it stops.)
    private func newStream(for key: StreamKey, first packet: RTPPacketView) -> ReceivedStream? {
        guard streams.count < configuration.maxStreams else { return nil }
        if let shared, !shared.acquireStreamSlot() { return nil }
        let kind = MediaKind.of(payloadType: packet.payloadType, payload: packet.payload, mapping: configuration.mediaKinds)
        return ReceivedStream(key: key, kind: kind)
    }

    /// A stream passed probation: it gets a playout path; the first one becomes primary.
    private func start(_ stream: inout ReceivedStream, current: RTPPacketView) throws {
        try stream.startPlayout(current: current, configuration: configuration)
        order.append(stream.key)
        if primary == nil { primary = stream.key }
        if let shared {
            let number = shared.nextStartNumber()
            startNumbers[stream.key] = number
            if primary == stream.key, primaryStartNumber == nil { primaryStartNumber = number }
        }
        _ = reporting.rtcp.registerSource(stream.key.ssrc)
    }

    /// The jitter buffer's view of a packet; its payload stays empty (the bytes travel borrowed).
    private func bufferPacket(_ packet: RTPPacketView, arrival: Duration) -> JitterBufferPacket {
        let payload = packet.payload
        return JitterBufferPacket(
            ssrc: packet.ssrc, sequenceNumber: packet.sequenceNumber,
            timestamp: packet.timestamp, arrival: arrival, payload: [],
            hasFEC: (try? OpusPacket.hasLBRR(payload)) ?? false,
            // A 1-2 byte Opus packet is a DTX frame (RFC 7587 §3.1.3): silence follows.
            isDTX: payload.count <= 2)
    }

    func countRejection(_ reason: String) { rejections.count(reason) }

    /// A datagram the runner turned away without `receive` (RTP on the RTCP port): read and rejected.
    /// A receiver report could not be sent (the runner saw the error).
    func noteRTCPSendError() { reporting.sendErrors += 1 }

    func rejectDatagram(_ reason: String) {
        datagramsReceived += 1
        rejections.count(reason)
    }

    /// The primary stream's state.
    var primaryStream: ReceivedStream? { primary.flatMap { streams[$0] } }
    var playout: AudioPlayout? { primaryStream?.playout }
    var telemetry: TelemetryPlayout? { primaryStream?.telemetry }

    /// RFC 3550 statistics of the primary stream, once one is chosen.
    var primaryStatistics: RTPReceptionStatistics? { primaryStream?.statistics }

    /// Runs `body` on the primary stream's state in place.
    func withPrimary<T>(_ body: (inout ReceivedStream) -> T) -> T? {
        guard let primary else { return nil }
        return withStream(primary, body)
    }

    /// True once the primary stream's sender said BYE.
    public var streamEnded: Bool {
        // In place: copying a stream out of the table costs a memmove and dozens of retains.
        let saidGoodbye = primary.flatMap { streams.withStream($0) { $0.goodbyeAt != nil } } ?? false
        return saidGoodbye || primaryEnded?.senderSaidGoodbye == true
    }

    /// Number of streams being decoded now.
    public var activeStreamCount: Int { order.count }

    /// Plays out every frame due at `now` (monotonic) in every stream; `wallClock` stamps
    /// telemetry freshness. Ends streams that said BYE (after draining) or went idle.
    ///
    /// Cost (#17): only the streams whose due time has come — next frame, idle timeout, or drain
    /// after BYE (``ReceivedStream/wakeNanoseconds(now:configuration:isPrimary:)``) — are taken
    /// from the table's ``DueQueue`` (O(log n) each) and visited, once each per call; the others
    /// are not touched. (Visiting thousands of streams on every wake-up, every few hundred
    /// microseconds, was what capped the stream count; a scan of every due time and a visit of
    /// every stream every 100 ms followed.)
    public func tick(now: Duration, wallClock: Duration = WallClock.now()) throws {
        let output = configuration.telemetryOutput
        let write = self.write
        let sampleRate = configuration.outputSampleRate
        let limits = StreamLimits(configuration)
        let nowNanoseconds = StreamTable.nanoseconds(now)
        dropExpiredEndedSummaries(now: now)
        finishedScratch.removeAll(keepingCapacity: true)
        // Take the batch first: a stream visited here and due again at once waits for the next call.
        dueScratch.removeAll(keepingCapacity: true)
        while let index = streams.popDue(atOrBefore: nowNanoseconds) { dueScratch.append(index) }
        for index in dueScratch {
            let visited = try streams.withSlot(index) { stream -> (StreamKey, Bool, Int64) in
                try stream.tick(
                    now: now, wallClock: wallClock, sampleRate: sampleRate, write: write, telemetryOutput: output)
                let isPrimary = stream.key == primary
                let finished = stream.isFinished(now: now, limits: limits, isPrimary: isPrimary)
                return (stream.key, finished, stream.wakeNanoseconds(now: now, limits: limits, isPrimary: isPrimary))
            }
            guard let (key, finished, due) = visited else { continue }
            streams.setDue(nanoseconds: due, slot: index)
            if finished { finishedScratch.append(key) }
        }
        for key in finishedScratch { end(key, at: now) }
    }

    /// Drops the ended-stream summaries older than `endedSummariesMaxAge` (none without it).
    private func dropExpiredEndedSummaries(now: Duration) {
        guard let maxAge = configuration.endedSummariesMaxAge, let oldest = endedAt.first, now - oldest > maxAge else {
            return
        }
        let expired = endedAt.prefix { now - $0 > maxAge }.count
        ended.removeFirst(expired)
        endedAt.removeFirst(expired)
    }

    /// Streams still on probation are dropped after this long without passing it (a flood of
    /// one-off SSRCs must not hold the stream table).
    static let probationIdleTimeout: Duration = .seconds(2)

    /// Finishes one stream at `now` and keeps its summary. What was kept per stream elsewhere
    /// goes with it (its other addresses, its SSRC in the RTCP source table), so a receiver
    /// whose senders come and go holds state for the streams it has, not for every one it had.
    /// (Its report peer went only at a round of periodic reports; with short streams and the
    /// RTCP interval growing with the members, one entry per stream stayed.)
    private func end(_ key: StreamKey, at now: Duration) {
        guard var stream = streams.removeValue(forKey: key) else { return }
        shared?.releaseStreamSlot()
        startNumbers[key] = nil
        if !aliases.isEmpty { aliases = aliases.filter { $0.value != key } }
        reporting.peers[key] = nil
        let held = streams.keys
        reporting.rtcp.retainSources { ssrc in held.contains { $0.ssrc == ssrc } }
        // Never decoded: no summary; all its packets join the other-stream packets, so every
        // datagram stays accounted for.
        guard stream.isDecoding else { return otherStreamPackets += stream.packetsByTransport.reduce(0, +) }
        stream.finish()
        order.removeAll { $0 == key }
        endedCount += 1
        if key == primary { primaryEnded = stream.summary(configuration: configuration) }
        let totals = stream.statistics.intervalTotals
        endedTotals = IntervalCounter.Totals(
            packets: endedTotals.packets + totals.packets, payloadBytes: endedTotals.payloadBytes + totals.payloadBytes,
            expected: endedTotals.expected + totals.expected, lost: endedTotals.lost + totals.lost)
        endedLate += Int64(stream.statistics.latePackets)
        ended.append(stream.summary(configuration: configuration))
        endedAt.append(now)
        let kept = max(1, configuration.endedSummariesKept)
        if ended.count > kept {
            ended.removeFirst(ended.count - kept)
            endedAt.removeFirst(endedAt.count - kept)
        }
    }

    /// Marks the streams whose SSRCs said BYE in this RTCP compound from `source`.
    func noteGoodbye(ssrcs: [UInt32], from source: SocketAddress, at arrival: Duration) {
        for key in streams.keys where ssrcs.contains(key.ssrc) && key.source.ipAddress == source.ipAddress {
            // The drain after BYE ends the stream: its due time moves to it.
            let limits = StreamLimits(configuration)
            let isPrimary = key == primary
            let newGoodbye = streams.withStream(key, refreshingDueWith: {
                $0.wakeNanoseconds(now: arrival, limits: limits, isPrimary: isPrimary)
            }) { stream -> Bool in
                guard stream.goodbyeAt == nil else { return false }
                stream.goodbyeAt = arrival
                return true
            }
            if newGoodbye == true { reporting.goodbyesToAnswer.append(key) }
        }
    }

    /// Cumulative counts over every stream, ended ones included (for aggregate interval lines).
    var aggregateTotals: (counts: IntervalCounter.Totals, late: Int64) {
        var counts = endedTotals
        var late = endedLate
        for stream in streams.values where stream.isDecoding {
            let totals = stream.statistics.intervalTotals
            counts = IntervalCounter.Totals(
                packets: counts.packets + totals.packets, payloadBytes: counts.payloadBytes + totals.payloadBytes,
                expected: counts.expected + totals.expected, lost: counts.lost + totals.lost)
            late += Int64(stream.statistics.latePackets)
        }
        return (counts, late)
    }

    /// When the next frame is due in any stream (same timebase as arrivals).
    public var nextPlayoutTime: Duration? { streams.earliestDue }

    /// Ends playout everywhere (dropping concealment after the last real frame) and returns the summary.
    public func finish() -> ReceiverSummary {
        for key in order where key != primary { end(key, at: lastArrival ?? .zero) }
        if let primary { streams.withStream(primary) { $0.finish() } }
        return summary
    }

    /// Figures so far: the primary stream at the top level, every stream in `streams` when
    /// there is more than one.
    public var summary: ReceiverSummary {
        var s = primaryStream?.summary(configuration: configuration) ?? primaryEnded ?? ReceiverSummary()
        s.rejected = rejections.byReason
        // Packets of streams still on probation count as other streams' packets too.
        s.otherStreamPackets = otherStreamPackets
            + streams.values.reduce(0) { $0 + ($1.isDecoding ? 0 : $1.packetsByTransport.reduce(0, +)) }
        s.datagramsReceived = datagramsReceived
        s.roundTripMilliseconds = reporting.rtcp.latestRTT?.milliseconds
        s.rtcpReportsSent = reporting.reportsSent
        s.rtcpReportsReceived = reporting.rtcp.compoundsReceived
        s.rtcpReportsSuppressed = reporting.reportsSuppressed
        s.rtcpSendErrors = reporting.sendErrors
        let all = ended + order.compactMap { key in streams[key].map { $0.summary(configuration: configuration) } }
        s.streamCount = endedCount + order.count
        if s.streamCount > 1 { s.streams = all }
        return s
    }
}
