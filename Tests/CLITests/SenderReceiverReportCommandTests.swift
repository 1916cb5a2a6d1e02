import Foundation
import Testing

/// What the receiver reports by RTCP reaches each sender's summary and `send --json`, as
/// iperf3's client prints the server's results: loss (never negative, duplicates apart), jitter
/// and round trip, checked against the sender's own impairment counts and the receiver's JSON.
@Suite(.serialized) struct SenderReceiverReportCommandTests {
    @Test func sendJSONCarriesTheReceiversLossJitterAndRTT() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sent = directory.appendingPathComponent("sent.json").path
        let heard = directory.appendingPathComponent("heard.json").path
        let log = directory.appendingPathComponent("impair.jsonl").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "2s", "--duration", "20s", "--interval", "0s",
             "--json", heard])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--transport", "udp", "--tone", "440", "--duration", "4s",
             "--impair", "loss=5%,seed=3", "--impair-log", log, "--json", sent])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)

        let json = try readJSONObject(sent)
        let reported = try #require(json["receiver_reported"] as? [String: Any], "\(json)")
        // The sender's impairment dropped these before the socket (its ground-truth log): the
        // receiver's last report (sent after our BYE) must count every one of them, and nothing
        // else on loopback.
        let dropped = try Self.visibleDrops(impairLog: log)
        #expect(dropped > 0)
        #expect(reported["lost_packets"] as? Int == dropped, "\(reported) vs \(dropped) dropped")
        #expect(reported["duplicates"] as? Int == 0)
        #expect((reported["rtt_ms"] as? Double).map { $0 > 0 && $0 < 50 } == true, "\(reported)")
        let jitter = try #require(reported["jitter_ms"] as? Double)
        let receiverJSON = try readJSONObject(heard)
        let receiverJitter = try #require(receiverJSON["jitter_ms"] as? Double)
        // RTCP carries jitter in whole timestamp units (1/48 ms).
        #expect(abs(jitter - receiverJitter) <= 0.05, "reported \(jitter) vs receiver \(receiverJitter)")
        #expect(receiverJSON["lost_packets"] as? Int == dropped)
        // The console line says the same.
        #expect(sender.stdout.contains("receiver reported \(dropped) lost of \(json["packets"] as? Int ?? -1) sent"), "\(sender.stdout)")
        #expect(sender.stdout.contains("rtt ") && !sender.stdout.contains("rtt n/a"))
    }

    @Test func telemetryJitterIsReportedAtItsOwnNinetyKilohertzClock() throws {
        // RTCP carries jitter in RTP timestamp units: for telemetry those are 90 kHz, and the
        // sender read them as 48 kHz (1.875 times too much).
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sent = directory.appendingPathComponent("sent.json").path
        let heard = directory.appendingPathComponent("heard.json").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "2s", "--duration", "20s", "--interval", "0s",
             "--json", heard])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--transport", "udp", "--telemetry", "imu", "--rate", "100hz",
             "--duration", "3s", "--impair", "delay=5ms,jitter=3ms,seed=2", "--json", sent])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)
        let reported = try #require(try readJSONObject(sent)["receiver_reported"] as? [String: Any])
        let jitter = try #require(reported["jitter_ms"] as? Double)
        let receiverJitter = try #require(try readJSONObject(heard)["jitter_ms"] as? Double)
        #expect(receiverJitter > 0.3, "the impairment should make jitter visible")
        #expect(abs(jitter - receiverJitter) <= 0.1 * receiverJitter, "reported \(jitter) ms vs receiver \(receiverJitter) ms")
    }

    @Test func twoSendersToOneReceiverEachGetTheirOwnReports() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "2s", "--duration", "20s", "--interval", "0s"])
        var senders: [(RunningCommand, String, String)] = []
        for (index, loss) in ["loss=4%,seed=1", "loss=8%,seed=2"].enumerated() {
            let path = directory.appendingPathComponent("sent\(index).json").path
            let log = directory.appendingPathComponent("impair\(index).jsonl").path
            let command = try CommandRunner.start(
                CommandRunner.jitterbugPath,
                ["send", "--to", "127.0.0.1:\(port)", "--transport", "udp", "--tone", "\(440 + 220 * index)",
                 "--duration", "4s", "--impair", loss, "--impair-log", log, "--json", path])
            senders.append((command, path, log))
        }
        for (index, (command, path, log)) in senders.enumerated() {
            let result = try command.finish(timeoutSeconds: 30)
            #expect(result.exitCode == 0, "sender \(index): \(result.stderr)")
            let json = try readJSONObject(path)
            #expect((json["rtcp_reports_received"] as? Int ?? 0) >= 2, "sender \(index): \(json)")
            let reported = try #require(json["receiver_reported"] as? [String: Any], "sender \(index) got no report: \(json)")
            let dropped = try Self.visibleDrops(impairLog: log)
            #expect(reported["lost_packets"] as? Int == dropped, "sender \(index): \(reported) vs \(dropped) dropped\n\(result.stdout)")
            #expect((reported["rtt_ms"] as? Double).map { $0 > 0 && $0 < 50 } == true, "sender \(index): \(reported)")
            #expect(reported["jitter_ms"] is Double, "sender \(index): \(reported)")
        }
        _ = try receiver.finish(timeoutSeconds: 30)
    }

    /// Packets the impairment's ground-truth log dropped between the first and the last one it
    /// delivered: the losses a receiver can see (RFC 3550 counts from the first packet received
    /// to the highest, so a drop before or after those is invisible to anyone).
    static func visibleDrops(impairLog: String) throws -> Int {
        let records = try String(contentsOfFile: impairLog, encoding: .utf8).split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let fates = records.compactMap { record -> (Int, Bool)? in
            guard record["path"] as? String == "rtp", let index = record["index"] as? Int else { return nil }
            return (index, record["fate"] as? String == "delivered")
        }
        let delivered = fates.filter { $0.1 }.map { $0.0 }
        guard let first = delivered.min(), let last = delivered.max() else { return 0 }
        return fates.filter { !$0.1 && $0.0 > first && $0.0 < last }.count
    }
}
