import Foundation
import Pipelines
import RTCP
import Reports

/// `send --json FILE`: what the sender did, and what the receiver reported about it by RTCP at
/// the end (as iperf3's client shows the server's results). Keys are documented in README.md.
struct SenderSummaryJSON: Encodable {
    /// What the receiver's last RTCP report said; `nil` (JSON `null`) when none arrived.
    struct ReceiverReported: Encodable {
        /// Packets the receiver counts lost: RFC 3550 cumulative lost when ≥ 0, else 0.
        var lostPackets: Int
        /// Net duplicates: how far RFC 3550 cumulative lost went below 0 (more received than sent).
        var duplicates: Int
        /// Lost packets as a percentage of the packets sent.
        var lossPercent: Double
        /// RFC 3550 cumulative number of packets lost as reported (may be negative).
        var cumulativeLost: Int
        /// Fraction lost (0–1) over the last report's interval.
        var fractionLost: Double?
        /// RFC 3550 A.8 interarrival jitter in milliseconds.
        var jitterMilliseconds: Double?
        /// Round trip from the last report's LSR/DLSR in milliseconds.
        var roundTripMilliseconds: Double?
        /// Whether the receiver said BYE.
        var saidGoodbye: Bool

        enum CodingKeys: String, CodingKey {
            case lostPackets = "lost_packets", duplicates, lossPercent = "loss_percent"
            case cumulativeLost = "cumulative_lost", fractionLost = "fraction_lost", jitterMilliseconds = "jitter_ms"
            case roundTripMilliseconds = "rtt_ms", saidGoodbye = "said_bye"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(lostPackets, forKey: .lostPackets)
            try container.encode(duplicates, forKey: .duplicates)
            try container.encode(lossPercent, forKey: .lossPercent)
            try container.encode(cumulativeLost, forKey: .cumulativeLost)
            try container.encode(fractionLost, forKey: .fractionLost)
            try container.encode(jitterMilliseconds, forKey: .jitterMilliseconds)
            try container.encode(roundTripMilliseconds, forKey: .roundTripMilliseconds)
            try container.encode(saidGoodbye, forKey: .saidGoodbye)
        }
    }

    var destination: String
    var summary: SenderSummary
    var senderReportsSent: Int
    var receiverReportsReceived: Int
    var receiver: ReceiverReported?

    init(destination: String, result: SenderResult) {
        self.destination = destination
        summary = result.summary
        let status = result.rtcp
        senderReportsSent = status.reportsSent
        receiverReportsReceived = status.reportsReceived
        receiver = Self.receiverReported(status, packetsSent: result.summary.packets)
    }

    /// The receiver's figures from `status`, or `nil` before any receiver report.
    static func receiverReported(_ status: SenderRTCPSession.Status, packetsSent: Int) -> ReceiverReported? {
        guard status.reportsReceived > 0, let cumulative = status.cumulativeLost else { return nil }
        let lost = max(0, Int(cumulative))
        return ReceiverReported(
            lostPackets: lost, duplicates: max(0, -Int(cumulative)),
            lossPercent: packetsSent > 0 ? Double(lost) * 100 / Double(packetsSent) : 0,
            cumulativeLost: Int(cumulative), fractionLost: status.fractionLost,
            jitterMilliseconds: status.jitterMilliseconds, roundTripMilliseconds: status.roundTripMilliseconds,
            saidGoodbye: status.receiverSaidGoodbye)
    }

    enum CodingKeys: String, CodingKey {
        case destination, packets, bytes, frames, ssrc
        case dtxFramesSuppressed = "dtx_frames_suppressed", durationSeconds = "duration_s"
        case kilobitsPerSecond = "rtp_kbit_s", maxLatenessMilliseconds = "max_lateness_ms"
        case senderReportsSent = "rtcp_reports_sent", receiverReportsReceived = "rtcp_reports_received"
        case receiver = "receiver_reported"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(destination, forKey: .destination)
        try container.encode(summary.packets, forKey: .packets)
        try container.encode(summary.bytes, forKey: .bytes)
        try container.encode(summary.frames, forKey: .frames)
        try container.encode(summary.ssrc, forKey: .ssrc)
        try container.encode(summary.dtxFramesSuppressed, forKey: .dtxFramesSuppressed)
        try container.encode(summary.durationSeconds, forKey: .durationSeconds)
        try container.encode(summary.kilobitsPerSecond, forKey: .kilobitsPerSecond)
        try container.encode(summary.maxLatenessMilliseconds, forKey: .maxLatenessMilliseconds)
        try container.encode(senderReportsSent, forKey: .senderReportsSent)
        try container.encode(receiverReportsReceived, forKey: .receiverReportsReceived)
        try container.encode(receiver, forKey: .receiver)
    }

    /// The JSON text (sorted keys, pretty printed, a final newline).
    func text() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
