import Foundation
import JitterbugTestSupport
import Testing

/// The final summary's delay figures after a stream ends. The playout keeps ticking (holding its
/// slot) between a stream's last packet and its end, and the summary used to read the playout
/// point's delay then: a clean 5 s loopback stream was reported with 282 ms of buffer delay, a
/// 309 ms mouth-to-ear estimate and MOS 3.84. They must describe the frames that were played.
struct FinalSummaryDelayTests {
    @Test func aCleanStreamEndsWithTheDelayItWasPlayedAt() throws {
        let directory = try TemporaryDirectory.create()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("summary.json").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "2s", "--duration", "20s", "--no-tcp", "--json", json])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--tone", "440", "--duration", "3s", "--transport", "udp"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let playout = try #require(summary["playout_delay_ms"] as? Double, "\(summary)")
        let scaling = try #require(summary["playout_scaling"] as? [String: Any])
        let meanPlayed = try #require(scaling["mean_playout_delay_ms"] as? Double)
        let oneWay = try #require(summary["one_way_delay_p50_ms"] as? Double)
        let mouthToEar = try #require(summary["mouth_to_ear_ms"] as? Double)
        let mos = try #require(summary["mos_estimate"] as? Double)
        #expect(summary["lost_packets"] as? Int == 0)
        // The last played frame's delay, within a frame of the mean over every played frame.
        #expect(abs(playout - meanPlayed) <= 20, "playout \(playout) ms, mean played \(meanPlayed) ms")
        // Mouth to ear: network (p50) + that buffer delay + Opus (20 ms frame + 6.5 ms look-ahead).
        #expect(abs(mouthToEar - (oneWay + playout + 26.5)) < 0.01, "\(mouthToEar) against \(oneWay) + \(playout) + 26.5")
        // G.107 with no loss and under 100 ms one way: the codec's ceiling, 4.37 for Opus here.
        #expect(mos > 4.36, "MOS \(mos) on a clean loopback stream")
    }
}
