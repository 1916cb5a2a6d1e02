import JitterbugSupport

/// The `analyze` table for people: one block per stream, most troubled first, at most 80
/// columns wide.
public enum AnalysisTable {
    public static func text(_ report: AnalysisReport) -> String {
        var lines: [String] = []
        let counters = report.analyzer
        lines.append(
            "\(report.files.joined(separator: ", ")): \(report.capture.packets) packets read, "
                + "\(report.streams.count) RTP stream\(report.streams.count == 1 ? "" : "s"), "
                + "\(counters.rtcpPackets) RTCP, \(counters.srtcpPackets) SRTCP")
        if counters.otherPackets + counters.unconfirmedPackets + counters.overLimitPackets + counters.malformedRTCPPackets > 0 {
            lines.append(
                "not analysed: \(counters.otherPackets) not RTP, \(counters.unconfirmedPackets) unconfirmed, "
                    + "\(counters.malformedRTCPPackets) bad RTCP, \(counters.overLimitPackets) over the stream limit")
        }
        if report.streams.isEmpty {
            lines.append("no RTP stream found (RTP needs 3 packets in sequence from one SSRC)")
        }
        for stream in report.streams {
            lines.append("")
            lines += block(stream)
        }
        let fitted = lines.flatMap { line -> [String] in
            guard line.count > 80 else { return [line] }
            let indent = String(line.prefix { $0 == " " })
            return wrapped(String(line.dropFirst(indent.count)), indent: indent, continuation: indent + "    ")
        }
        return fitted.joined(separator: "\n") + "\n"
    }

    static func number(_ value: Double?, _ decimals: Int = 2) -> String {
        value.map { $0.formatted(decimals: decimals) } ?? "-"
    }

    static func block(_ stream: StreamReport) -> [String] {
        var lines: [String] = []
        let codec = stream.codec.value ?? "unknown"
        let clock = stream.clockRateHertz.value.map { "\($0) Hz" } ?? "clock unknown"
        lines.append("\(stream.ssrc) \(stream.source) -> \(stream.destination) \(stream.transport)")
        lines.append("  PT \(stream.payloadType) \(codec), \(clock), \(number(stream.durationSeconds, 1)) s, "
            + "\(number(stream.bitrateKilobitsPerSecond, 1)) kbit/s")
        lines.append("  packets \(stream.packets)  expected \(stream.expected)  lost \(stream.lost) "
            + "(\(number(stream.lossPercent))%)  rfc3550 lost \(stream.rfc3550CumulativeLost)")
        lines.append("  duplicates \(stream.duplicates)  out of order \(stream.outOfOrder)  "
            + "seq errors \(stream.sequenceErrors)  wrong ts \(stream.wrongTimestamps)")
        lines.append("  jitter \(number(stream.jitterMilliseconds.value)) ms (max "
            + "\(number(stream.maximumJitterMilliseconds.value)))  max delta \(number(stream.maximumDeltaMilliseconds)) ms  "
            + "skew \(number(stream.skewMilliseconds.value)) ms")
        let bursts = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10+"].map { "\(stream.lossBursts[$0] ?? 0)" }
        lines.append("  loss bursts 1..9,10+: \(bursts.joined(separator: " "))  GE p \(number(stream.gilbertElliott.p, 3)) "
            + "r \(number(stream.gilbertElliott.r, 3))")
        var extra = "  drift \(number(stream.driftPartsPerMillion.value, 1)) ppm  DTX gaps \(stream.dtxGaps)"
        if let delay = stream.oneWayDelayMilliseconds.value {
            extra += "  one-way p50 \(number(delay.p50)) p99 \(number(delay.p99)) ms"
        }
        lines.append(extra)
        if let block = stream.rtcp.lastReportBlock.value {
            lines.append("  RTCP said: lost \(block.cumulativeLost), jitter \(number(block.jitterMilliseconds.value)) ms "
                + "(capture: \(stream.rtcp.captureCumulativeLost), \(number(stream.rtcp.captureJitterMilliseconds.value)) ms)")
        }
        if let report = stream.rtcp.lastSenderReport.value {
            lines.append("  RTCP SR: \(report.packetCount) packets, \(report.octetCount) octets sent")
        }
        if !stream.jitterBuffers.isEmpty {
            lines.append("  buffer        late %  concealed %  mean ms   p99 ms     R   MOS")
            for result in stream.jitterBuffers {
                lines.append("  " + result.name.padded(right: 12) + number(result.lateLossPercent).padded(left: 8)
                    + number(result.concealedPercent).padded(left: 13) + number(result.meanPlayoutDelayMilliseconds, 1).padded(left: 9)
                    + number(result.p99PlayoutDelayMilliseconds, 1).padded(left: 9) + number(result.rFactor, 1).padded(left: 6)
                    + number(result.mos).padded(left: 6))
            }
        }
        if let needed = stream.delayNeededMilliseconds["1"]?.value {
            let tighter = stream.delayNeededMilliseconds["0.1"]?.value.map { ", \(number($0, 0)) ms for <= 0.1 %" } ?? ""
            lines.append("  needed \(number(needed, 0)) ms for <= 1 % late loss\(tighter)")
        }
        for note in stream.notes { lines.append("  note: " + note) }
        return lines
    }

    /// `text` in lines of at most 80 columns, broken at spaces.
    static func wrapped(_ text: String, indent: String, continuation: String) -> [String] {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            let prefix = lines.isEmpty ? indent : continuation
            if line.count > prefix.count, line.count + 1 + word.count > 80 {
                lines.append(line)
                line = continuation + word
            } else {
                line += (line.count > prefix.count ? " " : "") + word
            }
        }
        lines.append(line)
        return lines
    }
}
