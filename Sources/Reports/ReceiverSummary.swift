import JitterbugSupport
import Stats

/// What a receiver saw, for the end-of-run table and JSON. Field names follow iperf3 where it
/// has one (`packets`, `lost_packets`, `lost_percent`, `jitter_ms`, `out_of_order`).
public struct ReceiverSummary: Sendable, Equatable, Codable {
    /// The decoded stream, as `address:port ssrc 0x…`; `nil` when no stream became valid.
    public var stream: String?
    /// Distinct RTP packets of the decoded stream (sequence numbers received; duplicates not,
    /// packets held on A.1 probation yes). The sum of the intervals' `packets`.
    public var packets: Int64 = 0
    /// Packets the sequence numbers say were sent: extended highest − first + 1, summed over
    /// sequence restarts. expected = packets + lost.
    public var expectedPackets: Int64 = 0
    /// Distinct sequence numbers expected and never received (expected − packets, ≥ 0).
    public var lostPackets: Int64 = 0
    public var lostPercent: Double = 0
    /// RFC 3550 A.3 cumulative lost: expected − received with duplicates, what receiver reports
    /// and tshark say; negative when duplicates outnumber losses.
    public var rfc3550CumulativeLost: Int64 = 0
    /// Exact repeats of a sequence number already received.
    public var duplicatePackets: Int64 = 0
    /// Sequence restarts (RFC 3550 A.1: two sequential packets after a jump of 3000 or more),
    /// kept only when the next packet follows the new sequence.
    public var sequenceRestarts: Int64 = 0
    /// Packets dropped by A.1's bad-sequence rule (a jump of 3000 or more, or more than 100
    /// behind), restart packets whose restart was undone included.
    public var badSequencePackets: Int64 = 0
    /// Packets whose RTP timestamp is inconsistent with their sequence number: dropped, not in
    /// jitter or delay figures.
    public var wrongTimestampPackets: Int64 = 0
    /// Packets with no payload: dropped before the statistics.
    public var emptyPayloadPackets: Int64 = 0
    /// Packets held on probation that could not belong to the stream, or beyond the hold limit.
    public var probationDroppedPackets: Int64 = 0
    /// Packets that arrived with a sequence number below the highest already seen.
    public var outOfOrder: Int64 = 0
    /// Packets that arrived after their playout time.
    public var latePackets: Int64 = 0
    /// RFC 3550 A.8 interarrival jitter in milliseconds.
    public var jitterMilliseconds: Double = 0
    /// Frames written: decoded, rebuilt from FEC, concealed (PLC, or silence after the fade).
    public var framesDecoded: Int = 0
    public var framesRecoveredByFEC: Int = 0
    public var framesConcealed: Int = 0
    public var framesComfortSilence: Int = 0
    /// The jitter buffer's ledger: every sequence number ends as exactly one of these outcomes.
    public var buffer: BufferLedger?
    /// Samples per channel written to the output.
    public var outputFrames: Int = 0
    public var outputSampleRate: Int = 0
    public var outputChannels: Int = 0
    /// The jitter buffer's delay target at the end, in milliseconds above the fastest recent
    /// packet (the interval lines' "target" column).
    public var targetDelayMilliseconds: Double = 0
    /// The jitter buffer's playout delay at the end, same reference (the interval lines'
    /// "playout" column, JSONL `buffer_ms`); decoded audio moves it by pitch periods
    /// (time-scaling, #16), so it stays within a period of the target; without decoding it moves
    /// in whole frames and can sit up to one frame above. `nil` without a jitter buffer.
    public var playoutDelayMilliseconds: Double?
    /// Time-scaling, stretch concealment, mean playout delay and clock drift of the audio
    /// playout (JSON `playout_scaling`); `nil` in telemetry mode or when not decoding.
    public var playoutScaling: PlayoutScalingSummary?
    /// One-way delay from the sender's NTP send-time extension (meaningful when both clocks are
    /// the same or synchronised), median and 99th percentile in milliseconds; `nil` without samples.
    public var oneWayDelayP50Milliseconds: Double?
    public var oneWayDelayP99Milliseconds: Double?
    /// Full one-way delay distribution (same assumption as above), milliseconds.
    public var oneWayDelay: LatencyHistogram.Summary?
    /// RFC 5481 packet delay variation: one-way delay above the smallest seen, which needs no
    /// shared clock (a constant offset cancels), milliseconds.
    public var delayVariation: LatencyHistogram.Summary?
    /// Mouth-to-ear estimate: median one-way delay + jitter buffer delay + Opus frame and
    /// look-ahead (26.5 ms), milliseconds; shared clock assumed.
    public var mouthToEarMilliseconds: Double?
    /// Loss structure of the decoded stream (frames not played from their own packet).
    public var lossPattern: LossPatternSummary?
    /// Latest round-trip time from RTCP (RRTR/DLRR with the sender), milliseconds.
    public var roundTripMilliseconds: Double?
    /// Receiver reports sent and sender reports received.
    public var rtcpReportsSent: Int = 0
    public var rtcpReportsReceived: Int = 0
    /// Reports not sent because the peer had sent fewer bytes since the last one (no amplification).
    public var rtcpReportsSuppressed: Int = 0
    /// Receiver reports this host refused to send (a local firewall: EPERM, no route…). NIO then
    /// closes the RTCP socket: reports stop, and RTP reception goes on (it used to end the run).
    public var rtcpSendErrors: Int = 0
    /// The sender ended the stream with RTCP BYE.
    public var senderSaidGoodbye: Bool = false
    /// ITU-T G.107 E-model estimate from one-way delay + jitter buffer + codec delay and
    /// effective loss (network + late, counted once) with burstiness: an estimate, not a measurement.
    public var rFactor: Double?
    public var mos: Double?
    /// Telemetry streams only: samples, gaps and freshness.
    public var telemetry: TelemetrySummary?
    /// Datagrams of this stream that came by UDP, and RFC 4571 frames that came by TCP
    /// (duplicates across paths included).
    public var packetsByUDP: Int = 0
    public var packetsByTCP: Int = 0
    /// The TCP listener's connection counts; `nil` when the receiver did not listen on TCP.
    public var tcpListener: TCPListenerSummary?
    /// Every datagram (and TCP frame) the receiver read, accepted or not: a raw count for
    /// throughput tests, unlike `packets`, which RFC 3550 A.1 validation decides.
    public var datagramsReceived: Int = 0
    /// Streams seen (decoded), including ended ones.
    public var streamCount: Int = 0
    /// Every stream's own summary when there was more than one (ended ones first, bounded).
    public var streams: [ReceiverSummary]?
    /// Packets of streams still on probation or dropped from the table (not decoded).
    public var otherStreamPackets: Int = 0
    /// Datagrams rejected before reaching a stream, by reason.
    public var rejected: [String: Int] = [:]
    /// Datagrams the kernel dropped at the receiver's UDP sockets (receive buffer full), read at
    /// the end of the run; `nil` where the platform does not count them. Datagrams sent to the
    /// receiver = `datagrams_received` (UDP) + this.
    public var socketDrops: Int?
    /// `true` when the receiver read with UDP GRO (`recv --gro`): the kernel then counts a dropped
    /// aggregate of up to 64 datagrams as one, so `socket_drops` is a lower bound. Absent otherwise.
    public var socketDropsAreLowerBound: Bool?
    /// The receiver process's peak resident set size (`getrusage` `ru_maxrss`), KiB.
    public var peakRSSKiB: Int?
    /// `recv --capture`: UDP datagrams and RFC 4571 frames written to the pcap (every one read,
    /// RTCP and rejected ones included), their bytes (UDP payloads, frames without their
    /// length), and those read but not written (the writer fell behind or a write failed;
    /// `capture_packets + capture_dropped` = everything read). `nil` without a capture.
    public var capturePackets: Int?
    public var captureBytes: Int64?
    public var captureDropped: Int?
    /// The capture's first write error, if one happened.
    public var captureError: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case stream, packets
        case expectedPackets = "expected_packets"
        case lostPackets = "lost_packets"
        case lostPercent = "lost_percent"
        case rfc3550CumulativeLost = "rfc3550_cumulative_lost"
        case duplicatePackets = "duplicate_packets"
        case sequenceRestarts = "sequence_restarts"
        case badSequencePackets = "bad_sequence_packets"
        case wrongTimestampPackets = "wrong_timestamp_packets"
        case emptyPayloadPackets = "empty_payload_packets"
        case probationDroppedPackets = "probation_dropped_packets"
        case outOfOrder = "out_of_order"
        case latePackets = "late_packets"
        case jitterMilliseconds = "jitter_ms"
        case framesDecoded = "frames_decoded"
        case framesRecoveredByFEC = "frames_fec"
        case framesConcealed = "frames_concealed"
        case framesComfortSilence = "frames_comfort_silence"
        case buffer = "jitter_buffer"
        case outputFrames = "output_frames"
        case outputSampleRate = "output_sample_rate"
        case outputChannels = "output_channels"
        case targetDelayMilliseconds = "target_delay_ms"
        case playoutDelayMilliseconds = "playout_delay_ms"
        case playoutScaling = "playout_scaling"
        case oneWayDelayP50Milliseconds = "one_way_delay_p50_ms"
        case oneWayDelayP99Milliseconds = "one_way_delay_p99_ms"
        case otherStreamPackets = "other_stream_packets"
        case telemetry
        case streamCount = "stream_count"
        case datagramsReceived = "datagrams_received"
        case packetsByUDP = "packets_udp"
        case packetsByTCP = "packets_tcp"
        case tcpListener = "tcp_listener"
        case streams
        case oneWayDelay = "one_way_delay"
        case roundTripMilliseconds = "rtt_ms"
        case delayVariation = "delay_variation"
        case mouthToEarMilliseconds = "mouth_to_ear_ms"
        case lossPattern = "loss_pattern"
        case rtcpReportsSent = "rtcp_reports_sent"
        case rtcpReportsReceived = "rtcp_reports_received"
        case rtcpReportsSuppressed = "rtcp_reports_suppressed"
        case rtcpSendErrors = "rtcp_send_errors"
        case senderSaidGoodbye = "sender_bye"
        case rFactor = "r_factor"
        case mos = "mos_estimate"
        case rejected
        case socketDrops = "socket_drops"
        case socketDropsAreLowerBound = "socket_drops_lower_bound"
        case peakRSSKiB = "peak_rss_kib"
        case capturePackets = "capture_packets"
        case captureBytes = "capture_bytes"
        case captureDropped = "capture_dropped"
        case captureError = "capture_error"
    }

    /// A small table for people.
    public var table: String {
        var rows: [(String, String)] = [
            (streamCount > 1 ? "details of the first stream" : "stream", stream ?? "none"),
            ("packets received", "\(packets)"),
            ("lost", "\(lostPackets)/\(expectedPackets) (\(lostPercent.formatted(decimals: 2))%)"),
            ("duplicates", "\(duplicatePackets) (RFC 3550 cumulative lost \(rfc3550CumulativeLost))"),
            ("arrived by UDP / TCP", "\(packetsByUDP) / \(packetsByTCP)"),
            ("out of order", "\(outOfOrder)"),
            ("late", "\(latePackets)"),
            ("jitter", "\(jitterMilliseconds.formatted(decimals: 2)) ms"),

            ("buffer ledger", buffer.map { "played \($0.played), FEC \($0.recoveredByFEC), lost \($0.concealedLost), late \($0.concealedLate), shrink \($0.discardedToShrink), overflow \($0.droppedOverflow), flushed \($0.flushed) of \($0.expected)" } ?? "none"),
            ("jitter buffer delay playout / target", "\(playoutDelayMilliseconds.map { $0.formatted(decimals: 1) } ?? "-") / \(targetDelayMilliseconds.formatted(decimals: 1)) ms (above the fastest recent packet)"),
        ]
        if telemetry == nil {
            rows.insert(("frames decoded / FEC / concealed", "\(framesDecoded) / \(framesRecoveredByFEC) / \(framesConcealed)"), at: rows.count - 2)
            rows.append(("output", "\(outputFrames) frames at \(outputSampleRate) Hz x \(outputChannels) ch"))
            if let playoutScaling { rows.append(("playout time-scaling", playoutScaling.text)) }
        }
        if let p50 = oneWayDelayP50Milliseconds, let p99 = oneWayDelayP99Milliseconds {
            rows.append(("one-way delay p50 / p99", "\(p50.formatted(decimals: 2)) / \(p99.formatted(decimals: 2)) ms (shared clock assumed)"))
        }
        if let pdv = delayVariation {
            rows.append(("delay variation p50/p99 (RFC 5481)", "\(pdv.p50Milliseconds.formatted(decimals: 2)) / \(pdv.p99Milliseconds.formatted(decimals: 2)) ms"))
        }
        if let mouthToEarMilliseconds {
            rows.append(("mouth-to-ear estimate", "\(mouthToEarMilliseconds.formatted(decimals: 1)) ms"))
        }
        if let lossPattern, lossPattern.bursts > 0 {
            rows.append(("loss runs", "\(lossPattern.bursts), mean \(lossPattern.meanBurstLength.formatted(decimals: 2)), longest \(lossPattern.longestBurst); Gilbert-Elliott p \((lossPattern.goodToBad * 100).formatted(decimals: 2))%, r \((lossPattern.badToGood * 100).formatted(decimals: 1))%"))
        }
        rows.append(("rtt (rtcp)", roundTripMilliseconds.map { "\($0.formatted(decimals: 2)) ms" } ?? "n/a"))
        rows.append(("rtcp reports sent / received", "\(rtcpReportsSent) / \(rtcpReportsReceived)\(senderSaidGoodbye ? ", sender said BYE" : "")"))
        if rtcpSendErrors > 0 {
            rows.append(("rtcp send errors", "\(rtcpSendErrors) refused by this host (a local firewall?); receiver reports stopped, RTP reception went on"))
        }
        if let mos, let rFactor {
            rows.append(("quality (E-model estimate)", "MOS \(mos.formatted(decimals: 2)), R \(rFactor.formatted(decimals: 1))"))
        }
        if let telemetry {
            rows.append(("telemetry samples / gaps", "\(telemetry.samples) / \(telemetry.gaps) (\(telemetry.packetsInGaps) packets), \(telemetry.lateDelivered) delivered late"))
            if let age = telemetry.ageOfInformation {
                rows.append(("age of information p50/p99/max", "\(age.p50Milliseconds.formatted(decimals: 1)) / \(age.p99Milliseconds.formatted(decimals: 1)) / \(age.maximumMilliseconds.formatted(decimals: 1)) ms"))
            }
            if let gap = telemetry.updateGap {
                rows.append(("update gap p50/p99/max", "\(gap.p50Milliseconds.formatted(decimals: 1)) / \(gap.p99Milliseconds.formatted(decimals: 1)) / \(gap.maximumMilliseconds.formatted(decimals: 1)) ms"))
            }
        }
        let dropped = [
            ("bad_sequence", badSequencePackets), ("wrong_timestamp", wrongTimestampPackets),
            ("empty_payload", emptyPayloadPackets), ("probation", probationDroppedPackets),
        ].filter { $0.1 > 0 }
        if sequenceRestarts > 0 || !dropped.isEmpty {
            let reasons = dropped.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
            rows.append(("sequence restarts / dropped", "\(sequenceRestarts) / \(reasons.isEmpty ? "0" : reasons)"))
        }
        if otherStreamPackets > 0 { rows.append(("other streams' packets", "\(otherStreamPackets)")) }
        let rejectedText = rejected.isEmpty ? "0" : rejected.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        rows.append(("rejected datagrams", rejectedText))
        if let socketDrops {
            let bound = socketDropsAreLowerBound == true ? "at least " : ""
            let why = socketDropsAreLowerBound == true ? " (read with GRO: a dropped aggregate counts once)" : ""
            rows.append(("kernel socket drops", "\(bound)\(socketDrops)\(why)"))
        }
        if let tcpListener { rows.append(("tcp listener", tcpListener.text)) }
        if let capturePackets {
            var text = "\(capturePackets) packets, \(captureBytes ?? 0) bytes written"
            if let captureDropped, captureDropped > 0 {
                text += "; \(captureDropped) DROPPED, not in the file (the writer fell behind or failed)"
            }
            if let captureError { text += "; \(captureError)" }
            rows.append(("capture (pcap)", text))
        }
        if let peakRSSKiB { rows.append(("peak RSS", "\(peakRSSKiB) KiB")) }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + $0.1 }.joined(separator: "\n")
    }
}
