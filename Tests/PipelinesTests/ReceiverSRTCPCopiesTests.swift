import JitterbugSupport
import Media
import NIOCore
@testable import Pipelines
import RTP
import SRTP
import Testing

/// A receiver report that goes by UDP and on the sender's TCP connection is protected once per
/// copy: one SRTCP index on both made the sender drop the second copy as a replay, silently.
@Suite struct ReceiverSRTCPCopiesTests {
    @Test func eachPathGetsItsOwnSRTCPCopy() throws {
        var random = SplitMix64(seed: 5)
        let key = SRTPKeyMaterial.generate(suite: .aesCM128HMACSHA1_80, using: &random)
        let senderSRTP = try SRTPSession(role: .sender, key: key)
        var configuration = AudioReceiverConfiguration()
        configuration.srtp = try SRTPSession(role: .receiver, key: key)
        let core = AudioReceiverCore(configuration: configuration) { (_: StreamKey, _: [Int16], _: AudioFormat) in }
        let source = try SocketAddress(ipAddress: "192.0.2.1", port: 40_000)
        for (index, packet) in try AudioReceiverCoreTests.packets(count: 10).enumerated() {
            try core.receive(
                try senderSRTP.protectRTP(packet.serialized()), from: source, arrival: .milliseconds(20 * index),
                wallClock: .zero, path: .tcp(connectionID: 1))
        }
        let report = try #require(core.rtcpReportIfDue(now: .milliseconds(230), wallClock: .zero, rtcpMux: true, goodbye: true))
        #expect(report.tcp == .tcp(connectionID: 1))
        let tcpCopy = try #require(report.tcpBytes, "a TCP copy of its own")
        #expect(tcpCopy != report.bytes)
        // The sender unprotects both, in either order, without a replay failure.
        #expect(try senderSRTP.unprotectRTCP(report.bytes) == senderSRTP.unprotectRTCP(tcpCopy))
    }
}
