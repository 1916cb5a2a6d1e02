import Capture
import RTP
import Testing
@testable import Analysis

/// RTCP (and SRTCP) found beside a stream, reported with the stream's SSRC.
@Suite struct RTCPFindingTests {
    static let streamSSRC: UInt32 = 0x1234_5678
    static let reporterSSRC: UInt32 = 0xCAFE_F00D

    @Test func senderAndReceiverReportsAreAttachedToTheirStream() throws {
        var packets = SyntheticPackets.regular(count: 20, lost: [7], ssrc: Self.streamSSRC)
        let senderReport = RTCPPacket.senderReport(
            SenderReport(
                ssrc: Self.streamSSRC, ntp: NTPTimestamp(seconds: 3_976_214_400, fraction: 1 << 31), rtpTimestamp: 9_600,
                packetCount: 20, octetCount: 3_200))
        // From the receiver: 64/256 lost, 3 cumulative, jitter 80 units (10 ms at 8 kHz),
        // DLSR 32768/65536 s (500 ms).
        let block = ReportBlock(
            ssrc: Self.streamSSRC, fractionLost: 64, cumulativeLost: 3, extendedHighestSequence: 1_019, jitter: 80,
            lastSR: 0x1234_5678, delaySinceLastSR: 32_768)
        let receiverReport = RTCPPacket.receiverReport(ReceiverReport(ssrc: Self.reporterSSRC, reportBlocks: [block]))
        packets.append(SyntheticPackets.datagram(RTCPCompound.serialize([senderReport]), arrivalMilliseconds: 390))
        packets.append(SyntheticPackets.datagram(RTCPCompound.serialize([receiverReport]), arrivalMilliseconds: 400))
        let report = try AnalyzerRun.report(packets)
        #expect(report.analyzer.rtcpPackets == 2)
        #expect(report.rtcpStreams == 2)
        let stream = try #require(report.streams.first)
        #expect(stream.rtcp.senderReports == 1)
        let sr = try #require(stream.rtcp.lastSenderReport.value)
        #expect(sr.packetCount == 20)
        #expect(sr.octetCount == 3_200)
        #expect(sr.rtpTimestamp == 9_600)
        let figures = try #require(stream.rtcp.lastReportBlock.value)
        #expect(figures.fractionLostPercent == 25)
        #expect(figures.cumulativeLost == 3)
        #expect(figures.jitterMilliseconds.value == 10)
        #expect(figures.delaySinceLastSRMilliseconds == 500)
        // Side by side: the capture's own figure.
        #expect(stream.rtcp.captureCumulativeLost == 1)
    }

    @Test func srtcpIsRecognisedByItsTrailer() throws {
        // An SRTCP RR: clear header and SSRC, 24 "encrypted" bytes, E flag + index 5, 10-byte tag.
        var bytes: [UInt8] = [0x81, 201, 0x00, 0x07, 0x12, 0x34, 0x56, 0x78]
        bytes += [UInt8](repeating: 0x5A, count: 24)
        bytes += [0x80, 0x00, 0x00, 0x05]
        bytes += [UInt8](repeating: 0xA5, count: 10)
        let packets = SyntheticPackets.regular(count: 10, ssrc: Self.streamSSRC)
            + [SyntheticPackets.datagram(bytes, arrivalMilliseconds: 500)]
        let report = try AnalyzerRun.report(packets)
        #expect(report.srtcpPackets == 1)
        #expect(report.streams.first?.rtcp.srtcpPackets == 1)
        #expect(report.analyzer.malformedRTCPPackets == 0)
    }

    @Test func rtcpMuxOnTheSamePortIsNotRTP() throws {
        // RTCP on the RTP 5-tuple (RFC 5761): counted as RTCP, not in the stream's packets.
        var packets = SyntheticPackets.regular(count: 10, ssrc: Self.streamSSRC)
        let rr = RTCPPacket.receiverReport(ReceiverReport(ssrc: Self.streamSSRC))
        packets.insert(SyntheticPackets.datagram(RTCPCompound.serialize([rr]), arrivalMilliseconds: 55), at: 3)
        let report = try AnalyzerRun.report(packets)
        #expect(report.streams.first?.packets == 10)
        #expect(report.analyzer.rtcpPackets == 1)
    }

    @Test func jsonHasTheDocumentedKeys() throws {
        let report = try AnalyzerRun.report(SyntheticPackets.regular(count: 10))
        let text = try report.jsonText()
        for key in [
            "\"files\"", "\"capture\"", "\"streams\"", "\"rtcp_streams\"", "\"ssrc\" : \"0x12345678\"", "\"source\" : \"127.0.0.1:40000\"",
            "\"transport\" : \"udp\"", "\"payload_type\" : 0", "\"codec\" : \"PCMU\"", "\"clock_rate_hz\" : 8000",
            "\"rfc3550_cumulative_lost\"", "\"loss_bursts\"", "\"10+\"", "\"burst_gap\"", "\"gilbert_elliott\"",
            "\"one_way_delay_ms\" : null", "\"jitter_buffers\"", "\"delay_needed_ms\"", "\"0.1\"", "\"delay_curve\"",
            "\"max_delta_ms\"", "\"drift_ppm\"", "\"bitrate_kbps\"", "\"dtx_gaps\"", "\"sequence_errors\"",
        ] {
            #expect(text.contains(key), "missing \(key)")
        }
    }

    @Test func jitterBufferResultsAreSnakeCaseInJSON() throws {
        var report = try AnalyzerRun.report(SyntheticPackets.regular(count: 10))
        report.streams[0].jitterBuffers = [
            PlayoutResult(
                name: "fixed:50", lateLossPercent: 1.5, concealedPercent: 2, meanPlayoutDelayMilliseconds: 50,
                p99PlayoutDelayMilliseconds: 60, rFactor: 80, mos: 4)
        ]
        report.streams[0].delayCurve = [DelayCurvePoint(delayMilliseconds: 20, lateLossPercent: 3)]
        let text = try report.jsonText()
        for key in [
            "\"name\" : \"fixed:50\"", "\"late_loss_percent\" : 1.5", "\"concealed_percent\" : 2",
            "\"mean_playout_delay_milliseconds\" : 50", "\"p99_playout_delay_milliseconds\" : 60", "\"r_factor\" : 80",
            "\"mos\" : 4", "\"delay_ms\" : 20", "\"late_loss_percent\" : 3",
        ] {
            #expect(text.contains(key), "missing \(key) in \(text)")
        }
    }
}
