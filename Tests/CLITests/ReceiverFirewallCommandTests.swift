import Foundation
import Testing

/// A firewall on the receiver's host that refuses its receiver reports (nftables output drop on
/// the RTCP port: sendmsg fails with EPERM, and NIO closes the socket) stops the reports, not the
/// run: every RTP packet is still received and the refusals are counted (the run used to end at
/// the first refused report). Receiver and sender run in a namespace the test makes and removes.
@Suite(.serialized) struct ReceiverFirewallCommandTests {
    @Test func refusedReceiverReportsDoNotEndTheRun() throws {
        let ip = try #require(CommandRunner.which("ip"))
        let nft = try #require(CommandRunner.which("nft"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = directory.appendingPathComponent("summary.json").path
        let port = 5004
        let namespace = try NetworkNamespaceFirewall(name: "jbrf-\(getpid())", ip: ip, nft: nft)
        defer { namespace.remove() }
        try namespace.blockUDP(toPort: port + 1, match: "sport", hook: "output")
        let receiver = try namespace.startReceiver(
            ["--listen", "127.0.0.1:\(port)", "--no-tcp", "--until-idle", "2s",
             "--duration", "30s", "--interval", "0s", "--json", summary])
        defer { _ = try? receiver.finish(timeoutSeconds: 0) }
        let sent = try namespace.startJitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--transport", "udp", "--duration", "4s"]).finish(timeoutSeconds: 30)
        #expect(sent.exitCode == 0, "\(sent.stderr)")
        let refused = try namespace.droppedPackets()
        let received = try receiver.finish(timeoutSeconds: 30)
        #expect(received.exitCode == 0, "\(received.stdout)\n\(received.stderr)")
        let json = try readJSONObject(summary)
        #expect(refused > 0, "the rule refused the receiver's reports")
        #expect(json["packets"] as? Int == 200, "every packet of the 4 s stream: \(json)")
        #expect((json["rtcp_send_errors"] as? Int ?? 0) >= 1, "\(json)")
        #expect(received.stdout.contains("rtcp send errors"), "\(received.stdout)")
    }
}
