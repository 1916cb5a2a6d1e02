import Foundation
import Testing

/// `recv` interval lines, JSON, JSONL and CSV agree with each other and with the final summary;
/// RTCP gives a plausible RTT on loopback in both directions.
@Suite(.serialized) struct ReportingCommandTests {
    /// Duplicates make RFC 3550's cumulative lost negative; the sender says "0 lost, N more
    /// received than sent", never "-N lost". An interval in which nothing arrived has no MOS.
    @Test func duplicatesAreNotNegativeLossAndEmptyIntervalsHaveNoMOS() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let jsonl = directory.appendingPathComponent("intervals.jsonl").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--duration", "20s", "--interval", "0.5s", "--jsonl", jsonl])
        usleep(1_100_000)  // part of the test: two intervals with nothing in them come first
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--duration", "2s", "--impair", "duplicate=30%,seed=1"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(!sender.stdout.contains("reported -"), "\(sender.stdout)")
        #expect(sender.stdout.contains("more received than sent (duplicates)"), "\(sender.stdout)")
        #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)
        let records = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let empty = records.filter { ($0["packets"] as? Int) == 0 }
        #expect(!empty.isEmpty)
        #expect(empty.allSatisfy { $0["mos"] is NSNull }, "\(empty)")
        #expect(records.contains { ($0["packets"] as? Int ?? 0) > 0 && $0["mos"] is Double })
    }

    @Test func outputsParseAndAgree() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("summary.json").path
        let jsonl = directory.appendingPathComponent("intervals.jsonl").path
        let csv = directory.appendingPathComponent("intervals.csv").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "2s", "--duration", "20s", "--interval", "1s",
             "--json", json, "--jsonl", jsonl, "--csv", csv])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--tone", "440", "--duration", "4s", "--interval", "1s",
             "--impair", "loss=5%,seed=2"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        let received = try receiver.finish(timeoutSeconds: 20)
        #expect(received.exitCode == 0, "\(received.stderr)")

        let summary = try readJSONObject(json)
        let lines = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n")
        let records = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        #expect(records.count >= 3)
        // The intervals add up to the final figures.
        let intervalPackets = records.compactMap { $0["packets"] as? Int }.reduce(0, +)
        let intervalLost = records.compactMap { $0["lost"] as? Int }.reduce(0, +)
        #expect(abs(intervalPackets - (summary["packets"] as? Int ?? -1)) <= 1, "\(intervalPackets) vs \(summary["packets"] ?? "?")")
        #expect(intervalLost == summary["lost_packets"] as? Int)
        // CSV carries the same rows.
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.first?.hasPrefix("t_start_s,t_end_s,packets,lost,expected") == true)
        #expect(rows.count == records.count + 1)
        let csvPackets = rows.dropFirst().compactMap { Int($0.split(separator: ",", omittingEmptySubsequences: false)[2]) }
        #expect(csvPackets == records.compactMap { $0["packets"] as? Int })
        // One interval line per record on stdout, after the header.
        let intervalLines = received.stdout.split(separator: "\n").filter { $0.hasPrefix("[") && $0.contains("-") }
        #expect(intervalLines.count >= records.count)

        // RTCP: both ends know the round-trip time, and it is loopback-small.
        let rtt = try #require(summary["rtt_ms"] as? Double)
        #expect(rtt > 0 && rtt < 50)
        #expect(summary["sender_bye"] as? Bool == true)
        #expect((summary["rtcp_reports_sent"] as? Int ?? 0) >= 2)
        #expect(sender.stdout.contains("receiver reports: rtt"))
        #expect(sender.stdout.contains("receiver reported \(summary["lost_packets"] as? Int ?? -1) lost"))
        let mos = try #require(summary["mos_estimate"] as? Double)
        #expect(mos > 1 && mos < 4.5)
    }
}
