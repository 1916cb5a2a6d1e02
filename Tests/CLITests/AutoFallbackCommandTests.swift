import Foundation
import Testing

/// `send --transport auto` through a UDP blackhole, end to end: audio continues over TCP within
/// 1.5 s of the outage, comes back to UDP within recover-after + 1 s of its end, and nothing is
/// lost beyond what was sent during detection. The fallback, reconnection and TCP deadline
/// details are tested in process (`PipelinesTests/SenderPipelineTests`).
@Suite(.serialized) struct AutoFallbackCommandTests {
    @Test func fallsBackToTCPAndReturns() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = directory.appendingPathComponent("summary.json").path
        let events = directory.appendingPathComponent("events.jsonl").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "2s", "--duration", "40s", "--interval", "0s",
             "--json", summary])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--transport", "auto", "--recover-after", "2s", "--duration", "10s",
             "--impair", "blackhole=3s+3s", "--events", events],
            timeoutSeconds: 40)
        #expect(sender.exitCode == 0, "\(sender.stdout)\n\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)
        let records = try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
        let switches = records.filter { $0["event"] as? String == "switch" }
        #expect(switches.count == 2, "\(records)")
        // The blackhole is on the way there only: the receiver's reports still come by UDP.
        let directions = records.compactMap { $0["event"] as? String }.filter { $0.hasPrefix("forward_path") }
        #expect(directions == ["forward_path_down", "forward_path_back"], "\(records)")
        let down = try #require(switches.first)
        let up = try #require(switches.last)
        #expect(down["to"] as? String == "tcp")
        #expect(up["to"] as? String == "udp")
        let downAt = try #require(down["t_s"] as? Double)
        let upAt = try #require(up["t_s"] as? Double)
        #expect(downAt > 3 && downAt <= 4.5, "fell back at \(downAt) s")
        #expect(upAt > 6 && upAt <= 9.0, "back on UDP at \(upAt) s (recover-after 2 s + 1 s after the outage ended at 6 s)")
        let json = try readJSONObject(summary)
        #expect((json["packets_tcp"] as? Int ?? 0) > 100)
        let lost = try #require(json["lost_packets"] as? Int)
        let detectionFrames = Int(((downAt - 3) / 0.020).rounded(.up)) + 2
        #expect(lost <= detectionFrames, "lost \(lost), detection took \(detectionFrames) frames")
    }

    /// `auto` is the default; against a receiver with no TCP listener (here `recv --no-tcp`, as
    /// ffmpeg or GStreamer would be) it streams on UDP, says once that the TCP standby is
    /// unavailable, and prints nothing about its quiet retries.
    @Test func defaultAutoWithoutATCPListenerIsOneLineAndUDP() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = directory.appendingPathComponent("summary.json").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--no-tcp", "--until-idle", "1s", "--duration", "20s",
             "--interval", "0s", "--json", summary])
        let sender = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:\(port)", "--duration", "3s"])
        #expect(sender.exitCode == 0, "\(sender.stdout)\n\(sender.stderr)")
        let standby = sender.stdout.split(separator: "\n").filter { $0.contains("TCP") && !$0.hasPrefix("auto: ") }
        #expect(standby.isEmpty, "only the standby line and the auto summary mention TCP: \(sender.stdout)")
        let lines = sender.stdout.split(separator: "\n").filter { $0.contains("TCP standby") }
        #expect(lines == ["auto: TCP standby to 127.0.0.1:\(port) unavailable (connection refused); streaming on UDP, trying TCP again quietly"], "\(sender.stdout)")
        #expect(!sender.stdout.contains("switched"), "\(sender.stdout)")
        #expect(sender.stderr.isEmpty, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        let json = try readJSONObject(summary)
        #expect(json["packets_udp"] as? Int == 150, "\(json)")
        #expect(json["packets_tcp"] as? Int == 0, "\(json)")
    }
}
