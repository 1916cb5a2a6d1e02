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
        let receiver = try CommandRunner.start(
            ip,
            namespace.exec(
                [CommandRunner.jitterbugPath, "recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "2s",
                 "--duration", "40s", "--interval", "0s", "--json", summary]))
        defer { _ = try? receiver.finish(timeoutSeconds: 0) }
        try receiver.waitForLine(containing: "jitterbug recv: listening on")
        let sender = try CommandRunner.start(
            ip,
            namespace.exec(
                [CommandRunner.jitterbugPath, "send", "--to", "127.0.0.1:\(port)", "--transport", "auto",
                 "--recover-after", "2s", "--duration", "10s"]))
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
}
