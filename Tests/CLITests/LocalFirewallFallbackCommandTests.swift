import Foundation
import Testing

/// `send --transport auto` when a firewall on the sending host refuses outgoing UDP (nftables
/// output drop, which makes sendmsg fail with EPERM) for 2 s: the run goes on over TCP and
/// returns to UDP. Sender and receiver run in a network namespace the test makes and removes;
/// the nftables rule's counter is the independent count of what was refused.
@Suite(
    .serialized,
    .enabled(
        if: CommandRunner.which("ip") != nil && CommandRunner.which("nft") != nil && getuid() == 0,
        "needs root and ip and nft (iproute2, nftables: bash Tools/setup)"))
struct LocalFirewallFallbackCommandTests {
    @Test func autoFallsBackToTCPWhileUDPIsRefusedAndReturns() throws {
        let ip = try #require(CommandRunner.which("ip"))
        let nft = try #require(CommandRunner.which("nft"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = directory.appendingPathComponent("summary.json").path
        let port = 5004  // the namespace is ours: no other process can hold it
        let namespace = try NetworkNamespaceFirewall(name: "jbfw-\(getpid())", ip: ip, nft: nft)
        defer { namespace.remove() }
        let receiver = try namespace.startReceiver(
            ["--listen", "127.0.0.1:\(port)", "--until-idle", "2s",
             "--duration", "40s", "--interval", "0s", "--json", summary])
        defer { _ = try? receiver.finish(timeoutSeconds: 0) }
        let sender = try namespace.startJitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--transport", "auto",
             "--recover-after", "2s", "--duration", "10s"])
        defer { _ = try? sender.finish(timeoutSeconds: 0) }
        Thread.sleep(forTimeInterval: 2)
        try namespace.blockUDP(toPort: port)
        Thread.sleep(forTimeInterval: 2)
        let refused = try namespace.droppedPackets()
        try namespace.unblock()
        let sent = try sender.finish(timeoutSeconds: 30)
        #expect(sent.exitCode == 0, "\(sent.stdout)\n\(sent.stderr)")
        #expect(sent.stdout.contains("switched to TCP: UDP send failed"), "\(sent.stdout)")
        #expect(sent.stdout.contains("switched to UDP"), "\(sent.stdout)")
        #expect(sent.stdout.contains("ended on UDP"), "\(sent.stdout)")
        // Each datagram the rule dropped failed its send; the sender counted the same ones.
        #expect(refused > 0)
        #expect(sent.stdout.contains("\(refused) refused by the kernel"), "nft dropped \(refused): \(sent.stdout)")
        #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)
        let json = try readJSONObject(summary)
        #expect((json["packets_tcp"] as? Int ?? 0) > 50, "\(json)")
        #expect((json["lost_packets"] as? Int ?? -1) <= 3, "\(json)")
        #expect((json["packets"] as? Int ?? 0) >= 497, "\(json)")
    }

    /// The receiver's reports by UDP (from its RTCP port, RTP port + 1) are dropped for 4 s
    /// while RTP still flows: the sender says the way back is down and then back, in its
    /// output and its `--events` file, and does not leave UDP (the way there works).
    @Test func onlyTheReturnPathFailingIsAnEvent() throws {
        let ip = try #require(CommandRunner.which("ip"))
        let nft = try #require(CommandRunner.which("nft"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let events = directory.appendingPathComponent("events.jsonl").path
        let port = 5004
        let namespace = try NetworkNamespaceFirewall(name: "jbrp-\(getpid())", ip: ip, nft: nft)
        defer { namespace.remove() }
        let receiver = try namespace.startReceiver(
            ["--listen", "127.0.0.1:\(port)", "--until-idle", "2s",
             "--duration", "40s", "--interval", "0s"])
        defer { _ = try? receiver.finish(timeoutSeconds: 0) }
        let sender = try namespace.startJitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--duration", "10s", "--events", events])
        defer { _ = try? sender.finish(timeoutSeconds: 0) }
        Thread.sleep(forTimeInterval: 2)
        // On input: the reports are lost on the way, not refused to the receiver (a refused
        // send closes the receiver's RTCP socket, which ends its run: not this test's subject).
        try namespace.blockUDP(toPort: port + 1, match: "sport", hook: "input")
        Thread.sleep(forTimeInterval: 4)
        let dropped = try namespace.droppedPackets()
        try namespace.unblock()
        let sent = try sender.finish(timeoutSeconds: 30)
        #expect(sent.exitCode == 0, "\(sent.stdout)\n\(sent.stderr)")
        #expect(dropped > 0, "the rule dropped the receiver's reports")
        #expect(sent.stdout.contains("UDP return path (receiver to sender) down"), "\(sent.stdout)")
        #expect(sent.stdout.contains("UDP return path (receiver to sender) back"), "\(sent.stdout)")
        #expect(!sent.stdout.contains("switched to TCP"), "\(sent.stdout)")
        let records = try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
        #expect(records.map { $0["event"] as? String } == ["return_path_down", "return_path_back"], "\(records)")
        #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)
    }
}
