import Foundation
import JitterbugTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// With loss, duplicates and reordering, each count agrees with an independent reference:
/// `lost_packets`, `duplicate_packets` and `packets` with the impairment relay's own counts, and
/// `rfc3550_cumulative_lost` (expected − received with duplicates) with tshark's "Lost" column.
@Suite(
    .serialized,
    .enabled(if: CommandRunner.which("tshark") != nil && getuid() == 0, "needs tshark and root to capture on lo"))
struct TsharkDuplicateAccountingTests {
    @Test func lossAndDuplicatesAgreeWithTheRelayAndTshark() throws {
        let tshark = try #require(CommandRunner.which("tshark"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let capture = directory.appendingPathComponent("rtp.pcapng").path
        let summaryPath = directory.appendingPathComponent("summary.json").path
        let receiverPort = CommandRunner.freeUDPPort()
        let relayPort = CommandRunner.freeUDPPort()
        let capturing = try CommandRunner.start(
            tshark, ["-i", "lo", "-f", "udp dst port \(receiverPort)", "-w", capture, "-a", "duration:12"])
        try capturing.waitForLine(containing: "Capturing on")
        #expect(Wait.until(timeoutSeconds: 10) { FileManager.default.fileExists(atPath: capture) })
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(receiverPort)", "--until-idle", "1s", "--duration", "15s",
             "--interval", "0s", "--json", summaryPath])
        let relay = try CommandRunner.startListening(
            ["impair", "--listen", "127.0.0.1:\(relayPort)", "--forward", "127.0.0.1:\(receiverPort)",
             "--impair", "loss=5%,duplicate=8%,reorder=10%,delay=30ms,seed=5", "--duration", "8s"],
            readyLine: "jitterbug impair: relaying")
        let sender = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:\(relayPort)", "--tone", "440", "--duration", "5s"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        let relayed = try relay.finish(timeoutSeconds: 20)
        capturing.interrupt()
        _ = try capturing.finish(timeoutSeconds: 20)

        let sent = try #require(sender.stdout.firstMatch(of: /sent (\d+) packets/).flatMap { Int($0.1) }, "\(sender.stdout)")
        let counts = try #require(
            relayed.stdout.firstMatch(of: /up rtp: (\d+) in, \d+ out, (\d+) dropped, (\d+) duplicated/), "\(relayed.stdout)")
        let dropped = try #require(Int(counts.2))
        let duplicated = try #require(Int(counts.3))
        #expect(Int(counts.1) == sent)
        #expect(dropped > 0 && duplicated > 0)

        let summary = try readJSONObject(summaryPath)
        let figures = "\(summary.filter { $0.key.contains("packets") || $0.key.contains("lost") })"
        #expect(summary["packets"] as? Int == sent - dropped, "\(figures)")
        #expect(summary["lost_packets"] as? Int == dropped, "\(figures)")
        #expect(summary["duplicate_packets"] as? Int == duplicated, "\(figures)")
        #expect(summary["rfc3550_cumulative_lost"] as? Int == dropped - duplicated, "\(figures)")

        let streams = try CommandRunner.run(
            tshark, ["-r", capture, "-q", "-d", "udp.port==\(receiverPort),rtp", "-z", "rtp,streams"])
        let lostByTshark = try #require(TsharkAgreementTests.lostColumn(streams.stdout), "\(streams.stdout)")
        #expect(summary["rfc3550_cumulative_lost"] as? Int == lostByTshark, "\(figures) vs tshark \(streams.stdout)")
    }
}
