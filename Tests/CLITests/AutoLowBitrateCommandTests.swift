import Foundation
import Testing

/// `send --transport auto` at a low bit rate on a healthy loopback path stays on UDP with its
/// one standby TCP connection: RFC 3550 spaces RTCP by the media rate, and at 8 kbit/s the
/// receiver's reports come more than 1 s apart and the sender's more than 2 s apart, which made
/// `auto` fall back ("no receiver report for 1.0 s") and the receiver close the silent standby.
@Suite(.serialized) struct AutoLowBitrateCommandTests {
    @Test func lowBitrateStaysOnUDPWithOneStandbyConnection() throws {
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "2s", "--duration", "30s", "--interval", "0s"])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--transport", "auto", "--bitrate", "8k", "--tone", "440",
             "--duration", "8s"],
            timeoutSeconds: 40)
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)
        #expect(!sender.stdout.contains("switched to"), "\(sender.stdout)")
        #expect(sender.stdout.contains("0 switches, 1 TCP connection,"), "\(sender.stdout)")
        #expect(sender.stdout.contains("receiver reported 0 lost"), "\(sender.stdout)")
    }
}
