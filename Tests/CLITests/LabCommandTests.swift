import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `jitterbug lab`: UDP through the namespaces meets the seeded loss, and the receiver's loss
/// equals the lab's ground truth for the RTP port.
@Suite(
    .serialized,
    .enabled(if: getuid() == 0 && FileManager.default.fileExists(atPath: "/dev/net/tun"), "needs root and /dev/net/tun"))
struct LabCommandTests {
    @Test func receiverLossMatchesLabGroundTruth() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = directory.appendingPathComponent("summary.json").path
        let truth = directory.appendingPathComponent("truth").path
        let result = try CommandRunner.jitterbug(
            ["lab", "--impair", "loss=5%,delay=10ms,seed=3", "--impair-log", truth, "--",
             "recv", "--listen", "5004", "--until-idle", "1s", "--interval", "0s", "--json", summary, "::",
             "send", "--to", "{receiver}:5004", "--duration", "3s"],
            timeoutSeconds: 60)
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("link up (sender → receiver)"))
        let json = try readJSONObject(summary)
        let upLog = try String(contentsOfFile: truth + "-up.jsonl", encoding: .utf8)
        let droppedRTP = upLog.split(separator: "\n").filter {
            // UDP only: `auto` (the default) also keeps a TCP standby to port 5004.
            $0.contains("\"proto\":\"udp\"") && $0.contains("\"dst_port\":5004") && $0.contains("\"fate\":\"dropped\"")
        }.count
        #expect(droppedRTP > 2)
        #expect(json["lost_packets"] as? Int == droppedRTP, "receiver \(json["lost_packets"] ?? "?") vs lab \(droppedRTP)")
        let rtt = try #require(json["rtt_ms"] as? Double)
        #expect(rtt >= 19 && rtt < 60, "10 ms each way: \(rtt) ms")
        // Nothing of this lab is left behind (other suites may run labs of their own meanwhile).
        let ours = result.stdout.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "(),")) }
            .filter { $0.hasPrefix("jblab-") }
        #expect(ours.count == 2, "\(result.stdout)")
        let namespaces = try CommandRunner.run("/usr/bin/env", ["ip", "netns", "list"])
        for name in ours { #expect(!namespaces.stdout.contains(name)) }
    }
}
