import Foundation
import JitterbugTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// RTCP stays within RFC 3550 §6.2's 5 % of the session on the wire: a 20 s `send` to `recv`
/// on loopback, captured by tshark on `lo`, with every byte counted from the IP header up
/// (`ip.len`: IP + UDP headers + payload). It used to be 6.2–7.3 %; now about 4–4.5 %.
@Suite(
    .serialized,
    .enabled(if: CommandRunner.which("tshark") != nil && getuid() == 0, "needs tshark and root to capture on lo"))
struct RTCPBandwidthCommandTests {
    /// Bytes on the wire by kind, from a capture of one session on `port` (RTP) and `port + 1` (RTCP).
    struct WireBytes {
        var rtp = 0
        var senderRTCP = 0
        var receiverRTCP = 0
        var senderReports = 0
        var receiverReports = 0
        var rtcp: Int { senderRTCP + receiverRTCP }
    }

    static func wireBytes(capture: String, port: Int, tshark: String) throws -> WireBytes {
        let fields = try CommandRunner.run(
            tshark, ["-r", capture, "-Y", "udp", "-T", "fields", "-e", "udp.srcport", "-e", "udp.dstport", "-e", "ip.len"])
        #expect(fields.exitCode == 0, "\(fields.stderr)")
        var bytes = WireBytes()
        for line in fields.stdout.split(separator: "\n") {
            let f = line.split(separator: "\t")
            guard f.count == 3, let source = Int(f[0]), let destination = Int(f[1]), let length = Int(f[2]) else { continue }
            if destination == port {
                bytes.rtp += length
            } else if destination == port + 1 {
                bytes.senderRTCP += length
                bytes.senderReports += 1
            } else if source == port + 1 {
                bytes.receiverRTCP += length
                bytes.receiverReports += 1
            }
        }
        return bytes
    }

    @Test func rtcpIsAtMostFivePercentOfTheSessionOnTheWire() throws {
        let tshark = try #require(CommandRunner.which("tshark"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let capture = directory.appendingPathComponent("session.pcapng").path
        let port = CommandRunner.freeUDPPort()
        let capturing = try TsharkCapture.start(
            tshark: tshark, filter: "udp port \(port) or udp port \(port + 1)", to: capture, seconds: 35)
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "2s", "--duration", "30s", "--interval", "0s"])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--transport", "udp", "--tone", "440", "--duration", "20s"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)
        capturing.interrupt()
        _ = try capturing.finish(timeoutSeconds: 20)

        let wire = try Self.wireBytes(capture: capture, port: port, tshark: tshark)
        // Both sides did report, all along: not a budget met by staying silent.
        #expect(wire.senderReports >= 5, "sender reports: \(wire.senderReports)")
        #expect(wire.receiverReports >= 15, "receiver reports: \(wire.receiverReports)")
        #expect(wire.rtp > 20 * 5_000, "RTP bytes: \(wire.rtp)")
        let share = Double(wire.rtcp) / Double(wire.rtp + wire.rtcp)
        #expect(share <= 0.05, "RTCP \(wire.rtcp) of \(wire.rtp + wire.rtcp) bytes = \(share * 100) %")
        print("RTCP on the wire: \(wire.rtcp) of \(wire.rtp + wire.rtcp) bytes = \(share * 100) % (\(wire.senderReports) SR, \(wire.receiverReports) RR)")
    }
}
