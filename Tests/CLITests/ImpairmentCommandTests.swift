import Foundation
import Testing

/// Loss measured by our receiver equals the impairment engine's ground truth, whether the
/// impairment is in the sender (`send --impair`) or in the relay (`jitterbug impair`).
@Suite(.serialized) struct ImpairmentCommandTests {
    /// Dropped RTP packets in a ground-truth log (lines for the given path).
    static func droppedCount(log path: String, path label: String) throws -> Int {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            .filter { $0.contains("\"path\":\"\(label)\"") && $0.contains("\"fate\":\"dropped\"") }.count
    }

    @Test func relayLossMatchesGroundTruth() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let truth = directory.appendingPathComponent("truth.jsonl").path
        let summary = directory.appendingPathComponent("summary.json").path
        let receiverPort = CommandRunner.freeUDPPort()
        let relayPort = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(receiverPort)", "--until-idle", "1s", "--duration", "20s", "--json", summary])
        let relay = try CommandRunner.startListening(
            ["impair", "--listen", "127.0.0.1:\(relayPort)", "--forward", "127.0.0.1:\(receiverPort)",
             "--impair", "loss=ge:10%/3,seed=5", "--impair-log", truth, "--duration", "8s"],
            readyLine: "jitterbug impair: relaying")
        let sender = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:\(relayPort)", "--tone", "700", "--duration", "3s"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        let received = try receiver.finish(timeoutSeconds: 20)
        #expect(received.exitCode == 0, "\(received.stderr)")
        let relayed = try relay.finish(timeoutSeconds: 20)
        #expect(relayed.exitCode == 0, "\(relayed.stderr)")
        #expect(relayed.stdout.contains("up rtp: 150 in"))
        let dropped = try Self.droppedCount(log: truth, path: "rtp up")
        #expect(dropped > 5)
        let json = try readJSONObject(summary)
        #expect(json["lost_packets"] as? Int == dropped, "receiver \(json["lost_packets"] ?? "?") vs truth \(dropped)")
    }

    @Test func senderSideImpairmentMatchesGroundTruth() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let truth = directory.appendingPathComponent("truth.jsonl").path
        let summary = directory.appendingPathComponent("summary.json").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "20s", "--json", summary])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--tone", "500", "--duration", "3s", "--fec",
             "--impair", "loss=10%,delay=20ms,jitter=5ms,seed=3", "--impair-log", truth])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        let received = try receiver.finish(timeoutSeconds: 20)
        #expect(received.exitCode == 0, "\(received.stderr)")
        let dropped = try Self.droppedCount(log: truth, path: "rtp")
        #expect(dropped > 5)
        #expect(sender.stdout.contains("\(dropped) of 150 packets dropped"))
        let json = try readJSONObject(summary)
        #expect(json["lost_packets"] as? Int == dropped)
        let buffer = json["jitter_buffer"] as? [String: Any]
        #expect(buffer?["balanced"] as? Bool == true)
        #expect((buffer?["recovered_fec"] as? Int ?? 0) > 0, "FEC should rebuild some isolated losses")
    }

    @Test func badSpecNamesTheTerm() throws {
        let result = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:9", "--impair", "loss=5"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("loss=5"))
        #expect(result.stderr.contains("loss=P%"))
    }
}
