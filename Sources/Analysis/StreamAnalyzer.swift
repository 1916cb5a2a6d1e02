import Capture
import RTP
import Telemetry

/// Finds the RTP streams and RTCP in captured packets, one packet at a time, without
/// signalling, and measures each stream (`StreamAnalysis`). Memory is bounded by
/// `configuration.maximumStreams`, not by the number of packets.
public struct StreamAnalyzer {
    public let configuration: AnalysisConfiguration
    public internal(set) var counters = AnalyzerCounters()
    /// The streams, in the order they were found, and where each key's is: an array element is
    /// mutated in place, where a dictionary value moved in and out on every packet (a copy of
    /// the whole analysis per packet, the largest cost in a profile of 1,000,000 packets).
    var streams: [StreamAnalysis] = []
    var streamIndex: [StreamKey: Int] = [:]
    var candidates: [StreamKey: StreamCandidate] = [:]
    /// RTCP seen, by the SSRC it is from or about.
    public private(set) var rtcp: [UInt32: RTCPObservation] = [:]

    public init(configuration: AnalysisConfiguration = AnalysisConfiguration()) {
        self.configuration = configuration
    }

    /// Streams found so far.
    public var streamCount: Int { streams.count }

    /// One captured UDP datagram or RFC 4571 frame, in capture order.
    public mutating func consume(_ packet: CapturedPacket) {
        counters.packets += 1
        let payload = packet.payload
        switch ControlPacketClassifier.classify(payload) {
        case .rtcp(let packets):
            counters.rtcpPackets += 1
            record(rtcp: packets)
            return
        case .srtcp(let sender):
            counters.srtcpPackets += 1
            observe(sender) { $0.srtcpPacketsSent += 1 }
            return
        case .malformed:
            counters.malformedRTCPPackets += 1
            return
        case .notControl:
            break
        }
        guard let fields = RTPFields(payload) else {
            counters.otherPackets += 1
            return
        }
        if let filter = configuration.ssrcFilter, filter != fields.ssrc {
            counters.filteredPackets += 1
            return
        }
        let key = StreamKey(
            transport: packet.transport, source: packet.source, destination: packet.destination, ssrc: fields.ssrc)
        let arrival = packet.timestampNanoseconds
        if let index = streamIndex[key] {
            counters.rtpPackets += 1
            streams[index].record(fields, payload: payload, arrivalNanoseconds: arrival)
            return
        }
        if candidates[key] == nil {
            if streams.count + candidates.count >= configuration.maximumStreams { evictStaleCandidates(now: arrival) }
            guard streams.count + candidates.count < configuration.maximumStreams else {
                counters.overLimitPackets += 1
                return
            }
            candidates[key] = StreamCandidate()
        }
        guard candidates[key]?.add(fields, payload: payload, arrivalNanoseconds: arrival) == true,
            let candidate = candidates.removeValue(forKey: key)
        else { return }
        promote(key, candidate)
    }

    /// Candidates with no packet for `staleCandidateNanoseconds` (stray RTP-looking datagrams)
    /// are dropped, their packets counted as unconfirmed, so they cannot fill the table and
    /// keep real streams out.
    private mutating func evictStaleCandidates(now: Int64) {
        let stale = candidates.filter { now.clampedDifference($0.value.lastArrivalNanoseconds) > Self.staleCandidateNanoseconds }
        for (key, candidate) in stale {
            counters.unconfirmedPackets += candidate.held.count + candidate.dropped
            candidates.removeValue(forKey: key)
        }
    }

    /// A candidate this long without a packet is stale: 5 s.
    static let staleCandidateNanoseconds: Int64 = 5_000_000_000

    /// A confirmed candidate becomes a stream; its held packets are replayed into it.
    private mutating func promote(_ key: StreamKey, _ candidate: StreamCandidate) {
        let payloadType = candidate.held.first?.fields.payloadType ?? 0
        let payloads = candidate.held.filter { $0.fields.payloadType == payloadType }.map { held in
            held.payload[held.fields.payloadRange]
        }
        let codec = Self.codec(payloadType: payloadType, payloads: payloads, mapping: configuration.payloadTypes)
        var stream = StreamAnalysis(key: key, payloadType: payloadType, codec: codec, configuration: configuration)
        for held in candidate.held {
            stream.record(held.fields, payload: held.payload[...], arrivalNanoseconds: held.arrivalNanoseconds)
        }
        counters.rtpPackets += candidate.held.count
        counters.unconfirmedPackets += candidate.dropped
        streamIndex[key] = streams.count
        streams.append(stream)
    }

    /// The codec: `--payload-type`/`--sdp` first, then RFC 3551's static types, then by the
    /// payloads' own bytes for a dynamic type (telemetry frames, Opus-shaped packets).
    static func codec(payloadType: UInt8, payloads: [ArraySlice<UInt8>], mapping: PayloadTypeMapping) -> CodecDescription? {
        if let mapped = mapping.codecs[payloadType] { return mapped }
        if let known = CodecDescription.staticPayloadType(payloadType) { return known }
        guard payloadType >= 35, !payloads.isEmpty else { return nil }
        if payloads.allSatisfy({ slice in slice.withUnsafeBytes { TelemetryPayloadCodec.isTelemetryFrame($0) } }) {
            return .telemetry
        }
        if payloads.allSatisfy({ OpusPacketShape.isPlausible($0) }) { return .opus }
        return nil
    }

    private mutating func observe(_ ssrc: UInt32, _ change: (inout RTCPObservation) -> Void) {
        if rtcp[ssrc] == nil {
            guard rtcp.count < configuration.maximumStreams else { return }
            rtcp[ssrc] = RTCPObservation()
        }
        change(&rtcp[ssrc, default: RTCPObservation()])
    }

    private mutating func record(rtcp packets: [RTCPPacket]) {
        for packet in packets {
            switch packet {
            case .senderReport(let report):
                observe(report.ssrc) {
                    $0.packetsSent += 1
                    $0.senderReports += 1
                    $0.lastSenderReport = report
                }
                record(blocks: report.reportBlocks)
            case .receiverReport(let report):
                observe(report.ssrc) { $0.packetsSent += 1 }
                record(blocks: report.reportBlocks)
            case .extendedReport(let report):
                observe(report.ssrc) { $0.packetsSent += 1 }
                for metrics in report.voipMetrics {
                    observe(metrics.ssrc) {
                        $0.voipMetricsBlocks += 1
                        $0.lastVoIPMetrics = metrics
                    }
                }
            case .goodbye(let bye):
                for ssrc in bye.ssrcs { observe(ssrc) { $0.goodbyes += 1 } }
            case .sourceDescription, .unknown:
                continue
            }
        }
    }

    private mutating func record(blocks: [ReportBlock]) {
        for block in blocks {
            observe(block.ssrc) {
                $0.reportBlocks += 1
                $0.lastReportBlock = block
            }
        }
    }
}
