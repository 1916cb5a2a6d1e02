import NIOCore
@testable import Pipelines
import Media
import RTP
import Testing

/// RTCP steers the receiver reports only when it comes from the validated stream's RTP port
/// (rtcp-mux) or port + 1 and names that stream's SSRC; anything else from the same host is
/// counted by reason and changes nothing (a forged SR from another port used to redirect the
/// next receiver reports there).
@Suite struct RTCPSourceValidationTests {
    static let rtp = try! SocketAddress(ipAddress: "192.0.2.1", port: 40_000)

    static func senderReport(ssrc: UInt32) -> [UInt8] {
        RTCPCompound.serialize([
            .senderReport(SenderReport(
                ssrc: ssrc, ntp: NTPTimestamp(seconds: 3_900_000_000, fraction: 0), rtpTimestamp: 0,
                packetCount: 10, octetCount: 1_000))
        ])
    }

    @Test func onlyTheStreamsOwnRTCPIsTaken() throws {
        let core = AudioReceiverCore(configuration: AudioReceiverConfiguration()) { (_: StreamKey, _: [Int16], _: AudioFormat) in }
        let packets = try AudioReceiverCoreTests.packets(count: 10)
        for (index, packet) in packets.enumerated() {
            try core.receive(packet.serialized(), from: Self.rtp, arrival: .milliseconds(20 * index), wallClock: .zero)
        }
        let ssrc = packets[0].header.ssrc
        let forgedPort = try SocketAddress(ipAddress: "192.0.2.1", port: 50_000)
        let rtcpPort = try SocketAddress(ipAddress: "192.0.2.1", port: 40_001)
        try core.receive(Self.senderReport(ssrc: ssrc), from: forgedPort, arrival: .milliseconds(210), wallClock: .zero)
        try core.receive(Self.senderReport(ssrc: ssrc &+ 1), from: rtcpPort, arrival: .milliseconds(220), wallClock: .zero)
        let report = try #require(core.rtcpReportIfDue(now: .milliseconds(230), wallClock: .zero, rtcpMux: false, goodbye: true))
        #expect(report.udpDestination.port == 40_001, "receiver reports go to port + 1, not to the forger")
        try core.receive(Self.senderReport(ssrc: ssrc), from: rtcpPort, arrival: .milliseconds(240), wallClock: .zero)
        let summary = core.finish()
        #expect(summary.rejected["rtcp_wrong_port"] == 1)
        #expect(summary.rejected["rtcp_unknown_ssrc"] == 1)
        #expect(summary.rejected.count == 2, "the genuine SR is taken: \(summary.rejected)")
    }
}
