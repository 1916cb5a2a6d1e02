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
        let run = try RelayCaptureRun.run(tshark: tshark, impair: "loss=5%,duplicate=8%,reorder=10%,delay=30ms,seed=5", in: directory)
        let (capture, summaryPath, receiverPort, sender) = (run.capture, run.summaryPath, run.receiverPort, run.sender)
        let relayed = run.relayed

        let sent = try #require(sender.stdout.firstMatch(of: /sent (\d+) packets/).flatMap { Int($0.1) }, "\(sender.stdout)")
        let (relayReceived, dropped, duplicated) = try run.relayCounts()
        #expect(relayReceived == sent, "\(relayed.stdout)")
        #expect(dropped > 0 && duplicated > 0)

        let summary = try readJSONObject(summaryPath)
        let figures = "\(summary.filter { $0.key.contains("packets") || $0.key.contains("lost") })"
        #expect(summary["packets"] as? Int == sent - dropped, "\(figures)")
        #expect(summary["lost_packets"] as? Int == dropped, "\(figures)")
        #expect(summary["duplicate_packets"] as? Int == duplicated, "\(figures)")
        #expect(summary["rfc3550_cumulative_lost"] as? Int == dropped - duplicated, "\(figures)")

        let lostByTshark = try #require(try TsharkRTPStreams.rows(tshark: tshark, capture: capture, port: receiverPort).first?.lost)
        #expect(summary["rfc3550_cumulative_lost"] as? Int == lostByTshark, "\(figures) vs tshark \(lostByTshark)")
    }
}
