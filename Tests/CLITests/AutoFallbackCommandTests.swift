import Foundation
import Testing

/// `send --transport auto` through a UDP blackhole: audio continues over TCP within 1.5 s of the
/// outage, comes back to UDP within recover-after + 1 s of its end, and nothing is lost beyond
/// what was sent during detection.
@Suite(.serialized) struct AutoFallbackCommandTests {
    @Test func fallsBackToTCPAndReturns() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = directory.appendingPathComponent("summary.json").path
        let events = directory.appendingPathComponent("events.jsonl").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.start(
            CommandRunner.jitterbugPath,
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "2s", "--duration", "40s", "--interval", "0s",
             "--json", summary])
        usleep(700_000)
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--transport", "auto", "--recover-after", "2s", "--duration", "10s",
             "--impair", "blackhole=3s+3s", "--events", events],
            timeoutSeconds: 40)
        #expect(sender.exitCode == 0, "\(sender.stdout)\n\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)
        let switches = try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
        #expect(switches.count == 2, "\(switches)")
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

    /// The receiver restarts while the sender is on TCP (`auto` after a UDP blackhole, or
    /// `tcp`): the sender makes the TCP connection again, and the new receiver gets the rest of
    /// the stream by TCP.
    @Test(arguments: ["auto", "tcp"])
    func tcpConnectionIsMadeAgainAfterAReceiverRestart(transport: String) throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = directory.appendingPathComponent("summary.json").path
        let events = directory.appendingPathComponent("events.jsonl").path
        let port = CommandRunner.freeUDPPort()
        let recv = ["recv", "--listen", "127.0.0.1:\(port)", "--interval", "0s"]
        let first = try CommandRunner.start(CommandRunner.jitterbugPath, recv + ["--duration", "4s"])
        usleep(700_000)
        // With auto, UDP is blackholed from 1 s on, so the sender is on TCP when the first
        // receiver exits.
        let impair = transport == "auto" ? ["--impair", "blackhole=1s+20s"] : []
        let sender = try CommandRunner.start(
            CommandRunner.jitterbugPath,
            ["send", "--to", "127.0.0.1:\(port)", "--transport", transport, "--duration", "10s", "--events", events]
                + impair)
        #expect(try first.finish(timeoutSeconds: 20).exitCode == 0)
        let second = try CommandRunner.start(
            CommandRunner.jitterbugPath, recv + ["--until-idle", "2s", "--duration", "30s", "--json", summary])
        let sent = try sender.finish(timeoutSeconds: 40)
        #expect(sent.exitCode == 0, "\(sent.stdout)\n\(sent.stderr)")
        #expect(sent.stdout.contains("TCP connection closed after"), "\(sent.stdout)")
        #expect(sent.stdout.contains("TCP connection made again (connection 2)"), "\(sent.stdout)")
        #expect(sent.stdout.contains(transport == "auto" ? "2 TCP connections" : "2 connections"), "\(sent.stdout)")
        #expect(try second.finish(timeoutSeconds: 30).exitCode == 0)
        let lines = try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
        let kinds = lines.compactMap { $0["event"] as? String }
        if transport == "auto" { #expect(kinds.first == "switch", "\(kinds)") }
        let closedAt = try #require(kinds.firstIndex(of: "tcp_closed"), "\(kinds)")
        let madeAt = try #require(kinds.firstIndex(of: "tcp_connected"), "\(kinds)")
        #expect(closedAt < madeAt)
        #expect(lines[madeAt]["connection"] as? Int == 2)
        // The second receiver starts about 4 s into the 10 s stream: most of the rest comes by TCP.
        let json = try readJSONObject(summary)
        #expect((json["packets_tcp"] as? Int ?? 0) > 150, "\(json)")
    }
}
