import Foundation
import Testing

/// A 5 s tone from `send` through an `impair` relay into `recv`, with tshark capturing what
/// reached the receiver: the shared setup of the tests that check our counts against tshark's.
struct CapturedRelayRun {
    /// The pcapng of every datagram to the receiver's port.
    var capture: String
    /// The receiver's `--json` summary.
    var summaryPath: String
    var receiverPort: Int
    var sender: CommandResult
    var relayed: CommandResult

    /// Runs it in `directory` with the relay applying `impair`; `receiverOptions` go to `recv`.
    static func run(
        tshark: String, impair: String, in directory: URL, receiverOptions: [String] = []
    ) throws -> CapturedRelayRun {
        let capture = directory.appendingPathComponent("rtp.pcapng").path
        let summaryPath = directory.appendingPathComponent("summary.json").path
        let receiverPort = CommandRunner.freeUDPPort()
        let relayPort = CommandRunner.freeUDPPort()
        let capturing = try CommandRunner.startLoopbackCapture(
            tshark: tshark, filter: "udp dst port \(receiverPort)", to: capture, seconds: 12)
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(receiverPort)", "--until-idle", "1s", "--duration", "15s",
             "--interval", "0s", "--json", summaryPath] + receiverOptions)
        let relay = try CommandRunner.startListening(
            ["impair", "--listen", "127.0.0.1:\(relayPort)", "--forward", "127.0.0.1:\(receiverPort)",
             "--impair", impair, "--duration", "8s"],
            readyLine: "jitterbug impair: relaying")
        let sender = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:\(relayPort)", "--tone", "440", "--duration", "5s"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        let relayed = try relay.finish(timeoutSeconds: 20)
        capturing.interrupt()
        _ = try capturing.finish(timeoutSeconds: 20)
        return CapturedRelayRun(
            capture: capture, summaryPath: summaryPath, receiverPort: receiverPort, sender: sender, relayed: relayed)
    }
}
