import Media
import NIOCore
@testable import Pipelines
import RTP
import Testing

/// A sender's BYE gets one receiver report at once, so the sender's summary has the receiver's
/// final figures (a second sender used to hear only the last periodic report, and losses near
/// its end were missing from what it printed: a flaky 13 for 14 dropped).
@Suite struct GoodbyeAnswerTests {
    @Test func byeIsAnsweredAtOnceWithTheFinalFigures() throws {
        let core = AudioReceiverCore(configuration: AudioReceiverConfiguration()) { (_: StreamKey, _: [Int16], _: AudioFormat) in }
        let rtp = try SocketAddress(ipAddress: "192.0.2.1", port: 40_000)
        let rtcp = try SocketAddress(ipAddress: "192.0.2.1", port: 40_001)
        let packets = try AudioReceiverCoreTests.packets(count: 30)
        // Packet 27 is lost, near the end.
        for (index, packet) in packets.enumerated() where index != 27 {
            try core.receive(packet.serialized(), from: rtp, arrival: .milliseconds(20 * index), wallClock: .zero)
        }
        // A first regular report, then nothing is due for a while.
        _ = core.rtcpReportIfDue(now: .milliseconds(600), wallClock: .zero, rtcpMux: false)
        #expect(core.rtcpReportIfDue(now: .milliseconds(601), wallClock: .zero, rtcpMux: false) == nil)
        let bye = RTCPCompound.serialize([
            .senderReport(SenderReport(
                ssrc: packets[0].header.ssrc, ntp: NTPTimestamp(seconds: 3_900_000_000, fraction: 0), rtpTimestamp: 0,
                packetCount: 30, octetCount: 3_000)),
            .goodbye(Goodbye(ssrcs: [packets[0].header.ssrc], reason: nil)),
        ])
        try core.receive(bye, from: rtcp, arrival: .milliseconds(602), wallClock: .zero)
        let answer = try #require(core.rtcpReportIfDue(now: .milliseconds(603), wallClock: .zero, rtcpMux: false))
        #expect(answer.udpDestination == rtcp)
        let parsed = try RTCPCompound.parse(answer.bytes)
        guard case .receiverReport(let report)? = parsed.first else { Issue.record("no RR: \(parsed)"); return }
        #expect(report.reportBlocks.first?.cumulativeLost == 1, "the loss near the end is in the answer")
        // Once.
        #expect(core.rtcpReportIfDue(now: .milliseconds(604), wallClock: .zero, rtcpMux: false) == nil)
    }
}
