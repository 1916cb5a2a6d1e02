import RTP

/// The RTCP found for one stream's SSRC (what the endpoints said), next to the capture's own
/// figures for the same quantities.
public struct RTCPReport: Encodable, Sendable {
    public var packetsSent: Int
    public var srtcpPackets: Int
    public var senderReports: Int
    public var lastSenderReport: Nullable<SenderReportFigures>
    public var reportBlocks: Int
    public var lastReportBlock: Nullable<ReportBlockFigures>
    public var voipMetricsBlocks: Int
    public var lastVoIPMetrics: Nullable<VoIPMetricsFigures>
    public var goodbyes: Int
    /// The capture's own figures: RFC 3550 cumulative lost and jitter (ms), to compare with
    /// `last_report_block`.
    public var captureCumulativeLost: Int64
    public var captureJitterMilliseconds: Nullable<Double>
    public var capturePackets: Int

    enum CodingKeys: String, CodingKey {
        case goodbyes
        case packetsSent = "packets_sent"
        case srtcpPackets = "srtcp_packets"
        case senderReports = "sender_reports"
        case lastSenderReport = "last_sr"
        case reportBlocks = "report_blocks"
        case lastReportBlock = "last_report_block"
        case voipMetricsBlocks = "xr_voip_metrics_blocks"
        case lastVoIPMetrics = "last_xr_voip_metrics"
        case captureCumulativeLost = "capture_cumulative_lost"
        case captureJitterMilliseconds = "capture_jitter_ms"
        case capturePackets = "capture_packets"
    }

    /// SR sender info (RFC 3550 §6.4.1).
    public struct SenderReportFigures: Encodable, Sendable {
        public var packetCount: UInt32
        public var octetCount: UInt32
        public var ntpUnixSeconds: Double
        public var rtpTimestamp: UInt32

        enum CodingKeys: String, CodingKey {
            case packetCount = "packet_count"
            case octetCount = "octet_count"
            case ntpUnixSeconds = "ntp_unix_s"
            case rtpTimestamp = "rtp_timestamp"
        }
    }

    /// A report block about this SSRC, with jitter in ms (when the clock is known).
    public struct ReportBlockFigures: Encodable, Sendable {
        public var fractionLostPercent: Double
        public var cumulativeLost: Int32
        public var extendedHighestSequence: UInt32
        public var jitterTimestampUnits: UInt32
        public var jitterMilliseconds: Nullable<Double>
        public var delaySinceLastSRMilliseconds: Double
        public var lastSR: UInt32

        enum CodingKeys: String, CodingKey {
            case fractionLostPercent = "fraction_lost_percent"
            case cumulativeLost = "cumulative_lost"
            case extendedHighestSequence = "extended_highest_sequence"
            case jitterTimestampUnits = "jitter_timestamp_units"
            case jitterMilliseconds = "jitter_ms"
            case delaySinceLastSRMilliseconds = "dlsr_ms"
            case lastSR = "lsr"
        }
    }

    /// RFC 3611 §4.7 VoIP Metrics about this SSRC (rates as %, 127 = unavailable kept as null).
    public struct VoIPMetricsFigures: Encodable, Sendable {
        public var lossRatePercent: Double
        public var discardRatePercent: Double
        public var burstDensityPercent: Double
        public var gapDensityPercent: Double
        public var roundTripDelayMilliseconds: Int
        public var endSystemDelayMilliseconds: Int
        public var rFactor: Nullable<Int>
        public var mosCQ: Nullable<Double>

        enum CodingKeys: String, CodingKey {
            case lossRatePercent = "loss_rate_percent"
            case discardRatePercent = "discard_rate_percent"
            case burstDensityPercent = "burst_density_percent"
            case gapDensityPercent = "gap_density_percent"
            case roundTripDelayMilliseconds = "round_trip_delay_ms"
            case endSystemDelayMilliseconds = "end_system_delay_ms"
            case rFactor = "r_factor"
            case mosCQ = "mos_cq"
        }
    }

    init(observation: RTCPObservation?, clockRateHertz: Int?, captureCumulativeLost: Int64, captureJitterMilliseconds: Double?, capturePackets: Int) {
        let seen = observation ?? RTCPObservation()
        packetsSent = seen.packetsSent
        srtcpPackets = seen.srtcpPacketsSent
        senderReports = seen.senderReports
        lastSenderReport = Nullable(seen.lastSenderReport.map { report in
            SenderReportFigures(
                packetCount: report.packetCount, octetCount: report.octetCount, ntpUnixSeconds: report.ntp.unixSeconds,
                rtpTimestamp: report.rtpTimestamp)
        })
        reportBlocks = seen.reportBlocks
        lastReportBlock = Nullable(seen.lastReportBlock.map { block in
            ReportBlockFigures(
                fractionLostPercent: Double(block.fractionLost) * 100 / 256, cumulativeLost: block.cumulativeLost,
                extendedHighestSequence: block.extendedHighestSequence, jitterTimestampUnits: block.jitter,
                jitterMilliseconds: Nullable(clockRateHertz.map { Double(block.jitter) * 1_000 / Double($0) }),
                delaySinceLastSRMilliseconds: Double(block.delaySinceLastSR) * 1_000 / 65_536, lastSR: block.lastSR)
        })
        voipMetricsBlocks = seen.voipMetricsBlocks
        lastVoIPMetrics = Nullable(seen.lastVoIPMetrics.map { metrics in
            VoIPMetricsFigures(
                lossRatePercent: Double(metrics.lossRate) * 100 / 256,
                discardRatePercent: Double(metrics.discardRate) * 100 / 256,
                burstDensityPercent: Double(metrics.burstDensity) * 100 / 256,
                gapDensityPercent: Double(metrics.gapDensity) * 100 / 256,
                roundTripDelayMilliseconds: Int(metrics.roundTripDelayMilliseconds),
                endSystemDelayMilliseconds: Int(metrics.endSystemDelayMilliseconds),
                rFactor: Nullable(metrics.rFactor == VoIPMetricsBlock.unavailable ? nil : Int(metrics.rFactor)),
                mosCQ: Nullable(metrics.mosCQ == VoIPMetricsBlock.unavailable ? nil : Double(metrics.mosCQ) / 10))
        })
        goodbyes = seen.goodbyes
        self.captureCumulativeLost = captureCumulativeLost
        self.captureJitterMilliseconds = Nullable(captureJitterMilliseconds)
        self.capturePackets = capturePackets
    }
}
