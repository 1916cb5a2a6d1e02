import Foundation
import Testing

/// `jitterbug recv … | head -1` and `jitterbug send … | head -1`: once the reader has gone, the
/// tool stops writing to stdout, finishes the run (WAV, JSON, BYE) and exits 0, as other Unix
/// tools do. It used to die on "Broken pipe" (exit 132) with its files unwritten.
@Suite(.serialized) struct ClosedStdoutCommandTests {
    @Test func receiverAndSenderFinishAfterTheirReaderCloses() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let wav = directory.appendingPathComponent("heard.wav").path
        let json = directory.appendingPathComponent("summary.json").path
        let port = CommandRunner.freeUDPPort()
        // bash reports the exit status of the first command of the pipe, not head's.
        let pipe = "\"$0\" \"$@\" | head -1; exit ${PIPESTATUS[0]}"
        let receiver = try CommandRunner.start(
            "/bin/bash",
            ["-c", pipe, CommandRunner.jitterbugPath, "recv", "--listen", "127.0.0.1:\(port)", "--duration", "20s",
             "--until-idle", "1s", "--interval", "0.2s", "--output", wav, "--json", json])
        try receiver.waitForLine(containing: "jitterbug recv: listening on")
        let sender = try CommandRunner.run(
            "/bin/bash",
            ["-c", pipe, CommandRunner.jitterbugPath, "send", "--to", "127.0.0.1:\(port)", "--duration", "2s",
             "--interval", "0.2s"],
            timeoutSeconds: 30)
        #expect(sender.exitCode == 0, "\(sender.stdout)\n\(sender.stderr)")
        #expect(sender.stdout.split(separator: "\n").count == 1)
        let received = try receiver.finish(timeoutSeconds: 30)
        #expect(received.exitCode == 0, "\(received.stderr)")
        #expect(!received.stderr.contains("Fatal error"))
        let wavBytes = (try FileManager.default.attributesOfItem(atPath: wav)[.size] as? NSNumber)?.intValue ?? 0
        #expect(wavBytes > 150_000, "2 s of 48 kHz mono is 192,044 bytes; got \(wavBytes)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        #expect((summary["packets"] as? Int ?? 0) > 90)
    }
}

/// Ctrl-C on `send`: it stops pacing, says BYE, prints its summary and exits 130 (it used to
/// die with no summary and no BYE).
@Suite(.serialized) struct SenderInterruptCommandTests {
    @Test func ctrlCSaysByePrintsTheSummaryAndExits130() throws {
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--duration", "30s", "--interval", "0s"])
        let sender = try CommandRunner.start(
            CommandRunner.jitterbugPath, ["send", "--to", "127.0.0.1:\(port)", "--duration", "30s", "--interval", "0.2s"])
        try sender.waitForLine(containing: "receiver reports:", timeoutSeconds: 10)
        sender.interrupt()
        let sent = try sender.finish(timeoutSeconds: 10)
        #expect(sent.exitCode == 130, "\(sent.stderr)")
        #expect(sent.stdout.contains("jitterbug send to 127.0.0.1:\(port): sent"), "\(sent.stdout)")
        #expect(sent.stdout.contains("rtcp: "))
        // The BYE ends the receiver long before its 30 s.
        let received = try receiver.finish(timeoutSeconds: 10)
        #expect(received.exitCode == 0)
        #expect(received.stdout.contains("sender said BYE"), "\(received.stdout)")
    }
}
