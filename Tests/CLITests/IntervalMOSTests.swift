import Foundation
import JitterbugTestSupport
import Testing

/// The interval lines' MOS describes that interval. It was the last RTCP report's estimate,
/// which lags by up to a reporting interval (5 s): a second in which a 1 s blackhole lost 65 %
/// could show MOS 4.37, and clean seconds after it 2.42.
struct IntervalMOSTests {
    @Test func eachIntervalsMOSFollowsItsOwnLoss() throws {
        let directory = try TemporaryDirectory.create()
        defer { try? FileManager.default.removeItem(at: directory) }
        let jsonl = directory.appendingPathComponent("intervals.jsonl").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "2s", "--duration", "30s", "--no-tcp",
             "--interval", "1s", "--jsonl", jsonl])
        // The sender drops everything from 2 s to 3 s (the impairment's ground truth: 50 frames).
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--tone", "440", "--duration", "6s", "--transport", "udp",
             "--impair", "blackhole=2s+1s"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)
        let records = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let lossy = records.filter { ($0["lost_percent"] as? Double ?? 0) >= 20 }
        let clean = records.filter {
            ($0["lost"] as? Int) == 0 && ($0["late"] as? Int) == 0 && ($0["packets"] as? Int ?? 0) >= 20
        }
        #expect(records.reduce(0) { $0 + ($1["lost"] as? Int ?? 0) } == 50, "\(records)")
        #expect(!lossy.isEmpty && clean.count >= 3, "\(records)")
        // G.107 (Opus provisional, Bpl 10 at a burst ratio ≥ 1): 20 % loss or more is below 3.
        for record in lossy { #expect(record["mos"] as? Double ?? 5 < 3, "\(record)") }
        // No loss, no lateness, tens of ms: the codec's ceiling.
        for record in clean { #expect(record["mos"] as? Double ?? 0 > 4.3, "\(record)") }
    }
}
