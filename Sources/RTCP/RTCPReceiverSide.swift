import RTP
import Stats

/// RTCP state of a media receiver: remembers each source's last SR (LSR/DLSR), builds RR +
/// SDES (+ XR with RRTR and VoIP Metrics) (+ BYE) compounds, and processes incoming SR, SDES,
/// BYE and XR (DLRR round-trip time).
///
/// Pure value type: monotonic `Duration` times and NTP wall times are passed in.
public struct RTCPReceiverSide: Sendable {
    /// At most this many media sources are tracked; further ones are counted and ignored.
    public static let maximumSources = 16

    /// Our (reporter) SSRC.
    public let ssrc: UInt32
    /// Our canonical name, sent in every SDES.
    public let cname: String
    /// Whether compounds carry an RFC 3611 RRTR block so the sender can answer with DLRR and we
    /// learn the round-trip time.
    public let sendsReceiverReferenceTime: Bool

    /// Latest SR per source.
    public private(set) var lastSenderReports: [UInt32: LastSenderReport] = [:]
    /// CNAME per source, from SDES.
    public private(set) var sourceCNAMEs: [UInt32: String] = [:]
    /// Set when a known source sent BYE: the stream ended.
    public private(set) var streamEnd: StreamEnd?
    /// Latest round-trip time (from a DLRR answering our RRTR, or an SR/RR block about us).
    public private(set) var latestRTT: Duration?
    /// Latest VoIP Metrics block a peer sent about our SSRC (rare: only if we also send media).
    public private(set) var peerVoIPMetrics: VoIPMetricsBlock?
    /// The quality estimate behind the last VoIP Metrics block we built.
    public private(set) var lastQualityEstimate: QualityEstimate?
    /// Rejected or ignored input by reason.
    public private(set) var rejections = RTCPRejectionCounter()
    /// Compound datagrams that parsed.
    public private(set) var compoundsReceived = 0
    /// Sources we accept reports and BYE from.
    public private(set) var knownSources: Set<UInt32> = []

    public init(ssrc: UInt32, cname: String, sendsReceiverReferenceTime: Bool = true) {
        self.ssrc = ssrc
        self.cname = cname
        self.sendsReceiverReferenceTime = sendsReceiverReferenceTime
    }

    /// True once a known source said BYE.
    public var hasStreamEnded: Bool { streamEnd != nil }

    /// Declares a media source (e.g. when its first RTP packet is accepted) so its BYE is honoured
    /// even before any SR. Returns `false` (and counts `source_table_full`) when the table is full.
    @discardableResult
    public mutating func registerSource(_ source: UInt32) -> Bool {
        knownSources.admit(source, limit: Self.maximumSources, rejections: &rejections)
    }

    /// Forgets every source `keep` turns down: its last SR and CNAME go, and a BYE from it is
    /// no longer honoured. The receiver calls this when a stream ends, so the table (at most
    /// ``maximumSources``) follows the streams held, not every SSRC ever seen: a long-running
    /// receiver whose senders come and go (a probe's responder, one SSRC per test) would
    /// otherwise fill it after 16 streams and then ignore every later sender's SR, so its
    /// reports carried no LSR/DLSR and those senders lost their round-trip time.
    public mutating func retainSources(where keep: (UInt32) -> Bool) {
        let gone = knownSources.filter { !keep($0) }
        guard !gone.isEmpty else { return }
        for source in gone {
            knownSources.remove(source)
            lastSenderReports[source] = nil
            sourceCNAMEs[source] = nil
        }
    }

    // MARK: Building

    /// Builds RR (one block about `sourceSSRC`, or none while the source is not yet valid) +
    /// SDES(CNAME) [+ XR: RRTR, VoIP Metrics] [+ BYE].
    ///
    /// Calls `statistics.makeReportBlockFigures()`, which starts a new reporting interval.
    /// - Parameters:
    ///   - now: monotonic send time (DLSR = now − SR arrival).
    ///   - nowNTP: wall-clock send time (RRTR timestamp).
    ///   - voipMetrics: inputs for a VoIP Metrics block; `nil` omits it.
    ///   - goodbye: when non-`nil`, BYE with this reason ("" = none) ends the compound.
    public mutating func makeCompound(
        sourceSSRC: UInt32, statistics: inout RTPReceptionStatistics, now: Duration, nowNTP: NTPTimestamp,
        voipMetrics: VoIPMetricsInputs? = nil, goodbye: String? = nil
    ) -> [RTCPPacket] {
        var blocks: [ReportBlock] = []
        if let figures = statistics.makeReportBlockFigures() {
            let last = lastSenderReports[sourceSSRC]
            blocks.append(ReportBlock(
                ssrc: sourceSSRC, fractionLost: figures.fractionLost, cumulativeLost: figures.cumulativeLost,
                extendedHighestSequence: figures.extendedHighestSequenceNumber, jitter: figures.jitter,
                lastSR: last?.middle32 ?? 0, delaySinceLastSR: last?.delaySinceLastSR(now: now) ?? 0))
        }
        var packets: [RTCPPacket] = [
            .receiverReport(ReceiverReport(ssrc: ssrc, reportBlocks: blocks)),
            .sourceDescription(.cname(ssrc: ssrc, cname)),
        ]
        var extended: [ExtendedReport.Block] = []
        if sendsReceiverReferenceTime { extended.append(ReceiverReferenceTime.rrtrBlock(ntp: nowNTP)) }
        if let voipMetrics {
            let (block, quality) = voipMetrics.makeBlock(sourceSSRC: sourceSSRC, roundTripTime: latestRTT)
            extended.append(.voipMetrics(block))
            lastQualityEstimate = quality
        }
        if !extended.isEmpty { packets.append(.extendedReport(ExtendedReport(ssrc: ssrc, blocks: extended))) }
        if let goodbye {
            packets.append(.goodbye(Goodbye(ssrcs: [ssrc], reason: goodbye.isEmpty ? nil : goodbye)))
        }
        return packets
    }

    // MARK: Processing

    /// Parses and processes one incoming RTCP datagram. Malformed compounds are counted by
    /// ``RTCPParseError/reason`` and dropped whole; returns `false` then.
    /// - Parameters:
    ///   - arrival: monotonic arrival time (SR arrival for DLSR).
    ///   - arrivalNTP: wall-clock arrival time (the "A" of a DLRR round-trip computation).
    @discardableResult
    public mutating func process(datagram: [UInt8], arrival: Duration, arrivalNTP: NTPTimestamp) -> Bool {
        do throws(RTCPParseError) {
            let packets = try RTCPCompound.parse(datagram)
            process(packets: packets, arrival: arrival, arrivalNTP: arrivalNTP)
            return true
        } catch {
            rejections.count(error)
            return false
        }
    }

    /// Processes already parsed packets of one compound.
    public mutating func process(packets: [RTCPPacket], arrival: Duration, arrivalNTP: NTPTimestamp) {
        compoundsReceived += 1
        for packet in packets {
            switch packet {
            case .senderReport(let report):
                if registerSource(report.ssrc) {
                    lastSenderReports[report.ssrc] = LastSenderReport(report: report, arrival: arrival)
                }
                processBlocks(report.reportBlocks, arrivalNTP: arrivalNTP)
            case .receiverReport(let report):
                processBlocks(report.reportBlocks, arrivalNTP: arrivalNTP)
            case .sourceDescription(let description):
                for chunk in description.chunks {
                    guard let name = chunk.cname else { continue }
                    if registerSource(chunk.ssrc) {
                        sourceCNAMEs[chunk.ssrc] = name
                    }
                }
            case .goodbye(let goodbye):
                for source in goodbye.ssrcs {
                    if knownSources.contains(source) {
                        streamEnd = StreamEnd(ssrc: source, reason: goodbye.reason, arrival: arrival)
                    } else {
                        rejections.count(RTCPRejectionCounter.unknownSSRC)
                    }
                }
            case .extendedReport(let report):
                processExtendedReport(report, arrivalNTP: arrivalNTP)
            case .unknown:
                rejections.count(RTCPRejectionCounter.unknownPacketType)
            }
        }
    }

    // MARK: Private

    /// Report blocks about us give an RTT (only if we sent SRs); others are counted and ignored.
    private mutating func processBlocks(_ blocks: [ReportBlock], arrivalNTP: NTPTimestamp) {
        for block in blocks {
            guard block.ssrc == ssrc else {
                rejections.count(RTCPRejectionCounter.unknownSSRC)
                continue
            }
            if let rtt = block.roundTripTime(arrivalNTPMiddle32: arrivalNTP.middle32) { latestRTT = rtt }
        }
    }

    private mutating func processExtendedReport(_ report: ExtendedReport, arrivalNTP: NTPTimestamp) {
        for block in report.blocks {
            if case .voipMetrics(let metrics) = block {
                if metrics.ssrc == ssrc { peerVoIPMetrics = metrics } else {
                    rejections.count(RTCPRejectionCounter.unknownSSRC)
                }
            } else if let items = ReceiverReferenceTime.dlrr(in: block) {
                // A DLRR may answer several receivers; only the sub-block for us matters.
                for item in items where item.ssrc == ssrc {
                    if let rtt = ReportBlock.roundTripTime(
                        arrivalNTPMiddle32: arrivalNTP.middle32, lastSR: item.lastReceiverReport,
                        delaySinceLastSR: item.delaySinceLastReceiverReport)
                    {
                        latestRTT = rtt
                    }
                }
            }
        }
    }
}
