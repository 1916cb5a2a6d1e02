import RTP
import Stats

/// RTCP state of a media sender: builds SR + SDES (+ DLRR, + BYE) compounds and digests the
/// receivers' RR/XR feedback into round-trip time, loss and jitter figures.
///
/// Pure value type: the caller passes both the monotonic arrival time (`Duration`, for windows
/// and delays) and the NTP wall time (for the RFC 3550 round-trip computation).
public struct RTCPSenderSide: Sendable {
    /// At most this many peers (reporters) are tracked; others are counted as unknown.
    public static let maximumPeers = 16

    /// Our SSRC (the media stream's).
    public let ssrc: UInt32
    /// Our canonical name, sent in every SDES.
    public let cname: String
    /// RTP clock rate in Hz, used to turn reported jitter into milliseconds.
    public let clockRateHertz: Int
    /// Length of the sliding window for ``windowedLossFraction(now:)``.
    public let lossWindow: Duration

    /// The most recent report block about our stream.
    public private(set) var lastReport: ReceptionReport?
    /// The most recent round-trip time measured (from RR LSR/DLSR).
    public private(set) var latestRTT: Duration?
    /// Every round-trip time measured.
    public private(set) var roundTripTimes = LatencyHistogram()
    /// The most recent RFC 3611 VoIP Metrics block about our stream.
    public private(set) var latestVoIPMetrics: VoIPMetricsBlock?
    /// CNAME per peer SSRC, from their SDES.
    public private(set) var peerCNAMEs: [UInt32: String] = [:]
    /// Set when a known peer sent BYE.
    public private(set) var peerGoodbye: StreamEnd?
    /// Rejected or ignored input by reason.
    public private(set) var rejections = RTCPRejectionCounter()
    /// Report blocks about our stream accepted so far.
    public private(set) var reportsReceived = 0
    /// Compound datagrams that parsed.
    public private(set) var compoundsReceived = 0

    private var knownPeers: Set<UInt32> = []
    private var window: [ReceptionReport] = []
    private var previousReportByPeer: [UInt32: ReceptionReport] = [:]
    /// Last RRTR per peer: middle 32 bits of its NTP time and our arrival time (for DLRR).
    private var receiverReferences: [UInt32: (middle32: UInt32, arrival: Duration)] = [:]

    /// - Parameters:
    ///   - lossWindow: sliding window for windowed loss (default 5 s; values ≤ 0 keep only the
    ///     latest report).
    public init(ssrc: UInt32, cname: String, clockRateHertz: Int = 48_000, lossWindow: Duration = .seconds(5)) {
        self.ssrc = ssrc
        self.cname = cname
        self.clockRateHertz = max(1, clockRateHertz)
        self.lossWindow = lossWindow
    }

    /// Arrival time of the most recent report about our stream.
    public var lastReportArrival: Duration? { lastReport?.arrival }

    // MARK: Building

    /// Builds SR + SDES(CNAME) [+ XR DLRR answering receivers' RRTRs] [+ BYE].
    /// - Parameters:
    ///   - ntp: wall-clock time of the report.
    ///   - rtpTimestamp: the RTP timestamp corresponding to `ntp` on the media clock.
    ///   - packetCount: RTP packets sent so far (mod 2^32).
    ///   - octetCount: payload octets sent so far (mod 2^32).
    ///   - now: monotonic time of sending (for the DLRR delay).
    ///   - goodbye: when non-`nil`, a BYE for our SSRC with this reason ("" = no reason) ends the compound.
    public func makeCompound(
        ntp: NTPTimestamp, rtpTimestamp: UInt32, packetCount: UInt32, octetCount: UInt32, now: Duration,
        goodbye: String? = nil
    ) -> [RTCPPacket] {
        let report = SenderReport(
            ssrc: ssrc, ntp: ntp, rtpTimestamp: rtpTimestamp, packetCount: packetCount, octetCount: octetCount)
        var packets: [RTCPPacket] = [.senderReport(report), .sourceDescription(.cname(ssrc: ssrc, cname))]
        // Answer every receiver's latest RRTR (sorted by SSRC so the output is deterministic).
        var answers: [ReceiverReferenceTime.DelaySinceLastReceiverReport] = []
        for (peer, reference) in receiverReferences.sorted(by: { $0.key < $1.key }) {
            answers.append(.init(
                ssrc: peer, lastReceiverReport: reference.middle32,
                delaySinceLastReceiverReport: ReportBlock.delaySinceLastSR(now - reference.arrival)))
        }
        if !answers.isEmpty {
            let dlrr = ReceiverReferenceTime.dlrrBlock(answers)
            packets.append(.extendedReport(ExtendedReport(ssrc: ssrc, blocks: [dlrr])))
        }
        if let goodbye {
            packets.append(.goodbye(Goodbye(ssrcs: [ssrc], reason: goodbye.isEmpty ? nil : goodbye)))
        }
        return packets
    }

    /// ``makeCompound(ntp:rtpTimestamp:packetCount:octetCount:now:goodbye:)`` with counts and
    /// timestamp taken from `packetizer`; `timestampOffsetSamples` is the media position at `ntp`.
    public func makeCompound(
        packetizer: RTPPacketizer, ntp: NTPTimestamp, timestampOffsetSamples: UInt32, now: Duration,
        goodbye: String? = nil
    ) -> [RTCPPacket] {
        makeCompound(
            ntp: ntp, rtpTimestamp: packetizer.rtpTimestamp(offsetSamples: timestampOffsetSamples),
            packetCount: packetizer.packetCount, octetCount: packetizer.octetCount, now: now, goodbye: goodbye)
    }

    // MARK: Processing

    /// Parses and processes one incoming RTCP datagram. Malformed compounds are counted by
    /// ``RTCPParseError/reason`` and dropped whole; returns `false` then.
    /// - Parameters:
    ///   - arrival: monotonic arrival time.
    ///   - arrivalNTP: wall-clock arrival time (the "A" of the RTT computation).
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
            case .receiverReport(let report):
                processBlocks(report.reportBlocks, from: report.ssrc, arrival: arrival, arrivalNTP: arrivalNTP)
            case .senderReport(let report):
                processBlocks(report.reportBlocks, from: report.ssrc, arrival: arrival, arrivalNTP: arrivalNTP)
            case .sourceDescription(let description):
                for chunk in description.chunks {
                    guard let name = chunk.cname else { continue }
                    if admitPeer(chunk.ssrc) { peerCNAMEs[chunk.ssrc] = name }
                }
            case .goodbye(let goodbye):
                for peer in goodbye.ssrcs {
                    if knownPeers.contains(peer) {
                        peerGoodbye = StreamEnd(ssrc: peer, reason: goodbye.reason, arrival: arrival)
                    } else {
                        rejections.count(RTCPRejectionCounter.unknownSSRC)
                    }
                }
            case .extendedReport(let report):
                processExtendedReport(report, arrival: arrival)
            case .unknown:
                rejections.count(RTCPRejectionCounter.unknownPacketType)
            }
        }
    }

    /// Fraction (0...1) of our packets lost over the reports that arrived in the last
    /// `lossWindow` before `now`: Σ interval lost / Σ interval expected. When no report in the
    /// window has interval counts (e.g. only the first report), the mean reported fraction lost.
    /// `nil` when no report arrived in the window.
    public func windowedLossFraction(now: Duration) -> Double? {
        let recent = window.filter { $0.arrival > now - lossWindow && $0.arrival <= now }
        guard !recent.isEmpty else { return nil }
        let expected = recent.reduce(Int64(0)) { $0 + $1.intervalExpected }
        if expected > 0 {
            let lost = recent.reduce(Int64(0)) { $0 + $1.intervalLost }
            return min(1, max(0, Double(lost) / Double(expected)))
        }
        return recent.reduce(0) { $0 + $1.fractionLost } / Double(recent.count)
    }

    // MARK: Private

    /// Tracks `peer` if already known or there is room; counts `source_table_full` otherwise.
    private mutating func admitPeer(_ peer: UInt32) -> Bool {
        knownPeers.admit(peer, limit: Self.maximumPeers, rejections: &rejections)
    }

    private mutating func processBlocks(
        _ blocks: [ReportBlock], from reporter: UInt32, arrival: Duration, arrivalNTP: NTPTimestamp
    ) {
        for block in blocks {
            guard block.ssrc == ssrc else {
                rejections.count(RTCPRejectionCounter.unknownSSRC)
                continue
            }
            guard admitPeer(reporter) else { continue }
            record(block, from: reporter, arrival: arrival, arrivalNTP: arrivalNTP)
        }
    }

    private mutating func record(
        _ block: ReportBlock, from reporter: UInt32, arrival: Duration, arrivalNTP: NTPTimestamp
    ) {
        let rtt = block.roundTripTime(arrivalNTPMiddle32: arrivalNTP.middle32)
        var intervalExpected: Int64 = 0
        var intervalLost: Int64 = 0
        if let previous = previousReportByPeer[reporter] {
            let delta = block.extendedHighestSequence &- previous.block.extendedHighestSequence
            // A forward step below 2^31 is progress; anything else is a restart or reordering.
            if delta > 0, delta < 0x8000_0000 {
                intervalExpected = Int64(delta)
                let lostDelta = Int64(block.cumulativeLost) - Int64(previous.block.cumulativeLost)
                intervalLost = min(intervalExpected, max(0, lostDelta))
            }
        }
        let report = ReceptionReport(
            reporterSSRC: reporter, arrival: arrival, block: block, roundTripTime: rtt,
            jitterMilliseconds: Double(block.jitter) * 1_000 / Double(clockRateHertz),
            intervalExpected: intervalExpected, intervalLost: intervalLost)
        previousReportByPeer[reporter] = report
        lastReport = report
        reportsReceived += 1
        if let rtt {
            latestRTT = rtt
            roundTripTimes.record(rtt)
        }
        window.append(report)
        // Keep only what the window can still use (arrivals are non-decreasing in practice).
        window.removeAll { $0.arrival <= arrival - lossWindow }
        if window.isEmpty { window.append(report) }
    }

    private mutating func processExtendedReport(_ report: ExtendedReport, arrival: Duration) {
        for block in report.blocks {
            if case .voipMetrics(let metrics) = block {
                if metrics.ssrc == ssrc, admitPeer(report.ssrc) {
                    latestVoIPMetrics = metrics
                } else if metrics.ssrc != ssrc {
                    rejections.count(RTCPRejectionCounter.unknownSSRC)
                }
            } else if let ntp = ReceiverReferenceTime.rrtr(in: block), admitPeer(report.ssrc) {
                receiverReferences[report.ssrc] = (ntp.middle32, arrival)
            }
            // Other block types (DLRR addressed to someone else, unknown BTs) are legal and ignored.
        }
    }
}
