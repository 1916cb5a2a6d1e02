import Capture
import Foundation
import JitterbugTestSupport
import Testing
@testable import Analysis

#if canImport(Glibc)
import Glibc
#endif

/// The analyzer agrees with independent measurements of one impaired stream: the relay's
/// ground truth, tshark's RTP stream table, and RFC 3550 A.8 recomputed here from tshark's
/// per-packet fields. The capture is read with tshark, not with our capture reader.
@Suite(
    .serialized,
    .enabled(if: ExternalProgram.which("tshark") != nil && getuid() == 0, "needs tshark and root to capture on lo"))
struct TsharkAgreementAnalysisTests {
    @Test func lossDuplicatesAndJitterAgreeWithTsharkAndGroundTruth() throws {
        let tshark = try #require(ExternalProgram.which("tshark"))
        let directory = try TemporaryDirectory.create()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try RelayCaptureRun.run(
            tshark: tshark, impair: "loss=ge:5%/2,duplicate=3%,delay=20ms,jitter=15ms,seed=11", in: directory,
            receiverOptions: ["--no-decode"], captureRTCP: true)
        let packets = try TsharkFields.packets(tshark: tshark, capture: run.capture)
        #expect(packets.count > 200)
        let report = try AnalyzerRun.report(packets)
        let stream = try #require(report.streams.first, "no stream in \(packets.count) packets")
        #expect(report.streams.count == 1)
        #expect(stream.codec.value == "opus")

        // RTCP found without signalling on the port above, matched by SSRC: the sender's SRs
        // and the sink's receiver reports about this stream.
        #expect(stream.rtcp.senderReports > 0)
        #expect(stream.rtcp.reportBlocks > 0)
        let senderReport = try #require(stream.rtcp.lastSenderReport.value)
        #expect(senderReport.packetCount > 0 && senderReport.packetCount <= 250)
        #expect(report.analyzer.otherPackets == 0 && report.analyzer.malformedRTCPPackets == 0)

        let truth = try run.truth()
        #expect(truth.dropped > 5 && truth.duplicated > 2, "the impairment should drop and duplicate")
        #expect(stream.lost == Int64(truth.dropped), "lost \(stream.lost) vs ground truth \(truth.dropped)")
        #expect(stream.duplicates == UInt64(truth.duplicated), "duplicates \(stream.duplicates) vs ground truth \(truth.duplicated)")

        let row = try #require(try TsharkRTPStreams.rows(tshark: tshark, capture: run.capture, port: run.receiverPort).first)
        #expect(stream.packets == row.packets)
        // tshark's Lost is RFC 3550's expected − received, duplicates included.
        #expect(stream.rfc3550CumulativeLost == Int64(row.lost), "ours \(stream.rfc3550CumulativeLost) vs tshark \(row.lost)")
        #expect(stream.lost == Int64(row.lost) + Int64(stream.duplicates))
        #expect(abs(stream.maximumDeltaMilliseconds - row.maxDeltaMilliseconds) < 0.01, "max delta \(stream.maximumDeltaMilliseconds) vs \(row.maxDeltaMilliseconds)")

        // RFC 3550 A.8 at 48 kHz from tshark's fields: each sequence number's first arrival, in
        // arrival order.
        let fields = try CommandRunner.run(
            tshark,
            ["-r", run.capture, "-d", "udp.port==\(run.receiverPort),rtp", "-Y", "rtp", "-T", "fields", "-e", "frame.time_epoch",
             "-e", "rtp.seq", "-e", "rtp.timestamp"])
        var seen = Set<Int>()
        var jitter = 0.0
        var previous: (nanoseconds: Int64, timestamp: UInt32)?
        // Least squares of media time (y) against arrival time (x), seconds since the first
        // packet, and the skew y − x of largest magnitude (Wireshark's), over the same packets.
        var first: (nanoseconds: Int64, timestamp: UInt32)?
        var sums = (n: 0.0, x: 0.0, y: 0.0, xx: 0.0, xy: 0.0)
        var largestSkew = 0.0
        for line in fields.stdout.split(separator: "\n") {
            let f = line.split(separator: "\t")
            guard f.count == 3, let nanoseconds = TsharkFields.nanoseconds(epoch: f[0]), let sequence = Int(f[1]),
                let timestamp = UInt32(f[2]), seen.insert(sequence).inserted
            else { continue }
            // D = (Rj − Ri) − (Sj − Si) in timestamp units (Si, Sj wrapping modulo 2^32).
            if let previous {
                let d = Double(nanoseconds - previous.nanoseconds) / 1e9 * 48_000
                    - Double(Int32(bitPattern: timestamp &- previous.timestamp))
                jitter += (abs(d) - jitter) / 16
            }
            previous = (nanoseconds, timestamp)
            let origin = first ?? (nanoseconds, timestamp)
            first = origin
            let x = Double(nanoseconds - origin.nanoseconds) / 1e9
            let y = Double(Int32(bitPattern: timestamp &- origin.timestamp)) / 48_000
            sums = (sums.n + 1, sums.x + x, sums.y + y, sums.xx + x * x, sums.xy + x * y)
            if abs(y - x) > abs(largestSkew) { largestSkew = y - x }
        }
        let reference = jitter / 48
        let ours = try #require(stream.jitterMilliseconds.value)
        let slope = (sums.n * sums.xy - sums.x * sums.y) / (sums.n * sums.xx - sums.x * sums.x)
        let referenceDrift = (slope - 1) * 1e6
        let drift = try #require(stream.driftPartsPerMillion.value)
        #expect(abs(drift - referenceDrift) < 0.01, "drift \(drift) ppm vs least squares on tshark's fields \(referenceDrift)")
        #expect(abs((stream.skewMilliseconds.value ?? 0) - largestSkew * 1_000) < 0.001)
        print(
            "agreement: drift \(drift) ppm, least squares on tshark's fields \(referenceDrift); skew \(stream.skewMilliseconds.value ?? 0) ms, "
                + "reference \(largestSkew * 1_000);\n"
                + "agreement: packets \(stream.packets) tshark \(row.packets); lost \(stream.lost) truth \(truth.dropped); "
                + "duplicates \(stream.duplicates) truth \(truth.duplicated); rfc3550 lost \(stream.rfc3550CumulativeLost) "
                + "tshark \(row.lost); max delta \(stream.maximumDeltaMilliseconds) tshark \(row.maxDeltaMilliseconds); "
                + "out of order \(stream.outOfOrder); sequence errors \(stream.sequenceErrors); jitter \(ours) A.8 \(reference); "
                + "RTCP: \(stream.rtcp.senderReports) SRs (last says \(senderReport.packetCount) sent), "
                + "\(stream.rtcp.reportBlocks) report blocks (last says lost "
                + "\(stream.rtcp.lastReportBlock.value.map { String($0.cumulativeLost) } ?? "-"), jitter "
                + "\(stream.rtcp.lastReportBlock.value?.jitterMilliseconds.value ?? -1) ms)")
        #expect(reference > 0.5, "the impairment should make jitter visible")
        #expect(abs(ours - reference) <= 0.01 * reference, "ours \(ours) ms vs A.8 from tshark \(reference) ms")
    }

    /// The same capture through `jitterbug analyze` (our reader) gives the figures the
    /// tshark-fed analysis gives.
    @Test(.enabled(if: CaptureReaderProbe.readsPcap, "the capture reader does not read pcap yet"))
    func analyzeCommandAgreesWithTheTsharkFedAnalysis() throws {
        let tshark = try #require(ExternalProgram.which("tshark"))
        let directory = try TemporaryDirectory.create()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try RelayCaptureRun.run(
            tshark: tshark, impair: "loss=ge:4%/2,duplicate=2%,jitter=10ms,seed=4", in: directory,
            receiverOptions: ["--no-decode"], captureRTCP: true)
        let stream = try #require(try AnalyzerRun.onlyStream(try TsharkFields.packets(tshark: tshark, capture: run.capture)))
        let result = try CommandRunner.run(JitterbugBinary.path, ["analyze", run.capture, "--json", "-"], timeoutSeconds: 60)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let streams = try #require(json["streams"] as? [[String: Any]])
        #expect(streams.count == 1)
        let figures = try #require(streams.first)
        #expect(figures["packets"] as? Int == stream.packets)
        #expect(figures["lost"] as? Int == Int(stream.lost))
        #expect(figures["duplicates"] as? Int == Int(stream.duplicates))
        #expect(figures["sequence_errors"] as? Int == stream.sequenceErrors)
        let jitter = try #require(figures["jitter_ms"] as? Double)
        #expect(abs(jitter - (stream.jitterMilliseconds.value ?? 0)) < 1e-6)
    }
}
