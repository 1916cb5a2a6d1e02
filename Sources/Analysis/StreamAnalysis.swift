import Capture
import Stats

/// Everything measured for one RTP stream while the capture is read; memory is bounded
/// (windows, histograms and the replay's buffers), whatever the stream's length.
struct StreamAnalysis {
    /// Clock assumed for the RFC 3550 bookkeeping when the real one is unknown (jitter, skew
    /// and drift are then not reported).
    static let placeholderClockRateHertz = 90_000

    let key: StreamKey
    let payloadType: UInt8
    let codec: CodecDescription?
    var statistics: RTPReceptionStatistics
    var wireshark = WiresharkSequenceCounter()
    var lossWindow = LossWindow()
    var clockFit = ClockFit()
    var steps = TimestampSteps()
    var oneWayDelay = LatencyHistogram()
    var maximumJitterMilliseconds = 0.0
    var markers = 0
    /// RTP packets of the stream, duplicates included.
    var packets = 0
    /// UDP payload (RTP header + payload) bytes of those packets.
    var bytes: UInt64 = 0
    var firstArrivalNanoseconds: Int64 = 0
    /// The first packet's extended RTP timestamp (the origin of the transit series).
    private var firstExtendedTimestamp: Int64 = 0
    var lastArrivalNanoseconds: Int64 = 0
    /// Highest extended sequence number seen (this tracker's own unwrapping).
    private var highestExtended: Int64?
    /// The last counted packet: extended number and timestamp (for timestamp steps).
    private var lastCounted: (extended: Int64, timestamp: UInt32)?
    private var fastestTransitMilliseconds: Double?
    var playout: PlayoutSimulation?
    var playoutError: String?
    var timeline: StreamTimeline
    /// Whether ``timeline`` is fed (only when a chart is asked for).
    let recordsTimeline: Bool

    init(key: StreamKey, payloadType: UInt8, codec: CodecDescription?, configuration: AnalysisConfiguration) {
        self.key = key
        self.payloadType = payloadType
        self.codec = codec
        self.statistics = RTPReceptionStatistics(clockRateHertz: codec?.clockRateHertz ?? Self.placeholderClockRateHertz)
        self.timeline = StreamTimeline(capacity: configuration.timelineCapacity)
        self.recordsTimeline = configuration.recordsTimeline
        guard let codec, !configuration.policies.isEmpty else { return }
        let decode = codec.isOpus && configuration.decodeDirectory != nil
        let wavPath = decode ? configuration.decodeDirectory.map { Self.wavPath(directory: $0, key: key) } : nil
        do {
            playout = try PlayoutSimulation(
                policies: configuration.policies, clockRateHertz: codec.clockRateHertz, decodeOpus: codec.isOpus,
                wavPath: wavPath)
        } catch {
            playoutError = "\(error)"
        }
    }

    /// `DIR/ssrc-0x….wav`, one file per stream (the SSRC and the source port keep them apart).
    static func wavPath(directory: String, key: StreamKey) -> String {
        let slash = directory.hasSuffix("/") ? "" : "/"
        return "\(directory)\(slash)\(key.ssrcText)-\(key.source.port)-\(key.destination.port).wav"
    }

    /// One RTP packet of the stream, in capture order.
    mutating func record(_ fields: RTPFields, payload: ArraySlice<UInt8>, arrivalNanoseconds arrival: Int64) {
        let first = packets == 0
        if first { firstArrivalNanoseconds = arrival }
        packets += 1
        bytes += UInt64(payload.count)
        lastArrivalNanoseconds = max(lastArrivalNanoseconds, arrival)
        if fields.marker { markers += 1 }
        wireshark.record(
            sequenceNumber: fields.sequenceNumber, timestamp: fields.timestamp, marker: fields.marker,
            arrivalNanoseconds: arrival)
        if first { firstExtendedTimestamp = wireshark.lastExtendedTimestampValue }
        let media = payload[fields.payloadRange]
        let verdict = statistics.record(
            sequenceNumber: fields.sequenceNumber, rtpTimestamp: fields.timestamp, arrival: .nanoseconds(arrival),
            payloadBytes: media.count)
        if codec != nil { maximumJitterMilliseconds = max(maximumJitterMilliseconds, statistics.jitterMilliseconds) }
        if let sent = fields.sendTimeNanoseconds { oneWayDelay.record(.nanoseconds(arrival.clampedDifference(sent))) }
        playout?.arrival(
            sequenceNumber: fields.sequenceNumber, timestamp: fields.timestamp, marker: fields.marker,
            arrivalNanoseconds: arrival, payload: media)
        // Only packets the RFC 3550 bookkeeping counts (or holds on probation) move the loss
        // window and the clocks: a stray far-off number or timestamp must not.
        guard verdict.isCounted || verdict == .probation else { return }
        let extended = extend(fields.sequenceNumber)
        for run in lossWindow.record(extended: extended, arrivalNanoseconds: arrival) where recordsTimeline {
            timeline.recordLoss(arrivalNanoseconds: run.arrivalNanoseconds, packets: run.packets)
        }
        let extendedTimestamp = wireshark.lastExtendedTimestampValue
        if let codec {
            clockFit.record(
                extendedTimestamp: extendedTimestamp, arrivalNanoseconds: arrival, clockRateHertz: codec.clockRateHertz)
        }
        if let codec, recordsTimeline {
            // Transit relative to the first packet, so the doubles stay small and exact.
            let transit = Double(arrival.clampedDifference(firstArrivalNanoseconds)) / 1e6
                - Double(extendedTimestamp - firstExtendedTimestamp) * 1_000 / Double(codec.clockRateHertz)
            let fastest = min(fastestTransitMilliseconds ?? transit, transit)
            fastestTransitMilliseconds = fastest
            timeline.record(
                arrivalNanoseconds: arrival, transitMilliseconds: transit - fastest,
                jitterMilliseconds: statistics.jitterMilliseconds)
        }
        if let last = lastCounted, extended == last.extended + 1 {
            steps.record(step: fields.timestamp &- last.timestamp)
        }
        if lastCounted.map({ extended > $0.extended }) ?? true {
            lastCounted = (extended, fields.timestamp)
        }
    }

    /// The 16-bit number unwrapped against the highest so far (steps of at most ±2^15).
    private mutating func extend(_ sequence: UInt16) -> Int64 {
        guard let highest = highestExtended else {
            highestExtended = Int64(sequence) + 65_536
            return Int64(sequence) + 65_536
        }
        let step = Int64(Int16(bitPattern: sequence &- UInt16(truncatingIfNeeded: highest)))
        let extended = highest + step
        if extended > highest { highestExtended = extended }
        return extended
    }

    /// Closes the loss window (the last runs go to the timeline).
    mutating func finishLossWindow() {
        for run in lossWindow.finish(lastArrivalNanoseconds: lastArrivalNanoseconds) where recordsTimeline {
            timeline.recordLoss(arrivalNanoseconds: run.arrivalNanoseconds, packets: run.packets)
        }
    }
}
